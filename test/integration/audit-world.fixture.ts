import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { toHex, type AgreementMetadata } from '@signet/formats';
import { createDraft, depositInput, signDraft } from '@signet/sdk';
import type { Caller } from '@signet/domain';
import { FileBlobStore } from '@signet/storage';
import { TypeormAgreementStore, TypeormPolicyPackStore } from '@signet/persistence';
import { DepositAgreementUseCase } from '../../apps/registry/src/agreements/deposit-agreement.usecase';
import { createDepositPolicy } from '../../apps/registry/src/policy/policy.module';
import { SignetMetrics } from '../../apps/registry/src/observability/metrics';
import { addMember, addOrganization, depositWorld, designate, type Member } from './fixtures/deposit-world';

export const CHAIN = { chainId: 31337, registryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
export const TEXT = 'The parties agree to keep each other’s secrets.\nSigned in Berlin.';

/** The deposit world, plus a supervisory authority whose regulators belong to one organisation. */
export async function auditWorld(dataSource: DataSource) {
  const world = await depositWorld(dataSource);
  const authority = await addOrganization(dataSource, `BaFin ${Math.random().toString(16).slice(2, 8)}`);
  const bafin = await addMember(dataSource, {
    role: 'regulator',
    organizationId: authority,
    jurisdictions: ['DE'],
  });
  await designate(dataSource, 'DE', bafin.id);
  const bafinRotated = await addMember(dataSource, {
    role: 'regulator',
    organizationId: authority,
    jurisdictions: ['DE'],
  });
  const french = await addMember(dataSource, {
    role: 'regulator',
    organizationId: null,
    jurisdictions: ['FR'],
  });
  const court = await addMember(dataSource, { role: 'court', organizationId: null });
  const operator: Caller = {
    credentialId: `0x${'0f'.repeat(32)}`,
    role: 'operator',
    organizationId: null,
    jurisdictions: [],
  };
  const store = new TypeormAgreementStore(dataSource);
  const blobs = new FileBlobStore(mkdtempSync(join(tmpdir(), 'signet-blobs-')));
  const deposits = new DepositAgreementUseCase(store, blobs, CHAIN, new SignetMetrics(), createDepositPolicy(new TypeormPolicyPackStore(dataSource)));

  /** A deposited NDA between Acme and Globex in DE, sealed to both regulators of DE. */
  async function deposit(): Promise<string> {
    const recipients = [
      ...[world.acmeAgent, world.globexAgent].map((m) => ({
        credentialId: m.id,
        kind: 'party',
        signingKey: toHex(m.keys.signing.publicKey),
        boxKey: toHex(m.keys.box.publicKey),
        keyId: '',
      })),
      ...[world.regulator, bafin].map((m: Member) => ({
        credentialId: m.id,
        kind: 'regulator',
        boxKey: toHex(m.keys.box.publicKey),
        keyId: '',
      })),
    ];
    const metadata: AgreementMetadata = {
      type: 'nda',
      parties: [world.acmeAgent.id, world.globexAgent.id],
      jurisdictions: ['DE'],
      effectiveAt: '2026-01-01',
      expiresAt: '2030-01-01',
    };
    const { draft } = createDraft({
      text: TEXT,
      metadata,
      recipients,
      chainId: CHAIN.chainId,
      registry: CHAIN.registryAddress,
    });
    const signed = signDraft(signDraft(draft, world.acmeAgent.keys), world.globexAgent.keys);
    const outcome = await deposits.execute(world.acmeAgent.caller, depositInput(signed));
    return outcome.agreementId;
  }

  return { ...world, bafin, bafinRotated, french, court, operator, store, blobs, deposit };
}
