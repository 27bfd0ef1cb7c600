import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import {
  BehaviourStore,
  newBehaviourState,
  observeBehaviour,
  strongestAction,
  type BehaviourEvent,
  type FindingRecord,
  type MonitoredCredential,
  type NewFinding,
} from '@signet/domain';
import { ROOT_LOGGER } from '../bootstrap/tokens';
import { SignetMetrics } from '../observability/metrics';
import { MonitoringRulesSource } from './monitoring-rules.source';
import { MONITORING_SETTINGS, type MonitoringSettings } from './monitoring-settings';

/** A deal as the deposit saw it; its counter-parties are resolved when it is folded in. */
export interface HeardDeal {
  type: string;
  currency: string | null;
  value: string | null;
  jurisdictions: string[];
  parties: string[];
  /** The deal waits for principals: each party's principal has a ratification request. */
  pendingRatification: boolean;
}

type Heard =
  | { credentialId: string; event: Exclude<BehaviourEvent, { kind: 'deal' }> }
  | { credentialId: string; deal: HeardDeal; at: number };

const FACTS_TTL_MS = 60_000;
const MAX_QUEUE = 100_000;

/**
 * Hears what credentials do (a synchronous push: nothing on the request's path waits for
 * it) and folds it into their baselines every `flushMs`, one transaction per credential
 * under its baseline's row lock, so every API replica feeds the same baselines. Findings
 * and their actions are written there (BehaviourStore.update).
 */
@Injectable()
export class BehaviourMonitor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private queue: Heard[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly facts = new Map<string, { at: number; credential: MonitoredCredential }>();
  private dropped = 0;

  constructor(
    @Inject(BehaviourStore) private readonly store: BehaviourStore,
    @Inject(MonitoringRulesSource) private readonly rules: MonitoringRulesSource,
    @Inject(MONITORING_SETTINGS) private readonly settings: MonitoringSettings,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(SignetMetrics) private readonly metrics: SignetMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    this.timer = setInterval(() => void this.flush(), this.settings.flushMs).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  record(credentialId: string, event: Exclude<BehaviourEvent, { kind: 'deal' }>): void {
    this.push({ credentialId, event });
  }

  recordDeal(credentialId: string, deal: HeardDeal, at = Date.now()): void {
    this.push({ credentialId, deal, at });
  }

  /** Folds in everything heard so far; the findings raised (for tests and the bench). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private push(heard: Heard): void {
    if (!this.settings.enabled) return;
    // Bounded: if the database stays away, monitoring loses events rather than memory.
    if (this.queue.length >= MAX_QUEUE) {
      this.dropped++;
      return;
    }
    this.queue.push(heard);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.fold(batch);
      } catch (error) {
        this.logger.warn({ error, events: batch.length }, 'behaviour monitoring could not fold events');
        return;
      }
    }
    if (this.dropped > 0) {
      this.logger.warn({ dropped: this.dropped }, 'behaviour monitoring dropped events (queue full)');
      this.dropped = 0;
    }
  }

  private async fold(batch: Heard[]): Promise<void> {
    const byCredential = new Map<string, Heard[]>();
    const ids = new Set<string>();
    for (const heard of batch) {
      let list = byCredential.get(heard.credentialId);
      if (!list) byCredential.set(heard.credentialId, (list = []));
      list.push(heard);
      ids.add(heard.credentialId);
      if ('deal' in heard) for (const party of heard.deal.parties) ids.add(party);
    }
    const facts = await this.credentialFacts([...ids]);
    await this.addRatificationRequests(batch, facts, byCredential);
    for (const [credentialId, heard] of byCredential) {
      const credential = facts.get(credentialId);
      if (!credential) continue;
      const events = heard.map((item) => eventOf(item, credential, facts));
      const raised = await this.foldOne(credential, events);
      for (const finding of raised) {
        this.metrics.findings.inc({ feature: finding.feature, action: finding.action });
        this.logger.info(
          { credentialId, feature: finding.feature, action: finding.action, findingId: finding.id },
          'behaviour finding',
        );
      }
    }
  }

  /** A deal waiting for principals is a ratification request to each party's principal. */
  private async addRatificationRequests(
    batch: Heard[],
    facts: Map<string, MonitoredCredential>,
    byCredential: Map<string, Heard[]>,
  ): Promise<void> {
    const principals: Array<{ id: string; at: number }> = [];
    for (const heard of batch) {
      if (!('deal' in heard) || !heard.deal.pendingRatification) continue;
      for (const party of heard.deal.parties) {
        const principalId = facts.get(party)?.principalId;
        if (principalId) principals.push({ id: principalId, at: heard.at });
      }
    }
    if (principals.length === 0) return;
    for (const [id, credential] of await this.credentialFacts(principals.map((p) => p.id)))
      facts.set(id, credential);
    for (const { id, at } of principals) {
      let list = byCredential.get(id);
      if (!list) byCredential.set(id, (list = []));
      list.push({ credentialId: id, event: { kind: 'ratification.requested', at, count: 1 } });
    }
  }

  private async foldOne(credential: MonitoredCredential, events: BehaviourEvent[]): Promise<FindingRecord[]> {
    const rules = await this.rules.rulesFor(credential);
    return this.store.update(credential, (stored) => {
      const state = stored ?? newBehaviourState();
      const findings: NewFinding[] = [];
      for (const event of events) findings.push(...observeBehaviour(state, event, rules));
      const action = strongestAction(findings.map((finding) => finding.action));
      const escalates = findings.some((finding) => finding.action === 'escalate');
      return {
        state,
        findings,
        escalateUntil: escalates ? new Date(Date.now() + rules.escalateMinutes * 60_000) : null,
        suspend: action === 'suspend',
      };
    });
  }

  private async credentialFacts(ids: string[]): Promise<Map<string, MonitoredCredential>> {
    const now = Date.now();
    const out = new Map<string, MonitoredCredential>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.facts.get(id);
      if (cached && now - cached.at < FACTS_TTL_MS) out.set(id, cached.credential);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const credential of await this.store.credentials(missing)) {
        this.facts.set(credential.id, { at: now, credential });
        out.set(credential.id, credential);
      }
      if (this.facts.size > 50_000) this.facts.clear();
    }
    return out;
  }
}

function eventOf(
  heard: Heard,
  self: MonitoredCredential,
  facts: Map<string, MonitoredCredential>,
): BehaviourEvent {
  if ('event' in heard) return heard.event;
  const others = heard.deal.parties.flatMap((id) => {
    const party = facts.get(id);
    return party && party.organizationId !== self.organizationId ? [party] : [];
  });
  return {
    kind: 'deal',
    at: heard.at,
    type: heard.deal.type,
    currency: heard.deal.currency,
    value: heard.deal.value,
    jurisdictions: heard.deal.jurisdictions,
    counterparties: others.flatMap((party) => (party.organizationId ? [party.organizationId] : [])),
    counterpartyJurisdictions: others.flatMap((party) => (party.home ? [party.home] : [])),
  };
}
