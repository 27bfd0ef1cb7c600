import { blake2b } from '@noble/hashes/blake2.js';
import nacl from 'tweetnacl';
import { concatBytes } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { type RandomSource, systemRandom } from './random.source';

/**
 * libsodium's `crypto_box_seal`, built from tweetnacl's box, so a regulator can open a wrap
 * with stock libsodium (`crypto_box_seal_open`) on their own machine:
 *
 *   output = ephemeralPk[32] ‖ crypto_box(message, nonce, recipientPk, ephemeralSk)
 *   nonce  = BLAKE2b-192(ephemeralPk ‖ recipientPk)
 *
 * The ephemeral key is thrown away after sealing; only the recipient can open.
 */
export const SEALED_BOX_OVERHEAD = 32 + nacl.box.overheadLength;

export function sealedBoxNonce(ephemeralPublicKey: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  return blake2b(concatBytes(ephemeralPublicKey, recipientPublicKey), { dkLen: nacl.box.nonceLength });
}

export function sealBox(
  message: Uint8Array,
  recipientPublicKey: Uint8Array,
  random: RandomSource = systemRandom,
): Uint8Array {
  if (recipientPublicKey.length !== nacl.box.publicKeyLength) {
    throw new FormatError(
      FormatErrorCode.INVALID_KEY,
      `X25519 public key must be 32 bytes, got ${recipientPublicKey.length}`,
    );
  }
  const ephemeral = nacl.box.keyPair.fromSecretKey(random(nacl.box.secretKeyLength));
  const nonce = sealedBoxNonce(ephemeral.publicKey, recipientPublicKey);
  const boxed = nacl.box(message, nonce, recipientPublicKey, ephemeral.secretKey);
  ephemeral.secretKey.fill(0);
  return concatBytes(ephemeral.publicKey, boxed);
}

export function openBox(
  sealed: Uint8Array,
  recipientSecretKey: Uint8Array,
  recipientPublicKey: Uint8Array,
): Uint8Array {
  if (sealed.length < SEALED_BOX_OVERHEAD) {
    throw new FormatError(
      FormatErrorCode.INVALID_BLOB,
      `sealed box too short: ${sealed.length} bytes, at least ${SEALED_BOX_OVERHEAD}`,
      'box',
    );
  }
  const ephemeralPk = sealed.subarray(0, 32);
  const opened = nacl.box.open(
    sealed.subarray(32),
    sealedBoxNonce(ephemeralPk, recipientPublicKey),
    ephemeralPk,
    recipientSecretKey,
  );
  if (opened === null)
    throw new FormatError(
      FormatErrorCode.DECRYPTION_FAILED,
      'the sealed box does not open with this key (wrong key or altered box)',
      'box',
    );
  return opened;
}
