import { FormatError, FormatErrorCode } from './format.error';

/**
 * I-JSON (RFC 7493) as FORMATS.md §1 pins it for every document a verifier reads (receipts,
 * evidence bundles): JSON.parse's values (numbers as IEEE 754 binary64; one beyond its range is an error), but a duplicate
 * member name is an error rather than "the last one wins", so two verifiers can never read
 * two different documents out of the same bytes.
 */
export function parseIJson(text: string, what = 'document'): unknown {
  let value: unknown;
  let overflow = false;
  try {
    value = JSON.parse(text, (_key, item: unknown) => {
      if (typeof item === 'number' && !Number.isFinite(item)) overflow = true;
      return item;
    });
  } catch (error) {
    throw new FormatError(FormatErrorCode.INVALID_JSON, `not JSON: ${(error as Error).message}`, what);
  }
  if (overflow) throw new FormatError(FormatErrorCode.INVALID_JSON, 'a number is beyond binary64', what);
  const duplicate = firstDuplicateMember(text);
  if (duplicate !== null)
    throw new FormatError(FormatErrorCode.INVALID_JSON, `duplicate member name "${duplicate}"`, what);
  return value;
}

/**
 * Scans text JSON.parse has already accepted, so it needs to know only where strings start
 * and end and which braces are open: each open object keeps the set of its member names.
 */
function firstDuplicateMember(text: string): string | null {
  const objects: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = objects[objects.length - 1];
      if (expectKey && top) {
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.has(name)) return name;
        top.add(name);
      }
      expectKey = false;
      i = end;
    } else if (char === '{') {
      objects.push(new Set());
      expectKey = true;
    } else if (char === '[') {
      objects.push(null);
    } else if (char === '}' || char === ']') {
      objects.pop();
    } else if (char === ',') {
      expectKey = objects[objects.length - 1] !== null;
    }
  }
  return null;
}
