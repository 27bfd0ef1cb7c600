import nacl from 'tweetnacl';
import { type HexString, bytesEqual, fromHex, isHex, toHex } from './bytes.codec';
import { ed25519PublicKey } from './ed25519.signature';
import { FormatError, FormatErrorCode } from './format.error';
import { type RandomSource, systemRandom } from './random.source';

/**
 * A party's (or regulator's) keys: Ed25519 to sign agreement ids, X25519 to receive wrapped
 * data keys. Two keys, not one converted key, so a signing key can rotate without
 * re-wrapping every sealed text.
 */
export interface SignetKeyPair {
  signing: { publicKey: Uint8Array; /** the 32-byte Ed25519 seed */ secretKey: Uint8Array };
  box: { publicKey: Uint8Array; secretKey: Uint8Array };
}

export const KEY_FILE_VERSION = 'signet-keys/1';

interface KeyFileJson {
  version: string;
  signing: { publicKey: HexString; secretKey: HexString };
  box: { publicKey: HexString; secretKey: HexString };
}

export function generateKeyPair(random: RandomSource = systemRandom): SignetKeyPair {
  return keyPairFromSeeds(random(32), random(32));
}

/** Both halves are derived from 32-byte seeds, which is what lets test vectors pin keys. */
export function keyPairFromSeeds(signingSeed: Uint8Array, boxSecretKey: Uint8Array): SignetKeyPair {
  if (boxSecretKey.length !== 32)
    throw new FormatError(FormatErrorCode.INVALID_KEY, 'X25519 secret key must be 32 bytes');
  const box = nacl.box.keyPair.fromSecretKey(boxSecretKey);
  return {
    signing: { publicKey: ed25519PublicKey(signingSeed), secretKey: signingSeed.slice() },
    box: { publicKey: box.publicKey, secretKey: box.secretKey },
  };
}

/** JSON with hex fields, for a key file. The caller chooses where it lives and its permissions. */
export function serialiseKeyPair(pair: SignetKeyPair): string {
  const json: KeyFileJson = {
    version: KEY_FILE_VERSION,
    signing: { publicKey: toHex(pair.signing.publicKey), secretKey: toHex(pair.signing.secretKey) },
    box: { publicKey: toHex(pair.box.publicKey), secretKey: toHex(pair.box.secretKey) },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Parses a key file and checks that each public key belongs to its secret key. */
export function parseKeyPair(text: string): SignetKeyPair {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw keyFileError('not JSON');
  }
  const file = json as Partial<KeyFileJson> | null;
  if (typeof file !== 'object' || file === null) throw keyFileError('must be a JSON object');
  if (file.version !== KEY_FILE_VERSION)
    throw keyFileError(`version must be "${KEY_FILE_VERSION}"`, 'version');
  const field = (part: 'signing' | 'box', name: 'publicKey' | 'secretKey'): Uint8Array => {
    const value = file[part]?.[name];
    if (!isHex(value, 32)) throw keyFileError('must be 0x + 64 lower-case hex', `${part}.${name}`);
    return fromHex(value, 32);
  };
  const pair = keyPairFromSeeds(field('signing', 'secretKey'), field('box', 'secretKey'));
  if (!bytesEqual(pair.signing.publicKey, field('signing', 'publicKey')))
    throw keyFileError('does not match signing.secretKey', 'signing.publicKey');
  if (!bytesEqual(pair.box.publicKey, field('box', 'publicKey')))
    throw keyFileError('does not match box.secretKey', 'box.publicKey');
  return pair;
}

function keyFileError(message: string, path?: string): FormatError {
  return new FormatError(FormatErrorCode.INVALID_KEY_FILE, message, path);
}
