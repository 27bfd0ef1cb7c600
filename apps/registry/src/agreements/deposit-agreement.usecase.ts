import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  agreementId as computeAgreementId,
  canonicalJson,
  ed25519Verify,
  formatBlockchainId,
  fromHex,
  keyId,
  recordHash,
  sealedDigest,
  signaturesHash,
  type PartySignature,
} from '@signet/formats';
import {
  AgreementStatus,
  AgreementStore,
  BlobStore,
  DomainError,
  ErrorCode,
  isInForce,
  type DepositContext,
  type Caller,
  type CredentialRecord,
} from '@signet/domain';
import { SignetMetrics } from '../observability/metrics';
import { ChainIdentity } from './chain-identity';
import type { DepositCommand, DepositOutcome } from './deposit-command';
import { parseDeposit, type ParsedDeposit } from './deposit-validation';
import { answerablePrincipals, dealTerms } from './ratification-rules';

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

  async execute(caller: Caller, command: DepositCommand): Promise<DepositOutcome> {
    const parsed = parseDeposit(command);
    // Internal only (never on chain): the fast native hash will do.
    const requestHash = `0x${createHash('sha256').update(canonicalJson(command)).digest('hex')}`;
    const { metadata } = parsed;
    const context = await this.store.loadDepositContext({
      depositorId: caller.credentialId,
      idempotencyKey: command.idempotencyKey,
      parties: metadata.parties,
      jurisdictions: metadata.jurisdictions,
      parentId: metadata.parentId ?? null,
    });
    if (context.earlier) return this.replay(context.earlier, requestHash);

    if (!metadata.parties.includes(caller.credentialId)) {
      throw new DomainError(ErrorCode.NotAParty, 'the depositing agent must be a party to the agreement');
    }
    const id = this.checkAgreementId(command, parsed);
    const parties = this.liveParties(metadata.parties, context.parties);
    const signatures = this.checkSignatures(id, parties, command.signatures);
    const wraps = this.checkRecipients(command.wraps, parties, context.regulators);
    const organizationIds = [...new Set(parties.map((party) => party.organizationId!))];
    this.checkParent(metadata.parentId ?? null, context.parent, organizationIds);
    await this.checkSupersedes(metadata.supersedes ?? null, organizationIds);
    const needsRatification = this.exceedsAMandate(parties, parsed);

    const digest = sealedDigest(parsed.blob);
    const sigsHash = signaturesHash(signatures);
    const record = recordHash(id, digest, sigsHash);
    const status = needsRatification ? AgreementStatus.PendingRatification : AgreementStatus.PendingAnchor;
    // Content-addressed and written once: if the transaction below fails, the blob is an
    // unreferenced object, never a wrong one.
    await this.blobs.putDigested(digest.slice(2), parsed.blob);
    await this.store.insertDeposit({
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
    });
    this.metrics.deposits.inc({ status });
    return { agreementId: id, blockchainId: this.blockchainId(id), status, replayed: false };
  }

  private replay(earlier: NonNullable<DepositContext['earlier']>, requestHash: string): DepositOutcome {
    if (earlier.requestHash !== requestHash) {
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

  private checkAgreementId(command: DepositCommand, parsed: ParsedDeposit): string {
    const expected = computeAgreementId({
      chainId: this.chain.chainId,
      registry: this.chain.registryAddress,
      commitment: command.commitment,
      metadataHash: parsed.metadataHash,
      parties: parsed.metadata.parties,
      parentId: parsed.metadata.parentId ?? null,
      nonce: command.nonce,
    });
    if (expected !== command.agreementId) {
      throw new DomainError(
        ErrorCode.AgreementIdMismatch,
        'agreementId is not the hash of this commitment, metadata, parties, parent and nonce on this registry',
        { expected },
      );
    }
    return expected;
  }

  private liveParties(ids: string[], credentials: CredentialRecord[]): CredentialRecord[] {
    const found = new Map(credentials.map((credential) => [credential.id, credential]));
    const now = Date.now();
    return ids.map((id) => {
      const credential = found.get(id);
      if (!credential)
        throw new DomainError(ErrorCode.PartyNotLive, `party ${id} holds no credential`, { party: id });
      if (credential.role !== 'agent') {
        throw new DomainError(ErrorCode.PartyNotLive, `party ${id} is not an agent credential`, {
          party: id,
        });
      }
      if (credential.revokedAt) {
        throw new DomainError(ErrorCode.PartyNotLive, `party ${id}'s credential is revoked`, { party: id });
      }
      if (credential.expiresAt && credential.expiresAt.getTime() <= now) {
        throw new DomainError(ErrorCode.PartyNotLive, `party ${id}'s credential has expired`, { party: id });
      }
      if (!credential.organizationId) {
        throw new DomainError(ErrorCode.PartyNotLive, `party ${id} belongs to no organisation`, {
          party: id,
        });
      }
      return credential;
    });
  }

  /** Every party signed the id with its credential's key; the result is in party order. */
  private checkSignatures(
    id: string,
    parties: CredentialRecord[],
    given: DepositCommand['signatures'],
  ): PartySignature[] {
    const byCredential = new Map(given.map((signature) => [signature.credentialId, signature.signature]));
    const extra = given.find((signature) => !parties.some((party) => party.id === signature.credentialId));
    if (extra) {
      throw new DomainError(ErrorCode.InvalidSignature, `${extra.credentialId} is not a party`, {
        credentialId: extra.credentialId,
      });
    }
    const message = fromHex(id);
    return parties.map((party) => {
      const signature = byCredential.get(party.id);
      if (!signature) {
        throw new DomainError(ErrorCode.MissingSignature, `party ${party.id} has not signed`, {
          party: party.id,
        });
      }
      if (!ed25519Verify(message, fromHex(signature), fromHex(party.signingKey))) {
        throw new DomainError(ErrorCode.InvalidSignature, `party ${party.id}'s signature does not verify`, {
          party: party.id,
        });
      }
      return { credentialId: party.id, publicKey: party.signingKey, signature };
    });
  }

  /** The data key must be wrapped for every party and every designated regulator. */
  private checkRecipients(
    wraps: DepositCommand['wraps'],
    parties: CredentialRecord[],
    regulators: CredentialRecord[],
  ) {
    const recipients = new Map<string, CredentialRecord>();
    for (const credential of [...parties, ...regulators])
      recipients.set(keyId(fromHex(credential.boxKey)), credential);
    const given = new Set(wraps.map((wrap) => wrap.keyId));
    for (const [id, credential] of recipients) {
      if (!given.has(id)) {
        throw new DomainError(
          ErrorCode.MissingRecipient,
          `the sealed text is not wrapped for ${credential.role} ${credential.id}`,
          { credentialId: credential.id, keyId: id },
        );
      }
    }
    return wraps.map((wrap) => ({
      keyId: wrap.keyId,
      box: wrap.box,
      credentialId: recipients.get(wrap.keyId)?.id ?? null,
    }));
  }

  /** "The same parties" means the same organisations: their agents may change between deals. */
  private checkParent(
    parentId: string | null,
    parent: DepositContext['parent'],
    organizationIds: string[],
  ): void {
    if (!parentId) return;
    if (!parent) throw new DomainError(ErrorCode.ParentUnknown, `no agreement ${parentId}`, { parentId });
    if (!isInForce(parent.status) || parent.expiresAt.getTime() <= Date.now()) {
      throw new DomainError(
        ErrorCode.ParentNotInForce,
        `the parent agreement is ${parent.status}, not in force`,
        {
          parentId,
          status: parent.status,
        },
      );
    }
    const same =
      parent.organizationIds.length === organizationIds.length &&
      organizationIds.every((organization) => parent.organizationIds.includes(organization));
    if (!same) {
      throw new DomainError(ErrorCode.ParentPartiesMismatch, 'the parent agreement binds other parties', {
        parentId,
      });
    }
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
