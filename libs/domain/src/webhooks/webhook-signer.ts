import { Webhook } from 'standardwebhooks';
import { systemRandom, toBase64, type RandomSource } from '@signet/formats';

/** A subscription's signing secrets: the current one, and the one it replaced while both count. */
export interface WebhookSecrets {
  current: string;
  previous?: { secret: string; until: Date } | null;
}

/** How long a rotated-out secret still signs, so a subscriber can switch without a gap. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** `whsec_` + base64 of 24 random bytes, the Standard Webhooks secret format. */
export function newWebhookSecret(random: RandomSource = systemRandom): string {
  return `whsec_${toBase64(random(24))}`;
}

/** The secrets after a rotation at `now`: a new current one; the old one signs until the overlap ends. */
export function rotateSecret(secrets: WebhookSecrets, now: Date, random?: RandomSource): WebhookSecrets {
  return {
    current: newWebhookSecret(random),
    previous: { secret: secrets.current, until: new Date(now.getTime() + SECRET_OVERLAP_MS) },
  };
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks headers for one attempt. The id is the delivery's, the same on every
 * retry, so a subscriber deduplicates on it; during an overlap the body is signed with both
 * secrets (space-separated `v1,` signatures), and either verifies.
 */
export function signDelivery(input: {
  id: string;
  body: string;
  at: Date;
  secrets: WebhookSecrets;
}): SignedHeaders {
  const { id, body, at, secrets } = input;
  const live = [secrets.current];
  if (secrets.previous && secrets.previous.until.getTime() > at.getTime()) live.push(secrets.previous.secret);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': live.map((secret) => new Webhook(secret).sign(id, at, body)).join(' '),
  };
}
