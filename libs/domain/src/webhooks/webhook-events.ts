import { AgreementStatus } from '../agreements/agreement-status';

/** What a subscriber may ask for; `type` in every payload (docs/WEBHOOKS.md). */
export const WEBHOOK_EVENT_TYPES = [
  'agreement.anchored',
  'agreement.final',
  'agreement.ratification_required',
  'agreement.terminated',
  /** Emitted when the retention job moves an agreement to SHREDDED (docs/RETENTION.md). */
  'agreement.shredded',
  'sealed.opened',
  'credential.revoked',
  /** Behaviour monitoring raised a finding on a credential (docs/MONITORING.md). */
  'finding.raised',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

const STATUS_EVENTS: Partial<Record<string, WebhookEventType>> = {
  [AgreementStatus.Anchored]: 'agreement.anchored',
  [AgreementStatus.Final]: 'agreement.final',
  [AgreementStatus.PendingRatification]: 'agreement.ratification_required',
  [AgreementStatus.Terminated]: 'agreement.terminated',
  [AgreementStatus.Shredded]: 'agreement.shredded',
};

/** The agreement event a status change causes, if any (a reorg's step back causes none). */
export function eventForStatus(status: string): WebhookEventType | null {
  return STATUS_EVENTS[status] ?? null;
}

/** Who an event concerns: organisations, and the jurisdictions whose regulators may see it. */
export interface WebhookAudience {
  organizationIds: string[];
  jurisdictions: string[];
}

/** A subscription's scope: an organisation's (its principals and agents) or a regulator's. */
export type WebhookScope =
  | { kind: 'organization'; organizationId: string }
  | { kind: 'regulator'; credentialId: string; jurisdictions: string[] };

/**
 * A subscriber only ever receives events within its own scope, as it would see them by
 * query: its organisation is a party's, or (a regulator) the event is in its jurisdictions.
 * `sealed.opened` goes to the parties only: it tells them who read their agreement.
 */
export function scopeReceives(
  scope: WebhookScope,
  type: WebhookEventType,
  audience: WebhookAudience,
): boolean {
  if (scope.kind === 'organization') return audience.organizationIds.includes(scope.organizationId);
  if (type === 'sealed.opened' || type === 'credential.revoked') return false;
  return audience.jurisdictions.some((code) => scope.jurisdictions.includes(code));
}
