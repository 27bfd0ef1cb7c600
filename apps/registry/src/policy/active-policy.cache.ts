import { Inject, Injectable } from '@nestjs/common';
import { PolicyPackCompiler, PolicyPackStore, type CompiledPolicyPack } from '@signet/domain';

/**
 * The packs in force, compiled once and kept in memory. Each deposit reads the activation
 * counter with its context (no extra round trip); only when it differs from the cached
 * one are the packs read again. So an activation on any replica reaches every replica's
 * next deposit, and decisions made before it keep the packs they were made with.
 */
@Injectable()
export class ActivePolicyCache {
  private current: { version: number; packs: CompiledPolicyPack[] } = { version: 0, packs: [] };
  private loading: Promise<{ version: number; packs: CompiledPolicyPack[] }> | undefined;
  private readonly compiled = new Map<string, CompiledPolicyPack>();

  constructor(
    @Inject(PolicyPackStore) private readonly store: PolicyPackStore,
    @Inject(PolicyPackCompiler) private readonly compiler: PolicyPackCompiler,
  ) {}

  /** The packs of activation `version` or later: in memory unless an activation happened since. */
  async packsAt(version: number): Promise<CompiledPolicyPack[]> {
    if (this.current.version >= version) return this.current.packs;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    const loaded = await this.loading;
    return loaded.version >= version ? loaded.packs : this.packsAt(version);
  }

  /** The packs in force now, read again (behaviour monitoring asks now and then, not per deposit). */
  async refresh(): Promise<CompiledPolicyPack[]> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return (await this.loading).packs;
  }

  /** A published pack compiled (once per hash: packs never change). */
  compile(hash: string, files: Record<string, string>): CompiledPolicyPack {
    let pack = this.compiled.get(hash);
    if (!pack) {
      pack = this.compiler.compile(files);
      this.compiled.set(hash, pack);
    }
    return pack;
  }

  private async load(): Promise<{ version: number; packs: CompiledPolicyPack[] }> {
    const active = await this.store.loadActive();
    const packs = active.packs.map((pack) => this.compile(pack.hash, pack.files));
    if (active.version > this.current.version) this.current = { version: active.version, packs };
    return this.current;
  }
}
