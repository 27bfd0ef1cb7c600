import { JURISDICTION_PATTERN } from '@signet/formats';

/**
 * The JSON Schema (draft-07) of a pack's data part, pack.json. Documented in
 * docs/POLICY.md; `signet admin policy publish` refuses a pack that does not match it.
 */
const action = { enum: ['escalate', 'refuse'] };
const code = { type: 'string', pattern: JURISDICTION_PATTERN };
const typeName = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$|^\\*$';
const amount = { type: 'string', pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$' };
const currency = '^[A-Z0-9]{3,12}$';
const days = { type: 'integer', minimum: 0, maximum: 36500 };
const disclosureMode = { enum: ['hashed', 'public'] };
const positive = { type: 'number', exclusiveMinimum: 0, maximum: 1_000_000 };

/** The `monitoring` member: per feature, any part of its rule (docs/MONITORING.md). */
export const MONITORING_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    escalateMinutes: { type: 'integer', minimum: 1, maximum: 525_600 },
    features: {
      type: 'object',
      propertyNames: {
        enum: [
          'deposit.rate',
          'refusal.rate',
          'ratification.rate',
          'login.failures',
          'sealed.open.rate',
          'deal.counterparty',
          'deal.counterpartyJurisdiction',
          'deal.type',
          'deal.jurisdiction',
          'deal.value',
        ],
      },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          action: { enum: ['alert', 'escalate', 'suspend'] },
          severity: { enum: ['low', 'medium', 'high'] },
          cooldownMinutes: { type: 'number', minimum: 0, maximum: 10_080 },
          ratio: positive,
          z: positive,
          minCount: { type: 'integer', minimum: 1, maximum: 1_000_000 },
          floorPerMinute: positive,
          newFloorPerMinute: positive,
          warmup: { type: 'integer', minimum: 0, maximum: 1_000_000 },
          minSamples: { type: 'integer', minimum: 2, maximum: 128 },
          minSpread: positive,
        },
      },
    },
  },
} as const;

export const PACK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['jurisdiction', 'version'],
  properties: {
    $schema: { type: 'string' },
    jurisdiction: code,
    version: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$' },
    example: { type: 'boolean' },
    description: { type: 'string', maxLength: 2000 },
    covers: { type: 'array', items: code, uniqueItems: true, maxItems: 64 },
    thresholds: {
      type: 'object',
      propertyNames: { pattern: typeName },
      additionalProperties: {
        type: 'object',
        propertyNames: { pattern: currency },
        additionalProperties: amount,
      },
    },
    restrictedTypes: { type: 'object', propertyNames: { pattern: typeName }, additionalProperties: action },
    templates: {
      type: 'object',
      propertyNames: { pattern: typeName },
      additionalProperties: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 128 },
        uniqueItems: true,
      },
    },
    novelTerms: action,
    retention: {
      type: 'object',
      propertyNames: { pattern: typeName },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['minDays'],
        properties: { minDays: days, maxDays: days },
      },
    },
    disclosure: {
      oneOf: [
        disclosureMode,
        { type: 'object', propertyNames: { pattern: typeName }, additionalProperties: disclosureMode },
      ],
    },
    crossBorder: {
      type: 'object',
      additionalProperties: false,
      required: ['allowed'],
      properties: { allowed: { type: 'array', items: code, uniqueItems: true }, action },
    },
    ndaScope: action,
    termsSchemas: {
      type: 'object',
      propertyNames: { pattern: typeName },
      additionalProperties: { type: 'object' },
    },
    monitoring: MONITORING_SCHEMA,
  },
} as const;
