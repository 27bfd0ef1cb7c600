/**
 * Deterministic test vectors: fixed inputs, and the functions that turn inputs into
 * outputs. The spec recomputes every vector file from its own inputs, and rewrites the
 * files with UPDATE_VECTORS=1. Not exported from the barrel: test material only.
 */
import { agreementId, agreementStructHash, domainSeparator } from './agreement-id.hash';
import { formatBlockchainId } from './blockchain-id.codec';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.codec';
import { canonicalJson } from './canonical-json.codec';
import { commitment } from './commitment.hash';
import { encodeDisclosure } from './disclosure.codec';
import { ed25519Sign } from './ed25519.signature';
import { keyPairFromSeeds } from './key-pair.keys';
import { keccak256, keccak256Hex } from './keccak.hash';
import { buildBatch } from './merkle.tree';
import type { AgreementMetadata } from './metadata.schema';
import { metadataHash } from './metadata.hash';
import { replayRandom } from './random.source';
import { RECEIPT_VERSION, type Receipt } from './receipt.model';
import { recordHash, signaturesHash } from './record.hash';
import { keyId, open, seal } from './sealing.cipher';

/** Every fixed byte string is keccak256 of a readable label, so anyone can rederive it. */
export const fixedBytes = (label: string): Uint8Array => keccak256(utf8(`signet:test-vector:${label}`));
const hex = (label: string): string => toHex(fixedBytes(label));

export interface Vector<I, O> {
  description: string;
  inputs: I;
  compute: (inputs: I) => O;
}

/** Inputs are whatever JSON the vector file holds; the spec only round-trips them. */
export interface AnyVector {
  description: string;
  inputs: unknown;
  compute: (inputs: unknown) => unknown;
}

const vector = <I, O>(v: Vector<I, O>): AnyVector => v as unknown as AnyVector;

const alice = keyPairFromSeeds(fixedBytes('alice/signing'), fixedBytes('alice/box'));
const bob = keyPairFromSeeds(fixedBytes('bob/signing'), fixedBytes('bob/box'));
const regulator = keyPairFromSeeds(fixedBytes('regulator/signing'), fixedBytes('regulator/box'));
const parties = [hex('alice/credential'), hex('bob/credential')];

const metadata: AgreementMetadata = {
  type: 'supply',
  parties,
  jurisdictions: ['DE', 'US-NY'],
  effectiveAt: '2025-03-01',
  expiresAt: '2026-02-28T23:59:59Z',
  value: '1250000.00',
  currency: 'EUR',
  parentId: hex('nda/agreement-id'),
  terms: {
    incoterm: 'DAP',
    délai: 30,
    nested: { z: [1, 2.5, 'ü€😀'], a: null, b: true },
    zeta: 1e21,
    half: 0.5,
  },
};
const text =
  'Supply agreement.\nAlice ships 10,000 units to Bob; Bob pays €1,250,000.00 within 30 days. 契約 😀\n';
const chain = { chainId: 31337, registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };

interface SealInputs {
  text: string;
  salt: string;
  dataKey: string;
  blobNonce: string;
  recipients: { boxSecretKey: string; ephemeralSecretKey: string }[];
}

function sealVector(inputs: SealInputs) {
  const keys = inputs.recipients.map(
    (r) => keyPairFromSeeds(new Uint8Array(32), fromHex(r.boxSecretKey, 32)).box,
  );
  const random = replayRandom([
    fromHex(inputs.dataKey, 32),
    fromHex(inputs.blobNonce, 24),
    ...inputs.recipients.map((r) => fromHex(r.ephemeralSecretKey, 32)),
  ]);
  const sealed = seal(
    {
      text: inputs.text,
      salt: fromHex(inputs.salt, 32),
      recipients: keys.map((k) => ({ publicKey: k.publicKey })),
    },
    random,
  );
  const opened = keys.map((k, i) => open(sealed.blob, sealed.wraps[i], k.secretKey, k.publicKey));
  if (opened.some((o) => o.text !== inputs.text)) throw new Error('sealing vector does not round-trip');
  return {
    recipients: keys.map((k) => ({ boxPublicKey: toHex(k.publicKey), keyId: keyId(k.publicKey) })),
    blob: toBase64(sealed.blob),
    sealedDigest: sealed.sealedDigest,
    wraps: sealed.wraps,
  };
}

