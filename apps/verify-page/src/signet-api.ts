import type { RemoteVerdict } from './verdict-view';

/** The page's only calls to Signet itself, on its own origin. */
async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}

/** The chain endpoint this Signet names (`status.rpcUrl`), to prefill the form; null if unknown. */
export async function signetRpcUrl(): Promise<string | null> {
  try {
    return (await graphql<{ status: { rpcUrl: string } }>('{ status { rpcUrl } }')).status.rpcUrl;
  } catch {
    return null;
  }
}

/** Signet's public verify: only when the person asks for it, since the text goes with it. */
export async function askSignet(
  blockchainId: string,
  open: { text?: string; salt?: string },
): Promise<RemoteVerdict> {
  const data = await graphql<{ verify: RemoteVerdict }>(
    'query ($id: String!, $text: String, $salt: String) { verify(blockchainId: $id, text: $text, salt: $salt) { valid checks { name ok detail } warnings } }',
    { id: blockchainId, text: open.text ?? null, salt: open.salt ?? null },
  );
  return data.verify;
}
