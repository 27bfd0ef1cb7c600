import nacl from 'tweetnacl';
import {
  BLOB_MAGIC,
  BLOB_VERSION,
  agreementId,
  commitment,
  concatBytes,
  ed25519Signer,
  fromHex,
  metadataHash,
  randomNonce,
  randomSalt,
  sealBox,
  toBase64,
  toHex,
  utf8,
  keyId,
  type AgreementMetadata,
  type SignetKeyPair,
} from '@signet/formats';

/**
 * Requests are kept as bytes, outside the JavaScript heap: tens of thousands of 11 KiB
 * strings made the load generator's own garbage collection pause for hundreds of
 * milliseconds, which an open loop then measured as the service's latency.
 */
export interface PreparedDeposit {
  agreementId: string;
  /** The depositAgreement input, as JSON. */
  input: Buffer;
  /** A whole depositAgreement request. */
  body: Buffer;
}

const BATCH_HEAD = Buffer.from(
  JSON.stringify({
    query:
      'mutation ($inputs: [DepositAgreementInput!]!) { depositAgreements(inputs: $inputs) { index result { id status } error { code message } } }',
  }).slice(0, -1) + ',"variables":{"inputs":[',
);
const BATCH_TAIL = Buffer.from(']}}');
const COMMA = Buffer.from(',');

/** One depositAgreements request for several prepared deposits. */
export function batchBody(deposits: PreparedDeposit[]): Buffer {
  const parts: Buffer[] = [BATCH_HEAD];
  deposits.forEach((deposit, index) => parts.push(...(index > 0 ? [COMMA] : []), deposit.input));
  parts.push(BATCH_TAIL);
  return Buffer.concat(parts);
}

/**
 * Deposits made ahead of the timed run, cheaply: one data key and one set of wraps for
 * all of them (the X25519 work is the client's, not the service's), and per deposit a
 * fresh salt, nonce, secretbox, commitment, id and two Ed25519 signatures. The service
 * does exactly the work of a real deposit on each.
 */
export function prepareDeposits(options: {
  count: number;
  textBytes: number;
  parties: Array<{ credentialId: string; keys: SignetKeyPair }>;
  recipientBoxKeys: string[];
  jurisdictions: string[];
  chainId: number;
  registry: string;
  tag: string;
  /** metadata.terms of every deposit (e.g. a pack's registered template); none when unset. */
  terms?: Record<string, unknown>;
}): PreparedDeposit[] {
  const dataKey = nacl.randomBytes(32);
  const wraps = options.recipientBoxKeys.map((boxKey) => ({
    keyId: keyId(fromHex(boxKey)),
    box: toBase64(sealBox(dataKey, fromHex(boxKey))),
  }));
  const filler = 'This agreement binds the parties as set out below. ';
  const text = filler.repeat(Math.ceil(options.textBytes / filler.length)).slice(0, options.textBytes);
  const deposits: PreparedDeposit[] = [];
  const signers = new Map(
    options.parties.map((party) => [party.credentialId, ed25519Signer(party.keys.signing.secretKey)]),
  );
  for (let index = 0; index < options.count; index++) {
    const salt = randomSalt();
    const nonce = nacl.randomBytes(24);
    const blob = concatBytes(
      BLOB_MAGIC,
      new Uint8Array([BLOB_VERSION]),
      nonce,
      nacl.secretbox(concatBytes(salt, utf8(text)), nonce, dataKey),
    );
    const metadata: AgreementMetadata = {
      type: 'supply',
      parties: options.parties.map((party) => party.credentialId),
      jurisdictions: options.jurisdictions,
      effectiveAt: '2026-01-01',
      expiresAt: '2030-01-01',
      value: String(1000 + index),
      currency: 'EUR',
      ...(options.terms ? { terms: options.terms } : {}),
    };
    const committed = commitment(salt, text);
    const idNonce = toHex(randomNonce());
    const id = agreementId({
      chainId: options.chainId,
      registry: options.registry,
      commitment: committed,
      metadataHash: metadataHash(metadata),
      parties: metadata.parties,
      nonce: idNonce,
    });
    const message = fromHex(id);
    const input = {
      metadata: JSON.stringify(metadata),
      agreementId: id,
      commitment: committed,
      nonce: idNonce,
      sealedBlob: toBase64(blob),
      wraps,
      signatures: options.parties.map((party) => ({
        credentialId: party.credentialId,
        signature: toHex(signers.get(party.credentialId)!(message)),
      })),
      idempotencyKey: `${options.tag}-${index}`,
    };
    deposits.push({
      agreementId: id,
      input: Buffer.from(JSON.stringify(input)),
      body: Buffer.from(
        JSON.stringify({
          query:
            'mutation ($input: DepositAgreementInput!) { depositAgreement(input: $input) { id status } }',
          variables: { input },
        }),
      ),
    });
  }
  return deposits;
}

/** What a prepared batch of deals says besides its parties: where it is made, and its terms. */
export interface DealShape {
  jurisdictions: string[];
  terms?: Record<string, unknown>;
}

/**
 * Deposits by two agents of the CLI world (`a` and `b` unless named; both sign), readable by
 * the DE recipients; in DE unless a shape says otherwise.
 */
export function twoPartyDeposits(
  ids: Record<string, string>,
  keysOf: (name: string) => SignetKeyPair,
  recipients: Array<{ boxKey: string }>,
  chain: { chainId: number; registryAddress: string },
  names: [string, string] = ['a', 'b'],
): (count: number, textBytes: number, tag: string, shape?: DealShape) => PreparedDeposit[] {
  const parties = names.map((name) => ({ credentialId: ids[name], keys: keysOf(name) }));
  return (count, textBytes, tag, shape = { jurisdictions: ['DE'] }) =>
    prepareDeposits({
      count,
      textBytes,
      parties,
      recipientBoxKeys: recipients.map((r) => r.boxKey),
      ...shape,
      chainId: chain.chainId,
      registry: chain.registryAddress,
      tag,
    });
}