const sealInputs: SealInputs = {
  text,
  salt: hex('salt'),
  dataKey: hex('data-key'),
  blobNonce: hex('blob-nonce').slice(0, 2 + 48),
  recipients: [alice, bob, regulator].map((k, i) => ({
    boxSecretKey: toHex(k.box.secretKey),
    ephemeralSecretKey: hex(`ephemeral/${i}`),
  })),
};

interface DepositInputs {
  chainId: number;
  registry: string;
  metadata: AgreementMetadata;
  text: string;
  salt: string;
  nonce: string;
  signers: { credentialId: string; signingSeed: string }[];
  seal: SealInputs;
  batchNeighbours: { id: string; recordHash: string }[];
  anchor: { txHash: string; blockNumber: number; blockHash: string; logIndex: number };
}

/** The whole deposit → anchor → receipt path, from fixed inputs. */
export function buildReceipt(inputs: DepositInputs): { receipt: Receipt; blob: string } {
  const c = commitment(fromHex(inputs.salt, 32), inputs.text);
  const mh = metadataHash(inputs.metadata);
  const parentId = inputs.metadata.parentId ?? null;
  const id = agreementId({
    ...inputs,
    commitment: c,
    metadataHash: mh,
    parties: inputs.metadata.parties,
    parentId,
  });
  const signatures = inputs.signers.map((s) => {
    const seed = fromHex(s.signingSeed, 32);
    return {
      credentialId: s.credentialId,
      publicKey: toHex(keyPairFromSeeds(seed, new Uint8Array(32)).signing.publicKey),
      signature: toHex(ed25519Sign(fromHex(id, 32), seed)),
    };
  });
  const sealed = sealVector(inputs.seal);
  const rh = recordHash(id, sealed.sealedDigest, signaturesHash(signatures));
  const batch = buildBatch([...inputs.batchNeighbours, { id, recordHash: rh }]);
  const receipt: Receipt = {
    version: RECEIPT_VERSION,
    blockchainId: formatBlockchainId({ ...inputs, agreementId: id }),
    agreementId: id,
    metadata: inputs.metadata,
    metadataHash: mh,
    commitment: c,
    sealedDigest: sealed.sealedDigest,
    parties: inputs.metadata.parties,
    parentId,
    nonce: inputs.nonce,
    signatures,
    recordHash: rh,
    anchor: { ...inputs.anchor, batchRoot: batch.root, proof: batch.proofs.get(id) ?? [] },
  };
  return { receipt, blob: sealed.blob };
}

export const depositInputs: DepositInputs = {
  ...chain,
  metadata,
  text,
  salt: hex('salt'),
  nonce: hex('nonce'),
  signers: [
    { credentialId: parties[0], signingSeed: toHex(alice.signing.secretKey) },
    { credentialId: parties[1], signingSeed: toHex(bob.signing.secretKey) },
  ],
  seal: sealInputs,
  batchNeighbours: [0, 1, 2, 3].map((i) => ({
    id: hex(`neighbour/${i}/id`),
    recordHash: hex(`neighbour/${i}/record`),
  })),
  anchor: { txHash: hex('anchor/tx'), blockNumber: 1234, blockHash: hex('anchor/block'), logIndex: 2 },
};

/** Also for the spec: the deposit's keys and blob as bytes. */
export const fixtureKeys = { alice, bob, regulator };
export const fixtureBlob = (): Uint8Array => fromBase64(buildReceipt(depositInputs).blob);

