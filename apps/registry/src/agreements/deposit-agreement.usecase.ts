import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson, formatBlockchainId, recordHash, sealedDigest, signaturesHash } from '@signet/formats';
import {
  AgreementStatus,
  AgreementStore,
  BlobStore,
  DEPOSIT_LIMITS,
  DomainError,
  ErrorCode,
  type DepositContext,
  type NewDeposit,
  type Caller,
  type CredentialRecord,
} from '@signet/domain';
import { SignetMetrics } from '../observability/metrics';
import { ChainIdentity } from './chain-identity';
import type { DepositCommand, DepositItemResult, DepositOutcome } from './deposit-command';
import { parseDeposit, type ParsedDeposit } from './deposit-validation';
import {
  checkAgreementId,
  checkParent,
  checkRecipients,
  checkSignatures,
  liveParties,
} from './deposit-checks';
import { answerablePrincipals, dealTerms } from './ratification-rules';

/**
 * What an idempotency key is bound to: the whole command, with the sealed blob standing in
 * by its digest (computed anyway). Internal only (never on chain), so the fast native hash
 * will do. The blob is ~15 k of base64 in a deposit of ~16 k: serialising and hashing it
 * again here was about a fifth of the memory a deposit allocated (V8's sampling heap
 * profiler); without it the service ran 13% fewer scavenges for the same deposits.
 */
function requestHashOf(command: DepositCommand, sealedBlobDigest: string): string {
  return sha256Hex(canonicalJson({ ...command, sealedBlob: sealedBlobDigest }));
}

/** The request hash of rows written before requestHashOf: the blob's base64 hashed whole. */
function legacyRequestHashOf(command: DepositCommand): string {
  return sha256Hex(canonicalJson(command));
}

function sha256Hex(text: string): string {
  return `0x${createHash('sha256').update(text).digest('hex')}`;
}

/** A refusal is an answer for its deposit; anything else (storage, database) fails the call. */
function refusal(error: unknown): DepositItemResult {
  if (error instanceof DomainError) return { error };
  throw error;
}

/**
 * Flow 2 and 3 of DESIGN.md: every check before anything is stored, then the blob, then
 * one transaction with the agreement, its signatures and wraps, an audit event and (when
 * no principal must ratify first) the outbox row that gets it anchored.
 */
