/**
 * libs/formats loads the native keccak addon through createRequire and falls back to
 * @noble's JavaScript keccak when that fails; in the browser it always fails, on purpose.
 */
export function createRequire(): (id: string) => never {
  return (id) => {
    throw new Error(`no native module ${id} in the browser`);
  };
}
