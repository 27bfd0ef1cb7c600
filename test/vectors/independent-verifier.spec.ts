/**
 * An outside implementer's check: every vector in libs/formats/test-vectors recomputed from
 * docs/FORMATS.md's rules by code that imports nothing from libs/formats (only keccak,
 * BLAKE2b, NaCl and Node's Ed25519), so a rule that lives only in the reference code, not
 * in the spec, shows up here as a mismatch.
 */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blake2b } from '@noble/hashes/blake2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import nacl from 'tweetnacl';

// The vector files are read as an outside verifier reads them, untyped: giving each one an
// interface would restate libs/formats' types, which this file must not lean on.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument */
type Json = Record<string, any>;
const vector = (name: string): { inputs: Json; outputs: Json } =>
  JSON.parse(readFileSync(join(__dirname, '../../libs/formats/test-vectors', `${name}.json`), 'utf8')) as {
    inputs: Json;
    outputs: Json;
  };

// §1 conventions
const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.slice(2), 'hex'));
const hex = (b: Uint8Array): string => `0x${Buffer.from(b).toString('hex')}`;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const H = (...parts: Uint8Array[]): Uint8Array => keccak_256(cat(...parts));
const Hx = (...parts: Uint8Array[]): string => hex(H(...parts));
const word = (n: number | bigint): Uint8Array => bytes(`0x${BigInt(n).toString(16).padStart(64, '0')}`);
const address = (a: string): Uint8Array => cat(new Uint8Array(12), bytes(a.toLowerCase()));

// §2 RFC 8785: members sorted by UTF-16 code units, ECMAScript numbers and minimal escapes.
const jcs = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

// §5 Ed25519 from a 32-byte seed (PKCS#8 wraps the bare seed).
const seedKey = (seed: string) =>
  createPrivateKey({
    key: Buffer.from(cat(bytes('0x302e020100300506032b657004220420'), bytes(seed))),
    format: 'der',
    type: 'pkcs8',
  });
const ed25519 = (message: Uint8Array, seed: string): string => hex(sign(null, message, seedKey(seed)));
const publicOf = (seed: string): string =>
  hex(Buffer.from(createPublicKey(seedKey(seed)).export({ format: 'jwk' }).x!, 'base64url'));

// §4 EIP-712
const domainSeparator = (chainId: number, registry: string) =>
  H(
    H(text('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)')),
    H(text('Signet')),
    H(text('1')),
    word(chainId),
    address(registry),
  );
const structHash = (i: Json, parentId: string | null) =>
  H(
    H(
      text(
        'Agreement(bytes32 commitment,bytes32 metadataHash,bytes32[] parties,bytes32 parentId,bytes32 nonce)',
      ),
    ),
    bytes(i.commitment),
    bytes(i.metadataHash),
    H(...(i.parties as string[]).map(bytes)),
    parentId === null ? new Uint8Array(32) : bytes(parentId),
    bytes(i.nonce),
  );
const agreementId = (i: Json, parentId: string | null) =>
  Hx(bytes('0x1901'), domainSeparator(i.chainId, i.registry), structHash(i, parentId));

// §6–7 sealing, §8 record, §9 Merkle
const commitment = (salt: string, t: string) => Hx(text('signet:commitment:v1'), bytes(salt), text(t));
const metadataHash = (m: unknown) => Hx(text('signet:metadata:v1'), text(jcs(m)));
const sealBox = (message: Uint8Array, recipient: Uint8Array, ephemeralSecret: Uint8Array) => {
  const epk = nacl.scalarMult.base(ephemeralSecret);
  const nonce = blake2b(cat(epk, recipient), { dkLen: 24 });
  return cat(epk, nacl.box(message, nonce, recipient, ephemeralSecret));
};
const seal = (i: Json) => {
  const recipients = (i.recipients as Json[]).map((r) => nacl.scalarMult.base(bytes(r.boxSecretKey)));
  const boxed = nacl.secretbox(cat(bytes(i.salt), text(i.text)), bytes(i.blobNonce), bytes(i.dataKey));
  const blob = cat(text('SGNT'), Uint8Array.of(1), bytes(i.blobNonce), boxed);
  return {
    recipients: recipients.map((pk) => ({ boxPublicKey: hex(pk), keyId: Hx(text('signet:box-key:v1'), pk) })),
    blob: Buffer.from(blob).toString('base64'),
    sealedDigest: Hx(blob),
    wraps: recipients.map((pk, n) => ({
      keyId: Hx(text('signet:box-key:v1'), pk),
      box: Buffer.from(sealBox(bytes(i.dataKey), pk, bytes(i.recipients[n].ephemeralSecretKey))).toString(
        'base64',
      ),
    })),
  };
};
const recordHash = (id: string, sealedDigest: string, signatures: Json[]) =>
  Hx(
    H(text('AgreementRecord(bytes32 id,bytes32 sealedDigest,bytes32 signaturesHash)')),
    bytes(id),
    bytes(sealedDigest),
    H(...signatures.flatMap((s) => [bytes(s.credentialId), bytes(s.publicKey), bytes(s.signature)])),
  );
