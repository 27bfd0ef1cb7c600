/** Single-use login challenges. */
export abstract class ChallengeRepository {
  abstract insert(challenge: { nonce: string; credentialId: string; expiresAt: Date }): Promise<void>;
  /**
   * Marks the challenge used in one conditional statement, so a replay or a race of two uses
   * finds nothing to consume; false if it was unknown, expired, used or another credential's.
   */
  abstract consume(nonce: string, credentialId: string, now: Date): Promise<boolean>;
}
