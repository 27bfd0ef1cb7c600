import { NonceManager, Wallet } from 'ethers';
import { RegistryClient, createProvider } from '@signet/chain';
import { credentialNotAfter, sealCredentialDocument, type CredentialDocument } from '@signet/domain';
import {
  BUNDLE_VERSION,
  RECEIPT_V2_VERSION,
  agreementId,
  buildBatch,
  commitment,
  ed25519Sign,
  formatBlockchainId,
  fromHex,
  generateKeyPair,
  keccak256Hex,
  metadataHash,
  partySignatureMessage,
  recordHash,
  serialiseBundle,
  signaturesHash,
  terminationDetail,
  terminationMessage,
  toHex,
  type AgreementMetadata,
  type EvidenceBundle,
  type PartySignature,
  type Receipt,
  type SignetKeyPair,
  type StatusEvidence,
} from '@signet/formats';

/** A credential the court world issued: its keys, document and issuer signature. */
export interface CourtMember {
  id: string;
  keys: SignetKeyPair;
  document: string;
  issuerSignature: string;
}

export interface CourtDeal {
  id: string;
  blockchainId: string;
  metadata: AgreementMetadata;
  commitment: string;
  nonce: string;
  sealedDigest: string;
  signatures: Array<PartySignature & { scheme: 1 | 2 }>;
  members: CourtMember[];
}

export interface MemberOptions {
  role: CredentialDocument['role'];
  organization?: string;
  principal?: string;
  mandate?: CredentialDocument['mandate'];
  expiresAt?: string | null;
}

const publicKey = (keys: SignetKeyPair) => toHex(keys.signing.publicKey);
const randomWord = () => toHex(generateKeyPair().signing.publicKey);

/**
 * A registry on a chain, driven the way Signet's worker drives it, with none of Signet:
 * credentials issued and revoked, records and statuses written at will. So a test can make
 * what a registrar could (an early record, a status for an unknown id, a forged
 * termination) and hand the court the bundle a party would hold.
 */
export class CourtWorld {
  private constructor(
    readonly registry: RegistryClient,
    readonly chainId: number,
    readonly operator: CourtMember,
    private readonly operatorKeys: SignetKeyPair,
    readonly deploymentBlock: number,
  ) {}

  static async create(rpcUrl: string, privateKey: string): Promise<CourtWorld> {
    const provider = createProvider(rpcUrl);
    const chainId = Number((await provider.getNetwork()).chainId);
    const registry = await RegistryClient.deploy(new NonceManager(new Wallet(privateKey, provider)));
    const keys = generateKeyPair();
    const placeholder: CourtMember = { id: '', keys, document: '', issuerSignature: '' };
    const world = new CourtWorld(registry, chainId, placeholder, keys, registry.deployBlock);
    const operator = await world.member({ role: 'operator' }, keys);
    return new CourtWorld(registry, chainId, operator, keys, registry.deployBlock);
  }

  get registryName(): string {
    return `eip155:${this.chainId}:${this.registry.address}`;
  }

  /** Issues a credential: the document signed by the operator, its event on chain. */
  async member(options: MemberOptions, keys: SignetKeyPair = generateKeyPair()): Promise<CourtMember> {
    const document: CredentialDocument = {
      version: 'signet-credential/1',
      registry: this.registryName,
      role: options.role,
      organization: options.organization ?? (options.role === 'operator' ? null : 'acme'),
      signingKey: publicKey(keys),
      boxKey: toHex(keys.box.publicKey),
      jurisdictions: ['DE'],
      principal: options.principal ?? null,
      mandate:
        options.mandate ??
        (options.role === 'agent'
          ? { maxValue: null, currency: null, types: null, jurisdictions: null }
          : null),
      issuer: publicKey(this.operatorKeys),
      issuedAt: '2025-01-01T00:00:00.000Z',
      expiresAt: options.expiresAt === undefined ? '2099-01-01T00:00:00.000Z' : options.expiresAt,
    };
    const sealed = sealCredentialDocument(document);
    await (
      await this.registry.issueCredential({
        credentialId: sealed.id,
        signingKey: document.signingKey,
        boxKey: document.boxKey,
        documentHash: sealed.documentHash,
        notAfter: BigInt(credentialNotAfter(document)),
      })
    ).wait();
    const issuerSignature = toHex(ed25519Sign(fromHex(sealed.id, 32), this.operatorKeys.signing.secretKey));
    return { id: sealed.id, keys, document: sealed.canonical, issuerSignature };
  }

