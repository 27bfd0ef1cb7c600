import { RegistryClient, createProvider } from '@signet/chain';
import {
  verifyAuditChain,
  type AuditCheck,
  type AuditCheckpointClaim,
  type AuditFields,
  type AuditLink,
  type AuditVerdict,
} from '@signet/domain';
import type { BlockchainId } from '@signet/formats';
import type { SignetClient } from '@signet/sdk';
import { CHAIN_HINT, CliError, ExitCode } from '../cli-error';

export interface TrailEvent {
  seq: number | null;
  at: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  agreementId: string | null;
  subjectId: string | null;
  purpose: string | null;
  detail: string;
  prevHash: string | null;
  hash: string | null;
}

export interface Trail {
  agreementId: string;
  events: TrailEvent[];
  pending: TrailEvent[];
  checkpoint: { sequence: number; head: string; txHash: string | null; blockNumber: number | null } | null;
}

interface ServedLink extends AuditLink {
  event: TrailEvent | null;
}

const EVENT = 'seq at action actorId actorRole agreementId subjectId purpose detail prevHash hash';
const TRAIL_QUERY = `query ($id: String!) {
  auditTrail(agreementId: $id) { agreementId events { ${EVENT} } pending { ${EVENT} }
    checkpoint { sequence head txHash blockNumber } }
}`;
const CHAIN_QUERY = `query ($id: String!, $from: Int!, $first: Int!) {
  auditChain(agreementId: $id, fromSeq: $from, first: $first) {
    links { seq prevHash hash agreementTag fieldsHash event { ${EVENT} } } head { seq hash } }
}`;
// Each link with its event costs 3 points (README, GraphQL limits): 250 of them fit a request.
const PAGE = 250;

export interface AuditReport extends AuditVerdict {
  trail: Trail;
  checkpointSource: string;
}

/**
 * `signet audit`'s work: the checkpoints are read from the chain first (so the trail
 * fetched afterwards must reach at least as far), then the agreement's trail and the whole
 * chain of hashes from Signet; every link is recomputed here.
 */
export async function auditAgreement(
  client: SignetClient,
  id: string,
  parsed: BlockchainId,
  rpc?: string,
): Promise<AuditReport> {
  const rpcUrl = rpc ?? (await client.status()).rpcUrl;
  const checkpoints = await onChainCheckpoints(parsed, rpcUrl);
  const { auditTrail: trail } = await client.request<{ auditTrail: Trail }>(TRAIL_QUERY, { id });
  const links: ServedLink[] = [];
  for (let from = 1; ; from += PAGE) {
    const page = await client.request<{ auditChain: { links: ServedLink[] } }>(CHAIN_QUERY, {
      id,
      from,
      first: PAGE,
    });
    links.push(...page.auditChain.links);
    if (page.auditChain.links.length < PAGE) break;
  }
  const events = links.flatMap((link) => (link.event ? [fieldsOf(link.event, link.seq)] : []));
  const verdict = verifyAuditChain({ agreementId: trail.agreementId, links, events, checkpoints });
  const checks: AuditCheck[] = [...verdict.checks, trailInChain(trail, links)];
  return {
    ...verdict,
    checks,
    valid: checks.every((c) => c.ok),
    trail,
    checkpointSource: `chain at ${rpcUrl}`,
  };
}

function fieldsOf(event: TrailEvent, seq: number): AuditFields {
  let detail: Record<string, unknown>;
  try {
    detail = JSON.parse(event.detail) as Record<string, unknown>;
  } catch {
    detail = { unparseable: event.detail };
  }
  return {
    seq,
    at: event.at,
    action: event.action,
    actorId: event.actorId,
    actorRole: event.actorRole,
    agreementId: event.agreementId,
    subjectId: event.subjectId,
    purpose: event.purpose,
    detail,
  };
}

/** What the trail shows must be what the chain holds, event for event. */
function trailInChain(trail: Trail, links: ServedLink[]): AuditCheck {
  const bySeq = new Map(links.map((l) => [l.seq, l]));
  for (const event of trail.events) {
    const link = event.seq === null ? undefined : bySeq.get(event.seq);
    if (
      !link ||
      link.hash !== event.hash ||
      link.event?.purpose !== event.purpose ||
      link.event?.action !== event.action
    ) {
      return {
        name: 'trail-in-chain',
        ok: false,
        detail: `trail event seq ${event.seq} (${event.action}) differs from the chain`,
      };
    }
  }
  return {
    name: 'trail-in-chain',
    ok: true,
    detail: `${trail.events.length} trail event(s) are the chain's`,
  };
}

async function onChainCheckpoints(parsed: BlockchainId, rpcUrl: string): Promise<AuditCheckpointClaim[]> {
  const provider = createProvider(rpcUrl, { chainId: Number(parsed.chainId) });
  try {
    const registry = RegistryClient.attach(parsed.registry, provider);
    const logs = await registry.findAuditCheckpoints();
    return logs.map((log) => ({ sequence: Number(log.sequence), head: log.head }));
  } catch (error) {
    throw new CliError(
      ExitCode.Unreachable,
      `cannot read the checkpoints on chain at ${rpcUrl}: ${(error as Error).message}. ${CHAIN_HINT}`,
    );
  } finally {
    provider.destroy();
  }
}
