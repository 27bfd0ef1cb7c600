import { randomUUID } from 'node:crypto';

/** `msg_` + 32 hex digits: the webhook-id a subscriber deduplicates on. */
export const newDeliveryId = (): string => `msg_${randomUUID().replace(/-/g, '')}`;
