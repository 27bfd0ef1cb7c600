import {
  agreementId,
  commitment,
  ed25519Sign,
  ed25519Verify,
  formatBlockchainId,
  fromBase64,
  fromHex,
  keyId,
  metadataHash,
  open,
  partySignatureMessage,
  randomNonce,
  randomSalt,
  seal,
  sealedDigest,
  toBase64,
  toHex,
  validateMetadata,
  type AgreementMetadata,
  type SignetKeyPair,
  type Wrap,
} from '@signet/formats';
import { SdkError } from './sdk-error';

export const DRAFT_VERSION = 'signet-draft/1';

export interface DraftRecipient {
  credentialId: string;
  /** 'party' or 'regulator'. */
  kind: string;
  signingKey?: string | null;
  boxKey: string;
  keyId: string;
}

/**
 * An agreement on its way to deposit: sealed, with its id computed, collecting the
 * parties' signatures. It holds no plaintext and no salt; a party reads the text by
 * opening the sealed blob with its own key before it signs.
 */
export interface Draft {
  version: typeof DRAFT_VERSION;
  blockchainId: string;
  agreementId: string;
  chainId: number;
  registry: string;
  metadata: AgreementMetadata;
  commitment: string;
  nonce: string;
  sealedBlob: string;
  sealedDigest: string;
  wraps: Wrap[];
  recipients: DraftRecipient[];
  signatures: Array<{ credentialId: string; signature: string }>;
  /** Chosen once at drafting, so every retry of the deposit is the same request. */
  idempotencyKey: string;
}

export interface CreateDraftInput {
  text: string;
  metadata: unknown;
  recipients: DraftRecipient[];
  chainId: number;
  registry: string;
}

export function createDraft(input: CreateDraftInput): { draft: Draft; salt: string } {
  const validation = validateMetadata(input.metadata);
  if (!validation.ok) {
    throw new SdkError('INVALID_METADATA', validation.errors.map((e) => e.message).join('; '));
  }
  const metadata = validation.value;
  const salt = randomSalt();
  const nonce = toHex(randomNonce());
  const sealed = seal({
    text: input.text,
    salt,
    recipients: input.recipients.map((recipient) => ({ publicKey: fromHex(recipient.boxKey) })),
  });
  const committed = commitment(salt, input.text);
  const id = agreementId({
    chainId: input.chainId,
    registry: input.registry,
    commitment: committed,
    metadataHash: metadataHash(metadata),
    parties: metadata.parties,
    parentId: metadata.parentId ?? null,
    nonce,
  });
  const draft: Draft = {
    version: DRAFT_VERSION,
    blockchainId: formatBlockchainId({ chainId: input.chainId, registry: input.registry, agreementId: id }),
    agreementId: id,
    chainId: input.chainId,
    registry: input.registry,
    metadata,
    commitment: committed,
    nonce,
    sealedBlob: toBase64(sealed.blob),
    sealedDigest: sealed.sealedDigest,
    wraps: sealed.wraps,
    recipients: input.recipients,
    signatures: [],
    idempotencyKey: `draft-${id.slice(2, 34)}`,
  };
  return { draft, salt: toHex(salt) };
}

/** Opens the draft's sealed text with a recipient's keys, and checks it against the commitment. */
export function openDraft(draft: Draft, keys: SignetKeyPair): { text: string; salt: string } {
  const myKeyId = keyId(keys.box.publicKey);
  const wrap = draft.wraps.find((w) => w.keyId === myKeyId);
  if (!wrap) throw new SdkError('NOT_A_RECIPIENT', 'this draft is not sealed to your key');
  const opened = open(fromBase64(draft.sealedBlob), wrap, keys.box.secretKey, keys.box.publicKey);
  if (commitment(opened.salt, opened.text) !== draft.commitment) {
    throw new SdkError('COMMITMENT_MISMATCH', 'the sealed text does not match the commitment');
  }
  return { text: opened.text, salt: toHex(opened.salt) };
}

/**
 * Adds the signature of the party whose signing key is `keys`. It opens the text first:
 * a party signs only what it can read and what the commitment binds.
 */
export function signDraft(draft: Draft, keys: SignetKeyPair): Draft {
  const publicKey = toHex(keys.signing.publicKey);
  const me = draft.recipients.find((r) => r.kind === 'party' && r.signingKey === publicKey);
  if (!me) throw new SdkError('NOT_A_PARTY', 'your signing key is not one of the parties of this draft');
  openDraft(draft, keys);
  // Scheme 2 (FORMATS.md §5): over the id and the digest of the blob this party opened, so
  // the signature cannot be paired with another sealed text.
  const message = partySignatureMessage(2, draft.agreementId, sealedDigest(fromBase64(draft.sealedBlob)));
  const signature = toHex(ed25519Sign(message, keys.signing.secretKey));
  if (!ed25519Verify(message, fromHex(signature), keys.signing.publicKey)) {
    throw new SdkError('SIGNING_FAILED', 'the signature does not verify');
  }
  const others = draft.signatures.filter((s) => s.credentialId !== me.credentialId);
  return { ...draft, signatures: [...others, { credentialId: me.credentialId, signature }] };
}

export function parseDraft(text: string): Draft {
  let draft: Draft;
  try {
    draft = JSON.parse(text) as Draft;
  } catch {
    throw new SdkError('INVALID_DRAFT', 'the draft is not JSON');
  }
  if ((draft.version as string) !== DRAFT_VERSION)
    throw new SdkError('INVALID_DRAFT', `not a ${DRAFT_VERSION} draft`);
  return draft;
}

/** The depositAgreement input for this draft. */
export function depositInput(draft: Draft) {
  return {
    metadata: JSON.stringify(draft.metadata),
    agreementId: draft.agreementId,
    commitment: draft.commitment,
    nonce: draft.nonce,
    sealedBlob: draft.sealedBlob,
    wraps: draft.wraps.map(({ keyId: id, box }) => ({ keyId: id, box })),
    signatures: draft.signatures,
    idempotencyKey: draft.idempotencyKey,
  };
}
