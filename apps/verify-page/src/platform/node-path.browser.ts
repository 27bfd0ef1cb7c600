/** The one node:path call libs/formats makes (locating the native keccak addon). */
export function dirname(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}
