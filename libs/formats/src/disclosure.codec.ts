import { type HexString, concatBytes, fromHex, fromUtf8, toHex, utf8 } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import type { AgreementMetadata } from './metadata.schema';

/** The first byte of every disclosure; another value is another format (FORMATS.md, Disclosure). */
export const DISCLOSURE_VERSION = 0x01;

/** The public fields a `disclosure: public` pack puts on chain: never value, currency or terms. */
export type DisclosedMetadata = Pick<
  AgreementMetadata,
  'type' | 'parties' | 'jurisdictions' | 'effectiveAt' | 'expiresAt'
> & { parentId: HexString | null };

const DATE_FORM = 0x00;
const SECONDS_FORM = 0x01;
const TEXT_FORM = 0x02;
const DAY_MS = 86_400_000;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function invalid(path: string, message: string): FormatError {
  return new FormatError(FormatErrorCode.INVALID_METADATA, message, `disclosure.${path}`);
}

function u8(value: number, path: string): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 255) throw invalid(path, 'more than 255');
  return new Uint8Array([value]);
}

function text(value: string, path: string): Uint8Array {
  const bytes = utf8(value);
  return concatBytes(u8(bytes.length, path), bytes);
}

/** One date, in the shortest form that gives back exactly the same text. */
function date(value: string, path: string): Uint8Array {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return concatBytes(new Uint8Array([TEXT_FORM]), text(value, path));
  if (FULL_DATE.test(value) && new Date(ms).toISOString().slice(0, 10) === value) {
    const out = new Uint8Array(5);
    out[0] = DATE_FORM;
    new DataView(out.buffer).setInt32(1, ms / DAY_MS);
    return out;
  }
  if (UTC_SECONDS.test(value) && `${new Date(ms).toISOString().slice(0, 19)}Z` === value) {
    const out = new Uint8Array(9);
    out[0] = SECONDS_FORM;
    new DataView(out.buffer).setBigInt64(1, BigInt(ms / 1000));
    return out;
  }
  return concatBytes(new Uint8Array([TEXT_FORM]), text(value, path));
}

/**
 * The compact, versioned binary form of an agreement's public metadata, logged on chain as
 * `AgreementDisclosed(id, bytes)` (FORMATS.md, Disclosure). Every field is length-prefixed
 * or fixed-width, so the bytes parse one way only; dates keep their exact RFC 3339 text.
 */
export function encodeDisclosure(metadata: AgreementMetadata): HexString {
  const parent = metadata.parentId ?? null;
  return toHex(
    concatBytes(
      new Uint8Array([DISCLOSURE_VERSION]),
      text(metadata.type, 'type'),
      u8(metadata.parties.length, 'parties'),
      ...metadata.parties.map((p, i) => fromHex(p, 32, `disclosure.parties[${i}]`)),
      u8(metadata.jurisdictions.length, 'jurisdictions'),
      ...metadata.jurisdictions.map((code, i) => text(code, `jurisdictions[${i}]`)),
      date(metadata.effectiveAt, 'effectiveAt'),
      date(metadata.expiresAt, 'expiresAt'),
      parent === null
        ? new Uint8Array([0])
        : concatBytes(new Uint8Array([1]), fromHex(parent, 32, 'parentId')),
    ),
  );
}

/** Reads the bytes strictly: a wrong version, a short field or a trailing byte is INVALID_METADATA. */
export function decodeDisclosure(data: HexString | Uint8Array): DisclosedMetadata {
  const bytes = typeof data === 'string' ? fromHex(data, undefined, 'disclosure') : data;
  let at = 0;
  const take = (n: number, path: string): Uint8Array => {
    if (at + n > bytes.length) throw invalid(path, `ends at byte ${bytes.length}, ${n} more needed`);
    const part = bytes.subarray(at, at + n);
    at += n;
    return part;
  };
  const byte = (path: string): number => take(1, path)[0];
  const string = (path: string): string => fromUtf8(take(byte(path), path), `disclosure.${path}`);
  const readDate = (path: string): string => {
    const form = byte(path);
    if (form === TEXT_FORM) return string(path);
    const view = (n: number) => {
      const part = take(n, path);
      return new DataView(part.buffer, part.byteOffset, n);
    };
    let ms: number;
    if (form === DATE_FORM) ms = view(4).getInt32(0) * DAY_MS;
    else if (form === SECONDS_FORM) ms = Number(view(8).getBigInt64(0)) * 1000;
    else throw invalid(path, `unknown date form ${form}`);
    const iso = Number.isNaN(new Date(ms).getTime()) ? '' : new Date(ms).toISOString();
    if (!FULL_DATE.test(iso.slice(0, 10))) throw invalid(path, 'the date is out of range');
    return form === DATE_FORM ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
  };

  const version = byte('version');
  if (version !== DISCLOSURE_VERSION)
    throw new FormatError(FormatErrorCode.UNSUPPORTED_VERSION, `version ${version}`, 'disclosure.version');
  const type = string('type');
  const parties = Array.from({ length: byte('parties') }, (_, i) => toHex(take(32, `parties[${i}]`)));
  const jurisdictions = Array.from({ length: byte('jurisdictions') }, (_, i) =>
    string(`jurisdictions[${i}]`),
  );
  const effectiveAt = readDate('effectiveAt');
  const expiresAt = readDate('expiresAt');
  const hasParent = byte('parentId');
  if (hasParent > 1) throw invalid('parentId', `flag ${hasParent}, expected 0 or 1`);
  const parentId = hasParent === 1 ? toHex(take(32, 'parentId')) : null;
  if (at !== bytes.length) throw invalid('end', `${bytes.length - at} byte(s) after the last field`);
  return { type, parties, jurisdictions, effectiveAt, expiresAt, parentId };
}

/** The fields of the receipt's metadata that differ from what the chain discloses, by name. */
export function disclosureMismatches(disclosed: DisclosedMetadata, metadata: AgreementMetadata): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const fields: Array<keyof DisclosedMetadata> = [
    'type',
    'parties',
    'jurisdictions',
    'effectiveAt',
    'expiresAt',
  ];
  const wrong: string[] = fields.filter((field) => !same(disclosed[field], metadata[field]));
  if (disclosed.parentId !== (metadata.parentId ?? null)) wrong.push('parentId');
  return wrong;
}