const leaf = (id: string, record: string) => hex(H(H(bytes(id), bytes(record))));
const pair = (a: string, b: string) => Hx(...[a, b].sort().map(bytes)); // lower-case hex of equal width sorts as numbers
const merkle = (entries: Json[]) => {
  const leaves = entries.map((e) => leaf(e.id, e.recordHash));
  const sorted = [...leaves].sort();
  const n = sorted.length;
  const tree: string[] = new Array<string>(2 * n - 1);
  sorted.forEach((l, i) => (tree[2 * n - 2 - i] = l));
  for (let k = n - 2; k >= 0; k -= 1) tree[k] = pair(tree[2 * k + 1], tree[2 * k + 2]);
  const proofs: Record<string, string[]> = {};
  entries.forEach((e, i) => {
    let at = tree.indexOf(leaves[i]);
    const proof: string[] = [];
    while (at > 0) {
      proof.push(tree[at % 2 === 1 ? at + 1 : at - 1]);
      at = Math.floor((at - 1) / 2);
    }
    proofs[e.id] = proof;
  });
  return { root: tree[0], proofs };
};

// Disclosure: version 1, then length-prefixed or fixed-width fields; a date in the shortest
// of three forms that gives back its exact text.
const u8 = (n: number) => Uint8Array.of(n);
const short = (s: string) => cat(u8(text(s).length), text(s));
const date = (s: string): Uint8Array => {
  const ms = Date.parse(s);
  const iso = Number.isNaN(ms) ? '' : new Date(ms).toISOString();
  const out = Buffer.alloc(9);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) && iso.slice(0, 10) === s) {
    out.writeInt32BE(ms / 86_400_000, 1);
    return Uint8Array.from(out.subarray(0, 5)); // form 0: int32 days since 1970-01-01
  }
  if (/Z$/.test(s) && `${iso.slice(0, 19)}Z` === s) {
    out[0] = 1;
    out.writeBigInt64BE(BigInt(ms / 1000), 1);
    return Uint8Array.from(out); // form 1: int64 unix seconds
  }
  return cat(u8(2), short(s)); // form 2: the text itself
};
const disclosure = (m: Json) =>
  hex(
    cat(
      u8(1),
      short(m.type),
      u8(m.parties.length),
      ...(m.parties as string[]).map(bytes),
      u8(m.jurisdictions.length),
      ...(m.jurisdictions as string[]).map(short),
      date(m.effectiveAt),
      date(m.expiresAt),
      m.parentId ? cat(u8(1), bytes(m.parentId)) : u8(0),
    ),
  );

