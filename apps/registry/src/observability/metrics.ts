import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, so tests can build several apps without name clashes. */
export class SignetMetrics {
  readonly registry = new Registry();
  readonly deposits = new Counter({
    name: 'signet_deposits_total',
    help: 'Deposits accepted, by resulting status',
    labelNames: ['status'],
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: 'signet_refusals_total',
    help: 'Requests refused, by error code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly graphqlResolverCalls = new Counter({
    name: 'signet_graphql_resolver_calls_total',
    help: 'Root GraphQL fields run (after the document limits, the budget and the access guard), by field',
    labelNames: ['field'],
    registers: [this.registry],
  });
  readonly graphqlCost = new Histogram({
    name: 'signet_graphql_request_cost',
    help: 'Cost of the GraphQL requests charged to a budget (README, GraphQL limits)',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  });
  readonly anchoredAgreements = new Counter({
    name: 'signet_anchored_agreements_total',
    help: 'Agreements recorded on chain',
    registers: [this.registry],
  });
  readonly anchorLag = new Histogram({
    name: 'signet_anchor_lag_seconds',
    help: 'Time from deposit to the anchoring transaction being mined',
    buckets: [0.5, 1, 2, 3, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly outboxDepth = new Gauge({
    name: 'signet_outbox_pending',
    help: 'Outbox rows waiting for the anchor worker',
    registers: [this.registry],
  });
  readonly anchorDeepReorgs = new Counter({
    name: 'signet_anchor_deep_reorgs_total',
    help: 'FINAL anchoring transactions whose block later left the canonical chain (an operator alert)',
    registers: [this.registry],
  });
  readonly anchorFeeCapped = new Gauge({
    name: 'signet_anchor_fee_capped',
    help: '1 while ANCHOR_MAX_FEE_PER_GAS_GWEI holds back an anchoring transaction or its replacement',
    registers: [this.registry],
  });
  readonly timestampFailures = new Counter({
    name: 'signet_tsa_failures_total',
    help: 'Failed requests to the RFC 3161 TSA (TSA_URL); each is retried later, anchoring never waits for it',
    registers: [this.registry],
  });
  readonly timestampTokens = new Counter({
    name: 'signet_tsa_tokens_total',
    help: 'Batch roots timestamped by the TSA',
    registers: [this.registry],
  });
  readonly findings = new Counter({
    name: 'signet_behaviour_findings_total',
    help: 'Behaviour findings raised (docs/MONITORING.md), by feature and action',
    labelNames: ['feature', 'action'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'signet_' });
  }
}