@Injectable()
export class DepositAgreementUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
    @Inject(SignetMetrics) private readonly metrics: SignetMetrics,
  ) {}

  /** One deposit: its refusal is thrown. */
  async execute(caller: Caller, command: DepositCommand): Promise<DepositOutcome> {
    const [result] = await this.executeMany(caller, [command]);
    if ('error' in result) throw result.error;
    return result.outcome;
  }

  /**
   * A batch of deposits by one caller, each checked and answered on its own: a refused one
   * stores nothing and does not hold back the rest. The accepted ones share one context
   * read, parallel blob writes and one insert, which is what makes batches cheap. A failure
   * of storage or database fails the call as a whole, before anything is acknowledged.
   */
  async executeMany(caller: Caller, commands: DepositCommand[]): Promise<DepositItemResult[]> {
    if (commands.length === 0 || commands.length > DEPOSIT_LIMITS.maxBatchSize) {
      throw new DomainError(ErrorCode.BadInput, `1 to ${DEPOSIT_LIMITS.maxBatchSize} deposits per call`, {
        field: 'inputs',
      });
    }
    const results = new Array<DepositItemResult | undefined>(commands.length);
    const parsed = commands.map((command, index) => {
      try {
        return parseDeposit(command);
      } catch (error) {
        results[index] = refusal(error);
        return undefined;
      }
    });
    this.refuseRepeats(commands, results);
    const pending = commands.flatMap((command, index) =>
      results[index] ? [] : [{ index, command, parsed: parsed[index]! }],
    );
    const contexts = await this.store.loadDepositContexts(
      caller.credentialId,
      pending.map(({ command, parsed: { metadata } }) => ({
        idempotencyKey: command.idempotencyKey,
        parties: metadata.parties,
        jurisdictions: metadata.jurisdictions,
        parentId: metadata.parentId ?? null,
      })),
    );
    const accepted: Array<{ index: number; deposit: NewDeposit }> = [];
    // The deposits are checked side by side (their signatures on the thread pool), and each
    // blob is written as soon as its deposit passed. Content-addressed and written once: if
    // the insert below fails, a blob is an unreferenced object, never a wrong one.
    const writes: Array<Promise<{ failed: unknown } | undefined>> = [];
    await Promise.all(
      pending.map(async ({ index, command, parsed: item }, position) => {
        let checked: Awaited<ReturnType<typeof this.check>>;
        try {
          checked = await this.check(caller, command, item, contexts[position]);
        } catch (error) {
          results[index] = refusal(error);
          return;
        }
        if ('replayed' in checked) {
          results[index] = { outcome: checked };
          return;
        }
        accepted.push({ index, deposit: checked.deposit });
        const key = checked.deposit.agreement.sealedDigest.slice(2);
        writes.push(
          this.blobs.putDigested(key, checked.blob).then(
            () => undefined,
            (failed: unknown) => ({ failed }),
          ),
        );
      }),
    );
    accepted.sort((a, b) => a.index - b.index);
    const stored = Promise.all(writes).then((written) => {
      const failure = written.find((write) => write !== undefined);
      if (failure) throw failure.failed;
    });
    stored.catch(() => undefined); // awaited below; a failure must not be "unhandled" meanwhile
    // The rows are written while the blobs are still being stored, and committed once they
    // are: the insert's time overlaps the object store's (2 ms off a batch of 10's p50,
    // measured side by side with npm run bench:deposit:ab).
    const refusals = await this.insertAll(
      accepted.map(({ deposit }) => deposit),
      stored,
    );
    for (const [position, { index, deposit }] of accepted.entries()) {
      const error = refusals[position];
      results[index] = error ? { error } : { outcome: this.outcomeOf(deposit) };
    }
    return results.map((result) => result!);
  }

  /**
   * Inserts together, committed once `stored` (the blobs) has resolved; on a conflict (a
   * concurrent deposit of the same id or key), one by one, so that only the conflicting ones
   * are refused. The refusal per deposit, in order.
   */
  private async insertAll(
    deposits: NewDeposit[],
    stored?: Promise<void>,
  ): Promise<Array<DomainError | undefined>> {
    try {
      await this.store.insertDeposits(deposits, stored);
      return deposits.map(() => undefined);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ErrorCode.Conflict)) throw error;
      await stored;
      if (deposits.length === 1) return [error];
    }
    const refusals: Array<DomainError | undefined> = [];
    for (const deposit of deposits) {
      try {
        await this.store.insertDeposits([deposit]);
        refusals.push(undefined);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refusals.push(error);
      }
    }
    return refusals;
  }

  private outcomeOf({ agreement }: NewDeposit): DepositOutcome {
    this.metrics.deposits.inc({ status: agreement.status });
    return {
      agreementId: agreement.id,
      blockchainId: this.blockchainId(agreement.id),
      status: agreement.status,
      replayed: false,
    };
  }

  /** Within one batch an idempotency key or an agreement id may appear only once. */
  private refuseRepeats(commands: DepositCommand[], results: Array<DepositItemResult | undefined>): void {
    const keys = new Set<string>();
    const ids = new Set<string>();
    for (const [index, command] of commands.entries()) {
      if (results[index]) continue;
      if (keys.has(command.idempotencyKey)) {
        results[index] = refusal(
          new DomainError(ErrorCode.BadInput, 'this idempotencyKey appears earlier in the batch', {
            field: 'idempotencyKey',
          }),
        );
      } else if (ids.has(command.agreementId)) {
        results[index] = refusal(
          new DomainError(ErrorCode.Conflict, 'this agreement appears earlier in the batch', {
            agreementId: command.agreementId,
          }),
        );
      }
      keys.add(command.idempotencyKey);
      ids.add(command.agreementId);
    }
  }

  /** Every check of flows 2 and 3; the answer to a replay, or the rows to write. */
  private async check(
    caller: Caller,
    command: DepositCommand,
    parsed: ParsedDeposit,
    context: DepositContext,
  ): Promise<DepositOutcome | { deposit: NewDeposit; blob: Uint8Array }> {
    const digest = sealedDigest(parsed.blob);
    const requestHash = requestHashOf(command, digest);
    const { metadata } = parsed;
    if (context.earlier) return this.replay(context.earlier, command, requestHash);

    if (!metadata.parties.includes(caller.credentialId)) {
      throw new DomainError(ErrorCode.NotAParty, 'the depositing agent must be a party to the agreement');
    }
    const id = checkAgreementId(this.chain, command, parsed);
    const parties = liveParties(metadata.parties, context.parties);
    const signatures = await checkSignatures(id, digest, parties, command.signatures);
    const wraps = checkRecipients(command.wraps, parties, context.regulators);
    const organizationIds = [...new Set(parties.map((party) => party.organizationId!))];
    checkParent(metadata.parentId ?? null, context.parent, organizationIds);
    await this.checkSupersedes(metadata.supersedes ?? null, organizationIds);
    const needsRatification = this.exceedsAMandate(parties, parsed);

    const sigsHash = signaturesHash(signatures);
    const record = recordHash(id, digest, sigsHash);
    const status = needsRatification ? AgreementStatus.PendingRatification : AgreementStatus.PendingAnchor;
    const deposit: NewDeposit = {
      agreement: {
        id,
        status,
        type: metadata.type,
        jurisdictions: metadata.jurisdictions,
        parties: metadata.parties,
        organizationIds,
        parentId: metadata.parentId ?? null,
        supersedesId: metadata.supersedes ?? null,
        effectiveAt: new Date(metadata.effectiveAt),
        expiresAt: new Date(metadata.expiresAt),
        value: metadata.value ?? null,
        currency: metadata.currency ?? null,
        metadata: parsed.canonicalMetadata,
        metadataHash: parsed.metadataHash,
        commitment: command.commitment,
        sealedDigest: digest,
        sealedSize: parsed.blob.length,
        nonce: command.nonce,
        signaturesHash: sigsHash,
        recordHash: record,
        depositorId: caller.credentialId,
        idempotencyKey: command.idempotencyKey,
        requestHash,
      },
      signatures: signatures.map((signature) => ({
        credentialId: signature.credentialId,
        signingKey: signature.publicKey,
        signature: signature.signature,
        kind: 'party',
      })),
      wraps,
      audit: { action: 'agreement.deposit', actor: caller, agreementId: id, detail: { status } },
      anchor: needsRatification
        ? null
        : { kind: 'agreement', subjectId: id, payload: { recordHash: record } },
    };
    return { deposit, blob: parsed.blob };
  }

  private replay(
    earlier: NonNullable<DepositContext['earlier']>,
    command: DepositCommand,
    requestHash: string,
  ): DepositOutcome {
    if (earlier.requestHash !== requestHash && earlier.requestHash !== legacyRequestHashOf(command)) {
      throw new DomainError(
        ErrorCode.IdempotencyConflict,
        'this idempotency key was used for a different deposit',
        { agreementId: earlier.id },
      );
    }
    return {
      agreementId: earlier.id,
      blockchainId: this.blockchainId(earlier.id),
      status: earlier.status,
      replayed: true,
    };
  }

  private blockchainId(id: string): string {
    return formatBlockchainId({
      chainId: this.chain.chainId,
      registry: this.chain.registryAddress,
      agreementId: id,
    });
  }

  /** Only a final agreement of the same organisations can be amended. */
  private async checkSupersedes(oldId: string | null, organizationIds: string[]): Promise<void> {
    if (!oldId) return;
    const old = await this.store.findAgreement(oldId);
    if (!old)
      throw new DomainError(ErrorCode.NotFound, `no agreement ${oldId} to amend`, { supersedes: oldId });
    if (old.status !== AgreementStatus.Final) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `only a FINAL agreement can be amended; it is ${old.status}`,
        {
          supersedes: oldId,
          status: old.status,
        },
      );
    }
    const same =
      old.organizationIds.length === organizationIds.length &&
      organizationIds.every((organization) => old.organizationIds.includes(organization));
    if (!same) {
      throw new DomainError(
        ErrorCode.ParentPartiesMismatch,
        'the amended agreement binds other organisations',
        {
          supersedes: oldId,
        },
      );
    }
  }

  private exceedsAMandate(parties: CredentialRecord[], parsed: ParsedDeposit): boolean {
    return answerablePrincipals(parties, dealTerms(parsed.metadata), new Date()).length > 0;
  }
}
