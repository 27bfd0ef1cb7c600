import {
  agreementId,
  canonicalJson,
  metadataHash,
  recordHash,
  signaturesHash,
  type AgreementMetadata,
  type PartySignature,
} from '@signet/formats';
import { compareAmounts } from '../agreements/decimal-amount';
import type { AgreementRecord, SignatureRecord } from '../agreements/records';
import { runCheck, type VerificationCheck } from './verification-check';

export interface RegistryIdentity {
  chainId: number;
  registryAddress: string;
}

/**
 * The index row checked against itself: every column that repeats something the chain
 * binds by hash is recomputed from the stored canonical metadata and signatures. A row
 * edited by hand (a date, a jurisdiction, the metadata text, a signature) fails the check
 * named `index-<what>`; the chain comparison then says whether the row still matches it.
 */
export function checkIndexRow(
  row: AgreementRecord,
  signatures: SignatureRecord[],
  registry: RegistryIdentity,
): VerificationCheck[] {
  const checks: VerificationCheck[] = [];
  let metadata: AgreementMetadata | undefined;
  checks.push(
    runCheck(
      'index-metadata-hash',
      () => {
        metadata = JSON.parse(row.metadata) as AgreementMetadata;
        if (canonicalJson(metadata) !== row.metadata) return 'the stored metadata is not in canonical form';
        const actual = metadataHash(metadata);
        return (
          actual === row.metadataHash ||
          `the stored metadata hashes to ${actual}, the row says ${row.metadataHash}`
        );
      },
      'the stored metadata hashes to the stored metadataHash',
    ),
  );
  const meta = (): AgreementMetadata => {
    if (metadata === undefined) throw new Error('cannot compare: the stored metadata does not parse');
    return metadata;
  };
  checks.push(...columnChecks(row, meta));
  checks.push(
    runCheck(
      'index-agreement-id',
      () => {
        const m = meta();
        const actual = agreementId({
          chainId: registry.chainId,
          registry: registry.registryAddress,
          commitment: row.commitment,
          metadataHash: metadataHash(m),
          parties: m.parties,
          parentId: m.parentId ?? null,
          nonce: row.nonce,
        });
        return actual === row.id || `commitment, metadata, parties, parent and nonce give ${actual}`;
      },
      'the id is the EIP-712 hash of the stored fields on this registry',
    ),
  );
  let partySignatures: PartySignature[] | undefined;
  checks.push(
    runCheck(
      'index-signatures-hash',
      () => {
        partySignatures = row.parties.map((party) => {
          const found = signatures.find((s) => s.kind === 'party' && s.credentialId === party);
          if (!found) throw new Error(`no stored signature of party ${party}`);
          return { credentialId: party, publicKey: found.signingKey, signature: found.signature };
        });
        const actual = signaturesHash(partySignatures);
        return (
          actual === row.signaturesHash ||
          `the stored signatures hash to ${actual}, the row says ${row.signaturesHash}`
        );
      },
      'the stored signatures hash to the stored signaturesHash',
    ),
  );
  checks.push(
    runCheck(
      'index-record-hash',
      () => {
        if (partySignatures === undefined) return 'cannot recompute: the stored signatures are incomplete';
        const actual = recordHash(row.id, row.sealedDigest, signaturesHash(partySignatures));
        return (
          actual === row.recordHash ||
          `id, sealed digest and signatures give ${actual}, the row says ${row.recordHash}`
        );
      },
      'the stored recordHash binds the id, the sealed digest and the signatures',
    ),
  );
  return checks;
}

/** The searchable columns must say what the hashed metadata says. */
function columnChecks(row: AgreementRecord, meta: () => AgreementMetadata): VerificationCheck[] {
  const equalLists = (a: string[], b: string[]): boolean =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  const sameInstant = (column: Date, value: string): boolean =>
    column.getTime() === new Date(value).getTime();
  const column = (
    name: string,
    matches: (m: AgreementMetadata) => boolean,
    describe: (m: AgreementMetadata) => string,
  ) => runCheck(`index-${name}`, () => matches(meta()) || describe(meta()), `the column equals the metadata`);
  return [
    column(
      'type',
      (m) => m.type === row.type,
      (m) => `the row says ${row.type}, the metadata ${m.type}`,
    ),
    column(
      'parties',
      (m) => equalLists(m.parties, row.parties),
      () => 'the parties column differs from metadata.parties',
    ),
    column(
      'jurisdictions',
      (m) => equalLists(m.jurisdictions, row.jurisdictions),
      (m) => `the row says [${row.jurisdictions.join(', ')}], the metadata [${m.jurisdictions.join(', ')}]`,
    ),
    column(
      'parent-id',
      (m) => (m.parentId ?? null) === row.parentId,
      (m) => `the row says ${row.parentId}, the metadata ${m.parentId ?? null}`,
    ),
    column(
      'effective-at',
      (m) => sameInstant(row.effectiveAt, m.effectiveAt),
      (m) => `the row says ${row.effectiveAt.toISOString()}, the metadata ${m.effectiveAt}`,
    ),
    column(
      'expires-at',
      (m) => sameInstant(row.expiresAt, m.expiresAt),
      (m) => `the row says ${row.expiresAt.toISOString()}, the metadata ${m.expiresAt}`,
    ),
    column(
      'value',
      (m) =>
        (m.value ?? null) === null || row.value === null
          ? (m.value ?? null) === row.value && (m.currency ?? null) === row.currency
          : compareAmounts(m.value!, row.value) === 0 && m.currency === row.currency,
      (m) =>
        `the row says ${row.value ?? '-'} ${row.currency ?? ''}, the metadata ${m.value ?? '-'} ${m.currency ?? ''}`,
    ),
  ];
}