export const vectors: Record<string, AnyVector> = {
  'canonical-metadata': vector({
    description:
      'RFC 8785 canonical JSON of the metadata and metadataHash = keccak256("signet:metadata:v1" ‖ utf8(canonical))',
    inputs: { metadata },
    compute: (i: { metadata: AgreementMetadata }) => ({
      canonical: canonicalJson(i.metadata),
      metadataHash: metadataHash(i.metadata),
    }),
  }),
  commitment: vector({
    description: 'commitment = keccak256("signet:commitment:v1" ‖ salt[32] ‖ utf8(text))',
    inputs: { salt: hex('salt'), text, emptyText: '' },
    compute: (i: { salt: string; text: string; emptyText: string }) => ({
      commitment: commitment(fromHex(i.salt, 32), i.text),
      emptyTextCommitment: commitment(fromHex(i.salt, 32), i.emptyText),
    }),
  }),
  'agreement-id': vector({
    description: 'EIP-712 agreement id: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(Agreement))',
    inputs: {
      ...chain,
      commitment: hex('commitment'),
      metadataHash: hex('metadata-hash'),
      parties,
      parentId: null as string | null,
      nonce: hex('nonce'),
      parentIdForIdWithParent: hex('nda/agreement-id'),
    },
    compute: (i: {
      chainId: number;
      registry: string;
      commitment: string;
      metadataHash: string;
      parties: string[];
      parentId: string | null;
      nonce: string;
      parentIdForIdWithParent: string;
    }) => ({
      domainSeparator: domainSeparator(i.chainId, i.registry),
      structHash: agreementStructHash(i),
      id: agreementId(i),
      idWithParent: agreementId({ ...i, parentId: i.parentIdForIdWithParent }),
    }),
  }),
  ed25519: vector({
    description: 'Ed25519 (RFC 8032) over the 32-byte agreement id; secret keys are 32-byte seeds',
    inputs: { seed: toHex(alice.signing.secretKey), message: hex('agreement-id') },
    compute: (i: { seed: string; message: string }) => ({
      publicKey: toHex(keyPairFromSeeds(fromHex(i.seed, 32), new Uint8Array(32)).signing.publicKey),
      signature: toHex(ed25519Sign(fromHex(i.message, 32), fromHex(i.seed, 32))),
    }),
  }),
  sealing: vector({
    description:
      'blob = "SGNT" ‖ 0x01 ‖ nonce[24] ‖ secretbox(salt ‖ text); wraps are libsodium sealed boxes of the data key; randomness drawn in order dataKey, blobNonce, ephemeral keys',
    inputs: sealInputs,
    compute: sealVector,
  }),
  'merkle-batch': vector({
    description:
      'OpenZeppelin StandardMerkleTree over [id, recordHash] leaves, encoding ["bytes32","bytes32"]',
    inputs: { entries: depositInputs.batchNeighbours },
    compute: (i: { entries: { id: string; recordHash: string }[] }) => {
      const batch = buildBatch(i.entries);
      return { root: batch.root, proofs: Object.fromEntries(batch.proofs) };
    },
  }),
  disclosure: vector({
    description:
      'Public metadata on chain: AgreementDisclosed(id, bytes) with the compact binary of FORMATS.md (Disclosure); `metadata` has a parent and dates in the day and UTC-seconds forms, `other` none, a day before 1970 (negative) and a date-time with an offset (the text form). `entry` is its recordBatchDisclosed entry at index 3.',
    inputs: {
      metadata,
      other: {
        ...metadata,
        parentId: undefined,
        effectiveAt: '1969-07-20',
        expiresAt: '2025-03-01T09:30:00.5+01:00',
      },
    },
    compute: (i: { metadata: AgreementMetadata; other: AgreementMetadata }) => {
      const disclosure = encodeDisclosure(i.metadata);
      const length = (disclosure.length - 2) / 2;
      return {
        topic0: keccak256Hex(utf8('AgreementDisclosed(bytes32,bytes)')),
        disclosure,
        otherDisclosure: encodeDisclosure(i.other),
        entry: `0x0003${length.toString(16).padStart(4, '0')}${disclosure.slice(2)}`,
      };
    },
  }),
  receipt: vector({
    description:
      'A complete receipt from fixed inputs, and the sealed blob; verifyEvidence passes every check on it',
    inputs: depositInputs,
    compute: buildReceipt,
  }),
};
