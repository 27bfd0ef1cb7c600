import { Inject, Injectable } from '@nestjs/common';
import {
  AgreementStore,
  AuditTrailRepository,
  canSee,
  DomainError,
  ErrorCode,
  verifyAuditChain,
  type AgreementRecord,
  type AuditFields,
  type AuditVerdict,
  type Caller,
  type ServedLink,
  type StoredAuditEvent,
  type StoredCheckpoint,
} from '@signet/domain';
import { resolveAgreementId } from '../agreements/agreement-id-input';
import { ChainIdentity } from '../agreements/chain-identity';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { AuditSequencer } from './audit-sequencer';

export const MAX_CHAIN_PAGE = 1000;

export interface AuditTrail {
  agreement: AgreementRecord;
  events: StoredAuditEvent[];
  pending: StoredAuditEvent[];
  head: { seq: number; hash: string } | null;
  checkpoint: StoredCheckpoint | null;
}

/**
 * Who did what to an agreement, and the means to check that nothing was left out: the
 * parties and the regulators of its jurisdictions (and courts, and the operator, whose
 * reading the trail is administration, not sealed text) may read it.
 */
@Injectable()
export class AuditTrailUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(ChainIdentity) private readonly chainIdentity: ChainIdentity,
    @Inject(ChainGateway) private readonly chain: ChainGateway,
    @Inject(AuditSequencer) private readonly sequencer: AuditSequencer,
    @Inject(AuditTrailRepository) private readonly trails: AuditTrailRepository,
  ) {}

  async trail(caller: Caller, idInput: string): Promise<AuditTrail> {
    const agreement = await this.scoped(caller, idInput);
    // So that a reader sees its own access (and everything committed before it) in order.
    await this.sequencer.round(true);
    const all = await this.trails.eventsOf(agreement.id);
    const [head, checkpoints] = await Promise.all([this.trails.head(), this.trails.minedCheckpoints()]);
    return {
      agreement,
      events: all.filter((event) => event.fields.seq !== null),
      pending: all.filter((event) => event.fields.seq === null),
      head,
      checkpoint: checkpoints[0] ?? null,
    };
  }

  async chainPage(caller: Caller, idInput: string, fromSeq: number, first: number): Promise<ServedLink[]> {
    if (!Number.isInteger(fromSeq) || fromSeq < 1) throw bad('fromSeq', 'must be 1 or more');
    if (!Number.isInteger(first) || first < 1 || first > MAX_CHAIN_PAGE) {
      throw bad('first', `must be between 1 and ${MAX_CHAIN_PAGE}`);
    }
    const agreement = await this.scoped(caller, idInput);
    return this.trails.links(fromSeq, first, agreement.id);
  }

  /**
   * The same checks `signet audit` makes, run here over the whole chain against the
   * checkpoints on chain (those Signet recorded, when the chain cannot be read).
   */
  async verdict(agreementId: string): Promise<AuditVerdict> {
    const links: ServedLink[] = [];
    for (let from = 1; ; from += MAX_CHAIN_PAGE) {
      const page = await this.trails.links(from, MAX_CHAIN_PAGE, agreementId);
      links.push(...page);
      if (page.length < MAX_CHAIN_PAGE) break;
    }
    const events: AuditFields[] = links.flatMap((link) =>
      link.event ? [{ ...link.event.fields, seq: link.seq }] : [],
    );
    return verifyAuditChain({ agreementId, links, events, checkpoints: await this.checkpoints() });
  }

  head(): Promise<{ seq: number; hash: string } | null> {
    return this.trails.head();
  }

  private async checkpoints(): Promise<{ sequence: number; head: string }[]> {
    try {
      const logs = await this.chain.registry.findAuditCheckpoints();
      return logs.map((log) => ({ sequence: Number(log.sequence), head: log.head }));
    } catch {
      return (await this.trails.minedCheckpoints()).map(({ sequence, head }) => ({ sequence, head }));
    }
  }

  private async scoped(caller: Caller, idInput: string): Promise<AgreementRecord> {
    const id = resolveAgreementId(idInput, this.chainIdentity);
    const agreement = await this.store.findAgreement(id);
    if (!agreement || !(caller.role === 'operator' || canSee(caller, agreement))) {
      throw new DomainError(ErrorCode.NotFound, `no agreement ${id}`);
    }
    return agreement;
  }
}

function bad(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadInput, `${field}: ${message}`, { field });
}