describe('the vectors, recomputed from FORMATS.md alone', () => {
  it('disclosure: the public metadata bytes, the event topic and the batch entry', () => {
    const d = vector('disclosure');
    const bytesOf = disclosure(d.inputs.metadata);
    const length = (bytesOf.length - 2) / 2;
    expect({
      topic0: Hx(text('AgreementDisclosed(bytes32,bytes)')),
      disclosure: bytesOf,
      otherDisclosure: disclosure(d.inputs.other),
      entry: `0x0003${length.toString(16).padStart(4, '0')}${bytesOf.slice(2)}`,
    }).toEqual(d.outputs);
  });

  it('canonical-metadata, commitment, agreement-id, ed25519', () => {
    const c = vector('canonical-metadata');
    expect({ canonical: jcs(c.inputs.metadata), metadataHash: metadataHash(c.inputs.metadata) }).toEqual(
      c.outputs,
    );
    const k = vector('commitment');
    expect(commitment(k.inputs.salt, k.inputs.text)).toBe(k.outputs.commitment);
    expect(commitment(k.inputs.salt, k.inputs.emptyText)).toBe(k.outputs.emptyTextCommitment);
    const a = vector('agreement-id');
    expect({
      domainSeparator: hex(domainSeparator(a.inputs.chainId, a.inputs.registry)),
      structHash: hex(structHash(a.inputs, a.inputs.parentId)),
      id: agreementId(a.inputs, a.inputs.parentId),
      idWithParent: agreementId(a.inputs, a.inputs.parentIdForIdWithParent),
    }).toEqual(a.outputs);
    const e = vector('ed25519');
    expect({
      publicKey: publicOf(e.inputs.seed),
      signature: ed25519(bytes(e.inputs.message), e.inputs.seed),
    }).toEqual(e.outputs);
  });

  it('sealing, merkle-batch, and the libsodium reference sealed box', () => {
    const s = vector('sealing');
    expect(seal(s.inputs)).toEqual(s.outputs);
    const m = vector('merkle-batch');
    expect(merkle(m.inputs.entries)).toEqual(m.outputs);
    const l = vector('sealed-box-libsodium');
    const box = bytes(l.inputs.box);
    const pk = bytes(l.inputs.recipientPublicKey);
    const nonce = blake2b(cat(box.subarray(0, 32), pk), { dkLen: 24 });
    const opened = nacl.box.open(
      box.subarray(32),
      nonce,
      box.subarray(0, 32),
      bytes(l.inputs.recipientSecretKey),
    );
    expect(opened && hex(opened)).toBe(l.outputs.plaintext);
  });

  it('receipt: every field from the deposit inputs', () => {
    const { inputs: i, outputs } = vector('receipt');
    const r = outputs.receipt as Json;
    const fields = {
      ...i,
      commitment: commitment(i.salt, i.text),
      metadataHash: metadataHash(i.metadata),
      parties: i.metadata.parties,
    };
    const id = agreementId(fields, i.metadata.parentId ?? null);
    const signatures = (i.signers as Json[]).map((s) => ({
      credentialId: s.credentialId,
      publicKey: publicOf(s.signingSeed),
      signature: ed25519(bytes(id), s.signingSeed),
    }));
    const sealed = seal(i.seal);
    const rh = recordHash(id, sealed.sealedDigest, signatures);
    const batch = merkle([...i.batchNeighbours, { id, recordHash: rh }]);
    expect({ id, signatures, sealedDigest: sealed.sealedDigest, recordHash: rh, blob: sealed.blob }).toEqual({
      id: r.agreementId,
      signatures: r.signatures,
      sealedDigest: r.sealedDigest,
      recordHash: r.recordHash,
      blob: outputs.blob,
    });
    expect({ batchRoot: batch.root, proof: batch.proofs[id] }).toEqual({
      batchRoot: r.anchor.batchRoot,
      proof: r.anchor.proof,
    });
  });

  it('party-signature, credential, login, termination, audit-trail', () => {
    const p = vector('party-signature');
    const message = H(
      text('signet:party-signature:v2'),
      bytes(p.inputs.agreementId),
      bytes(p.inputs.sealedDigest),
    );
    expect({
      publicKey: publicOf(p.inputs.seed),
      message: hex(message),
      signature: ed25519(message, p.inputs.seed),
      schemeOneSignature: ed25519(bytes(p.inputs.agreementId), p.inputs.seed),
    }).toEqual(p.outputs);

    const c = vector('credential');
    const canonical = jcs(c.inputs.document);
    const credentialId = Hx(text('signet:credential:v1'), text(canonical));
    expect({
      canonical,
      credentialId,
      documentHash: Hx(text(canonical)),
      notAfter: Math.floor(Date.parse(c.inputs.document.expiresAt) / 1000),
      issuerSignature: ed25519(bytes(credentialId), c.inputs.issuerSeed),
    }).toEqual(c.outputs);
    expect(publicOf(c.inputs.issuerSeed)).toBe(c.inputs.document.issuer);

    const l = vector('login');
    const login = H(text('signet:auth:v1'), bytes(l.inputs.nonce));
    expect({ message: hex(login), signature: ed25519(login, l.inputs.seed) }).toEqual(l.outputs);

    const t = vector('termination');
    const ending = H(text('signet:termination:v1'), bytes(t.inputs.agreementId));
    const signatures = (t.inputs.parties as Json[]).map((q) => ({
      credentialId: q.credentialId,
      signature: ed25519(ending, q.seed),
    }));
    const detail = Hx(...signatures.flatMap((s) => [bytes(s.credentialId), bytes(s.signature)]));
    expect({ message: hex(ending), signatures, detail }).toEqual(t.outputs);

    const a = vector('audit-trail');
    const genesis = H(text('signet:audit:genesis'));
    const tag = H(text('signet:audit-agreement:v1'), bytes(a.inputs.fields.agreementId));
    const fieldsHash = H(text('signet:audit-fields:v1'), text(jcs(a.inputs.fields)));
    expect({
      genesis: hex(genesis),
      agreementTag: hex(tag),
      fieldsHash: hex(fieldsHash),
      hash: Hx(text('signet:audit:v1'), genesis, tag, fieldsHash),
    }).toEqual(a.outputs);
  });
});
