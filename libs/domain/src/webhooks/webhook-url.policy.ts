import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** Looks a host name up (all its addresses); an adapter gives node:dns. */
export type HostResolver = (host: string) => Promise<string[]>;

/**
 * A subscriber URL must not lead the service to its own machine or network: loopback,
 * private, link-local (cloud metadata lives there), unique-local, CGNAT, unspecified and
 * multicast addresses are refused, unless the operator allows them (tests, a private
 * deployment). Checked at subscribe time and again before every delivery, because a name
 * can resolve elsewhere later (DNS rebinding).
 */
export async function checkWebhookUrl(
  raw: string,
  resolve: HostResolver,
  allowPrivate: boolean,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError(ErrorCode.BadInput, 'the webhook URL does not parse', { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DomainError(ErrorCode.BadInput, 'a webhook URL is http or https', { field: 'url' });
  if (url.username || url.password)
    throw new DomainError(ErrorCode.BadInput, 'a webhook URL carries no credentials', { field: 'url' });
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIpLiteral(host) ? [host] : await resolve(host);
  } catch {
    throw new DomainError(ErrorCode.WebhookUrlForbidden, `${host} does not resolve`, { field: 'url' });
  }
  const internal = addresses.find(isInternalAddress);
  if (addresses.length === 0 || internal !== undefined)
    throw new DomainError(
      ErrorCode.WebhookUrlForbidden,
      `${host} resolves to ${internal ?? 'nothing'}: webhooks may not target loopback, private or link-local addresses`,
      { field: 'url' },
    );
  return url;
}

function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** True for any address a public webhook endpoint cannot have. */
export function isInternalAddress(address: string): boolean {
  const v4 = ipv4(address.startsWith('::ffff:') ? address.slice(7) : address);
  if (v4) {
    const [a, b] = v4;
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  if (!v6.includes(':')) return true; // neither form: refuse rather than guess
  const first = parseInt(v6.split(':')[0] || '0', 16);
  return (
    v6 === '::' ||
    v6 === '::1' ||
    (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (first & 0xff00) === 0xff00 // multicast
  );
}

function ipv4(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}
