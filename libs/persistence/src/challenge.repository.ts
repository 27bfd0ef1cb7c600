import type { DataSource } from 'typeorm';
import { ChallengeRepository } from '@signet/domain';
import { AuthChallengeOrmEntity } from './orm/auth-challenge.orm-entity';

/** ChallengeRepository on PostgreSQL. */
export class PgChallengeRepository extends ChallengeRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async insert(challenge: { nonce: string; credentialId: string; expiresAt: Date }): Promise<void> {
    await this.dataSource.manager.insert(AuthChallengeOrmEntity, { ...challenge, usedAt: null });
  }

  async consume(nonce: string, credentialId: string, now: Date): Promise<boolean> {
    const consumed = await this.dataSource
      .createQueryBuilder()
      .update(AuthChallengeOrmEntity)
      .set({ usedAt: now })
      .where('nonce = :nonce AND credential_id = :credentialId AND used_at IS NULL AND expires_at > :now', {
        nonce,
        credentialId,
        now,
      })
      .execute();
    return (consumed.affected ?? 0) > 0;
  }
}
