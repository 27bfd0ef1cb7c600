import type { Command } from 'commander';
import { parseBlockchainId } from '@signet/formats';
import { CliContext } from '../cli-context';
import { ExitCode, usageError } from '../cli-error';
import type { RegisterCommand } from './command';
import { auditAgreement, type AuditReport, type TrailEvent } from './audit-chain';

/**
 * `signet audit ID`: who did what to an agreement, with the hash chain recomputed here and
 * compared with the checkpoints on chain. Exit 0 only when the trail is intact; otherwise
 * 1, naming the failing checks.
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

function describe(id: string, report: AuditReport): string {
  const failed = report.checks.filter((c) => !c.ok).map((c) => c.name);
  return [
    ...report.trail.events.map(line),
    ...report.trail.pending.map(line),
    '',
    ...report.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    ...report.warnings.map((w) => `warning: ${w}`),
    report.valid
      ? `INTACT ${id}: checkpointed on chain through seq ${report.checkpointedThrough} (${report.checkpointSource})`
      : `TAMPERED ${id}: failed ${failed.join(', ')}`,
  ].join('\n');
}
