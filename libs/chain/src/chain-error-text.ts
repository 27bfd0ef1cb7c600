/** ethers nests the node's words several levels deep; gather them all, for logs and for classification. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key of ['message', 'shortMessage'])
      if (typeof record[key] === 'string') parts.push(record[key]);
    for (const key of ['error', 'info', 'cause']) visit(record[key], depth + 1);
  };
  visit(error, 0);
  return parts.join(' | ') || String(error);
}
