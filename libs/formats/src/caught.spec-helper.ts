/**
 * Returns what `fn` throws, so a spec can match a FormatError's code and path with
 * toMatchObject (jest's toThrow only takes a message, class or error instance).
 */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, nothing was thrown');
}
