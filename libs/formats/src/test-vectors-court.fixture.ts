/**
 * The vectors of what a court checks beyond the record itself: party signatures (scheme 2),
 * credentials, login, termination, the audit trail and libsodium's own sealed box. Test
 * material only, like test-vectors.fixture.ts; FORMATS.md §14 names every label.
 */
import { concatBytes, fromHex, toHex, utf8 } from './bytes.codec';
import { canonicalJson } from './canonical-json.codec';
import { ed25519PublicKey, ed25519Sign } from './ed25519.signature';
import { credentialIdOfDocument } from './evidence-credentials.checks';
import { keccak256Hex } from './keccak.hash';
import { partySignatureMessage } from './party-signature';
import { openBox } from './sealed-box.cipher';
import { terminationDetail, terminationMessage } from './termination.hash';
import { fixedBytes, type AnyVector } from './test-vectors.fixture';

const hex = (label: string): string => toHex(fixedBytes(label));
const repeated = (byte: string): string => `0x${byte.repeat(32)}`;
const sign = (message: Uint8Array, seed: string) => toHex(ed25519Sign(message, fromHex(seed, 32)));
const vector = <I, O>(v: { description: string; inputs: I; compute: (inputs: I) => O }): AnyVector =>
  v as unknown as AnyVector;

const credentialDocument = {
  boxKey: '0xce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59',
  expiresAt: '2031-01-01T00:00:00.000Z',
  issuedAt: '2030-01-01T00:00:00.000Z',
  issuer: '0xed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1',
  jurisdictions: ['DE'],
  mandate: { currency: 'EUR', jurisdictions: ['DE'], maxValue: '250000', types: ['supply'] },
  organization: '6f1c3a52-3c4e-4c55-9a51-7d0c1f3e8b10',
  principal: repeated('ab'),
  registry: 'eip155:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3',
  role: 'agent',
  signingKey: '0x8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c',
  version: 'signet-credential/1',
};

const auditFields = {
  seq: 1,
  at: '2026-01-01T00:00:00.000Z',
  action: 'sealed.open',
  actorId: repeated('11'),
  actorRole: 'regulator',
  agreementId: repeated('22'),
  subjectId: null,
  purpose: 'supervision',
  detail: { keyId: repeated('33') },
};

const domainHash = (domain: string, ...parts: Uint8Array[]) =>
  keccak256Hex(concatBytes(utf8(domain), ...parts));

export const courtVectors: Record<string, AnyVector> = {
  'party-signature': vector({
    description:
      'scheme 2: Ed25519 over keccak256("signet:party-signature:v2" ‖ id[32] ‖ sealedDigest[32]); scheme 1 signs the 32 id bytes',
    inputs: {
      seed: hex('alice/signing'),
      agreementId: hex('agreement-id'),
      sealedDigest: hex('sealed-digest'),
    },
    compute: (i: { seed: string; agreementId: string; sealedDigest: string }) => ({
      publicKey: toHex(ed25519PublicKey(fromHex(i.seed, 32))),
      message: toHex(partySignatureMessage(2, i.agreementId, i.sealedDigest)),
      signature: sign(partySignatureMessage(2, i.agreementId, i.sealedDigest), i.seed),
      schemeOneSignature: sign(partySignatureMessage(1, i.agreementId, i.sealedDigest), i.seed),
    }),
  }),
  credential: vector({
    description:
      'credentialId = keccak256("signet:credential:v1" ‖ canonical), documentHash = keccak256(canonical), issuerSignature = Ed25519(credentialId) by the issuer; holder seeds 01×32 (signing) and 02×32 (box), issuer seed 03×32',
    inputs: { document: credentialDocument, issuerSeed: repeated('03') },
    compute: (i: { document: typeof credentialDocument; issuerSeed: string }) => {
      const canonical = canonicalJson(i.document);
      const credentialId = credentialIdOfDocument(canonical);
      return {
        canonical,
        credentialId,
        documentHash: keccak256Hex(utf8(canonical)),
        notAfter: i.document.expiresAt === null ? 0 : Math.floor(Date.parse(i.document.expiresAt) / 1000),
        issuerSignature: sign(fromHex(credentialId, 32), i.issuerSeed),
      };
    },
  }),
  login: vector({
    description: 'the holder signs keccak256("signet:auth:v1" ‖ nonce[32]) with its Ed25519 key',
    inputs: { nonce: repeated('07'), seed: repeated('01') },
    compute: (i: { nonce: string; seed: string }) => {
      const message = domainHash('signet:auth:v1', fromHex(i.nonce, 32));
      return { message, signature: sign(fromHex(message, 32), i.seed) };
    },
  }),
  termination: vector({
    description:
      'each party signs keccak256("signet:termination:v1" ‖ id[32]); detail = keccak256(‖ credentialId[32] ‖ signature[64]) in party order',
    inputs: {
      agreementId: hex('agreement-id'),
      parties: [
        { credentialId: hex('alice/credential'), seed: hex('alice/signing') },
        { credentialId: hex('bob/credential'), seed: hex('bob/signing') },
      ],
    },
    compute: (i: { agreementId: string; parties: { credentialId: string; seed: string }[] }) => {
      const message = terminationMessage(i.agreementId);
      const signatures = i.parties.map((p) => ({
        credentialId: p.credentialId,
        signature: sign(fromHex(message, 32), p.seed),
      }));
      return { message, signatures, detail: terminationDetail(signatures) };
    },
  }),
  'audit-trail': vector({
    description:
      'hash = keccak256("signet:audit:v1" ‖ prevHash ‖ agreementTag ‖ fieldsHash); seq 1 links to the genesis',
    inputs: { fields: auditFields },
    compute: (i: { fields: typeof auditFields }) => {
      const genesis = keccak256Hex(utf8('signet:audit:genesis'));
      const agreementTag = domainHash('signet:audit-agreement:v1', fromHex(i.fields.agreementId, 32));
      const fieldsHash = domainHash('signet:audit-fields:v1', utf8(canonicalJson(i.fields)));
      const hash = domainHash(
        'signet:audit:v1',
        ...[genesis, agreementTag, fieldsHash].map((h) => fromHex(h, 32)),
      );
      return { genesis, agreementTag, fieldsHash, hash };
    },
  }),
  'sealed-box-libsodium': vector({
    description: "libsodium's reference crypto_box_seal (PyNaCl tests/data/sealed_box_ref.txt), opened",
    inputs: {
      recipientSecretKey: '0x77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
      recipientPublicKey: '0x8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
      box: '0x199c808806a62c1be56951023ad3396b0ce0ef2c5b9ca688ac96d2d06ca43f65d314400cc9bbefb23dd26f824c9cb553f81e8c894ea9a553f4d777c77b66d5a6925da3f5961c5f7147172db5597ac14210066ee3ee13e6230a9a9610e9cddbf24094f54fbbf6694c08a436cec39ff5a373656d9584f4df9dd8c817e2e597540628d0ee21a6524a3fcf3eabdc0968390bd260a47366ead7f71cc2e774d411d96f3497c7e10291937bc16dc46a111686b85a8c86',
    },
    compute: (i: { recipientSecretKey: string; recipientPublicKey: string; box: string }) => ({
      plaintext: toHex(
        openBox(fromHex(i.box), fromHex(i.recipientSecretKey, 32), fromHex(i.recipientPublicKey, 32)),
      ),
    }),
  }),
};
