import type { Caller } from '../access/caller';
import type { PolicyPackFiles } from './policy-pack-compiler.port';

export interface PolicyPackRecord {
  hash: string;
  jurisdiction: string;
  version: string;
  files: PolicyPackFiles;
  publishedAt: Date;
}

export interface PolicyActivationRecord {
  jurisdiction: string;
  packHash: string;
  activatedAt: Date;
}

/** The packs in force: one per jurisdiction, and the activation counter they belong to. */
export interface ActivePolicyPacks {
  /** Grows with every activation; deposits read it with their context to know when to reload. */
  version: number;
  packs: PolicyPackRecord[];
}

/** Published packs (never edited, only superseded) and their activations, anchored through the outbox. */
export abstract class PolicyPackStore {
  /** Stores a pack under its hash; publishing the same content again changes nothing. */
  abstract publish(pack: Omit<PolicyPackRecord, 'publishedAt'>, actor: Caller): Promise<PolicyPackRecord>;
  abstract find(hash: string): Promise<PolicyPackRecord | null>;
  abstract list(jurisdiction: string): Promise<PolicyPackRecord[]>;
  /** The activations of a jurisdiction, newest first. */
  abstract activations(jurisdiction: string): Promise<PolicyActivationRecord[]>;
  /** Makes the pack current for its jurisdiction, with an audit event and the on-chain anchor queued. */
  abstract activate(jurisdiction: string, packHash: string, actor: Caller): Promise<PolicyActivationRecord>;
  abstract loadActive(): Promise<ActivePolicyPacks>;
}