  async revoke(member: CourtMember): Promise<void> {
    await (
      await this.registry.revokeCredential(member.id, keccak256Hex(new TextEncoder().encode('lost')))
    ).wait();
  }

  /** A deal every party has signed under `scheme`, not yet on chain. */
  deal(members: CourtMember[], terms: Partial<AgreementMetadata> = {}, scheme: 1 | 2 = 2): CourtDeal {
    const metadata: AgreementMetadata = {
      type: 'supply',
      parties: members.map((m) => m.id),
      jurisdictions: ['DE'],
      effectiveAt: '2026-01-01',
      expiresAt: '2027-01-01',
      ...terms,
    };
    const nonce = randomWord();
    const committed = commitment(fromHex(randomWord(), 32), 'the agreed text');
    const id = agreementId({
      chainId: this.chainId,
      registry: this.registry.address,
      commitment: committed,
      metadataHash: metadataHash(metadata),
      parties: metadata.parties,
      parentId: null,
      nonce,
    });
    const sealedDigest = randomWord();
    const message = partySignatureMessage(scheme, id, sealedDigest);
    const signatures = members.map((m) => ({
      credentialId: m.id,
      publicKey: publicKey(m.keys),
      signature: toHex(ed25519Sign(message, m.keys.signing.secretKey)),
      scheme,
    }));
    const blockchainId = formatBlockchainId({
      chainId: this.chainId,
      registry: this.registry.address,
      agreementId: id,
    });
    return { id, blockchainId, metadata, commitment: committed, nonce, sealedDigest, signatures, members };
  }

  /** Records the deal alone in a batch (with `sealedDigest` swapped, as a registrar could) and gives its receipt. */
  async record(deal: CourtDeal, sealedDigest = deal.sealedDigest): Promise<Receipt> {
    const record = recordHash(deal.id, sealedDigest, signaturesHash(deal.signatures));
    const batch = buildBatch([{ id: deal.id, recordHash: record }]);
    const tx = await (await this.registry.recordBatch(batch.root, [deal.id], [record])).wait();
    const log = tx!.logs[0];
    return {
      version: RECEIPT_V2_VERSION,
      blockchainId: deal.blockchainId,
      agreementId: deal.id,
      metadata: deal.metadata,
      metadataHash: metadataHash(deal.metadata),
      commitment: deal.commitment,
      sealedDigest,
      parties: deal.metadata.parties,
      parentId: null,
      nonce: deal.nonce,
      signatures: deal.signatures,
      recordHash: record,
      anchor: {
        txHash: tx!.hash,
        blockNumber: tx!.blockNumber,
        blockHash: tx!.blockHash,
        logIndex: log.index,
        batchRoot: batch.root,
        proof: batch.proofs.get(deal.id)!,
      },
      deploymentBlock: this.deploymentBlock,
      credentials: [],
      ratifications: [],
    };
  }

  /** Every party's termination signature, and the TERMINATED event whose detail binds them. */
  async terminate(
    deal: CourtDeal,
    signers: SignetKeyPair[] = deal.members.map((m) => m.keys),
  ): Promise<StatusEvidence> {
    const message = fromHex(terminationMessage(deal.id), 32);
    const signatures = deal.members.map((m, i) => ({
      credentialId: m.id,
      publicKey: publicKey(m.keys),
      signature: toHex(ed25519Sign(message, signers[i].signing.secretKey)),
    }));
    await (await this.registry.setStatus(deal.id, 2, terminationDetail(signatures))).wait();
    return { status: 'TERMINATED', signatures };
  }

  /** The bundle a party would hold: the receipt with every credential document it needs. */
  bundle(
    receipt: Receipt,
    extra: { members?: CourtMember[]; ratifiers?: CourtMember[]; status?: StatusEvidence[] } = {},
  ): string {
    const ratifications = (extra.ratifiers ?? []).map((m) => ({
      credentialId: m.id,
      publicKey: publicKey(m.keys),
      signature: toHex(ed25519Sign(fromHex(receipt.agreementId, 32), m.keys.signing.secretKey)),
    }));
    const members = [this.operator, ...(extra.members ?? [])];
    const bundle: EvidenceBundle = {
      version: BUNDLE_VERSION,
      receipt: {
        ...receipt,
        credentials: members.map((m) => ({ document: m.document, issuerSignature: m.issuerSignature })),
        ratifications,
      },
      statusEvidence: extra.status ?? [],
    };
    return serialiseBundle(bundle);
  }
}
