import { Inject, Injectable } from '@nestjs/common';
import {
  applyMonitoringOverrides,
  DEFAULT_MONITORING_RULES,
  packApplies,
  type CompiledPolicyPack,
  type MonitoredCredential,
  type MonitoringRules,
} from '@signet/domain';
import { ActivePolicyCache } from '../policy/active-policy.cache';
import { MONITORING_SETTINGS, type MonitoringSettings } from './monitoring-settings';

const PACKS_TTL_MS = 2_000;

/**
 * The rules for a credential: the `monitoring` members of the active packs of its home
 * jurisdiction (and, for a regulator, of those it supervises), over the defaults; where no
 * such pack has one, the configuration's (SIGNET_MONITORING_RULES). Defaults only alert.
 */
@Injectable()
export class MonitoringRulesSource {
  private packs: { at: number; packs: CompiledPolicyPack[] } = { at: 0, packs: [] };
  /** Merged rules by the packs they came from (packs never change, so neither do these). */
  private readonly merged = new Map<string, MonitoringRules>();

  constructor(
    @Inject(ActivePolicyCache) private readonly active: ActivePolicyCache,
    @Inject(MONITORING_SETTINGS) private readonly settings: MonitoringSettings,
  ) {}

  async rulesFor(credential: MonitoredCredential): Promise<MonitoringRules> {
    const jurisdictions = [...(credential.home ? [credential.home] : []), ...credential.jurisdictions];
    const packs = (await this.activePacks()).filter(
      (pack) => pack.data.monitoring !== undefined && packApplies(pack.data, jurisdictions),
    );
    const key = packs.map((pack) => pack.hash).join(',');
    let rules = this.merged.get(key);
    if (!rules) {
      const overrides =
        packs.length > 0 ? packs.map((pack) => pack.data.monitoring) : [this.settings.overrides];
      rules = applyMonitoringOverrides(DEFAULT_MONITORING_RULES, overrides);
      if (this.merged.size > 256) this.merged.clear();
      this.merged.set(key, rules);
    }
    return rules;
  }

  private async activePacks(): Promise<CompiledPolicyPack[]> {
    const now = Date.now();
    if (now - this.packs.at > PACKS_TTL_MS) this.packs = { at: now, packs: await this.active.refresh() };
    return this.packs.packs;
  }
}
