import type { Command } from 'commander';
import { parseBlockchainId } from '@signet/formats';
import { CliContext } from '../cli-context';
import { ExitCode, usageError } from '../cli-error';
import type { RegisterCommand } from './command';
import { auditAgreement, type AuditReport, type TrailEvent } from './audit-chain';

/**
 * `signet audit ID`: who did what to an agreement, with the hash chain recomputed here and
 * compared with the checkpoints on chain. Exit 0 when the trail is intact — also when its
 * newest events still await a checkpoint, which it says — and 1, naming the failing
 * checks, when it was tampered with.
 */
export const registerAudit: RegisterCommand = (program) => {
  program
    .command('audit')
    .description('the access trail of an agreement, with its chain of hashes checked against the chain')
    .argument('<id>', 'blockchain id')
    .option('--rpc <url>', 'JSON-RPC endpoint of the chain (default: the one Signet names)')
    .action(async (id: string, options: { rpc?: string }, command: Command) => {
      const cli = CliContext.of(command);
      let parsed;
      try {
        parsed = parseBlockchainId(id);
      } catch (error) {
        throw usageError(`ID: ${(error as Error).message}`);
      }
      const report = await auditAgreement(await cli.client(), id, parsed, options.rpc);
      cli.print(
        {
          id,
          valid: report.valid,
          checks: report.checks,
          warnings: report.warnings,
          checkpointedThrough: report.checkpointedThrough,
          awaitingCheckpoint: awaiting(report),
          events: report.trail.events,
          pending: report.trail.pending,
          checkpoint: report.trail.checkpoint,
        },
        describe(id, report),
      );
      if (!report.valid) {
        // The report is already printed as one document; main would print a second one.
        process.once('exit', () => {
          process.exitCode = ExitCode.No;
        });
      }
    });
};

function line(event: TrailEvent): string {
  const who = event.actorId ? `${event.actorRole ?? '?'} ${event.actorId}` : 'signet';
  const why = event.purpose ? ` — purpose: ${event.purpose}` : '';
  return `${String(event.seq ?? '(pending)').padStart(6)} ${event.at} ${event.action} by ${who}${why}`;
}

/** This agreement's events no checkpoint covers yet: sequenced after it, or not sequenced at all. */
function awaiting(report: AuditReport): number {
  const after = report.trail.events.filter((e) => (e.seq ?? 0) > report.checkpointedThrough).length;
  return after + report.trail.pending.length;
}

/** Intact and tampered are separate findings: a trail not yet checkpointed is intact, and says so. */
function verdictLine(id: string, report: AuditReport): string {
  if (!report.valid) {
    const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
    return `TAMPERED ${id}: failed ${failed.join(', ')}`;
  }
  const pending = awaiting(report);
  const proven =
    report.checkpointedThrough > 0
      ? `proven complete through seq ${report.checkpointedThrough} (${report.checkpointSource})`
      : 'no checkpoint on chain yet, so not yet proven complete';
  const rest =
    pending > 0
      ? `; ${pending} newer event(s) of this agreement await a checkpoint`
      : '; nothing awaits a checkpoint';
  return `INTACT ${id}: ${proven}${rest}`;
}

function describe(id: string, report: AuditReport): string {
  return [
    ...report.trail.events.map(line),
    ...report.trail.pending.map(line),
    '',
    ...report.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    ...report.warnings.map((w) => `warning: ${w}`),
    verdictLine(id, report),
  ].join('\n');
}
