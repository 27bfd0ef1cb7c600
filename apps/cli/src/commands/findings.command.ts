import type { Command } from 'commander';
import { CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import type { RegisterCommand } from './command';

const FIELDS =
  'id credentialId feature key severity action observed baseline threshold recomputed message raisedAt';

interface Finding {
  id: string;
  /** Null for a finding about the service itself (chain.reorg). */
  credentialId: string | null;
  feature: string;
  key: string | null;
  severity: string;
  action: string;
  observed: number;
  message: string;
  raisedAt: string;
}

const line = (f: Finding): string =>
  `${f.id} ${f.raisedAt} ${f.severity.padEnd(6)} ${f.action.padEnd(8)} ${f.credentialId ?? 'service'} ${f.feature}` +
  `${f.key ? ` ${f.key}` : ''}: ${f.message}`;

/**
 * `signet findings [--credential ID] [--feature F] [--first N] [--after CURSOR]`: behaviour
 * findings in the caller's scope, newest first; `signet reinstate CREDENTIAL --reason TEXT`
 * lifts a suspension (the operator, or the credential's principal).
 */
export const registerFindings: RegisterCommand = (program) => {
  program
    .command('findings')
    .description('behaviour findings in your scope, newest first (docs/MONITORING.md)')
    .option('--credential <id>', 'only this credential’s')
    .option('--feature <name>', 'only this feature, e.g. deposit.rate')
    .option('--first <n>', 'at most this many (1–100)', '20')
    .option('--after <cursor>', 'the page after this cursor (the last id printed)')
    .action(
      async (
        options: { credential?: string; feature?: string; first: string; after?: string },
        command: Command,
      ) => {
        const cli = CliContext.of(command);
        const first = Number(options.first);
        if (!Number.isInteger(first) || first < 1 || first > 100)
          throw usageError('--first must be 1 to 100');
        const filter = { credentialId: options.credential, feature: options.feature };
        const { findings } = await (
          await cli.client()
        ).request<{
          findings: {
            edges: Array<{ node: Finding }>;
            pageInfo: { hasNextPage: boolean; endCursor?: string };
          };
        }>(
          `query ($filter: FindingFilter, $first: Int, $after: String) {
             findings(filter: $filter, first: $first, after: $after) {
               edges { node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
          { filter, first, after: options.after ?? null },
        );
        const nodes = findings.edges.map((edge) => edge.node);
        const more = findings.pageInfo.hasNextPage ? `\nmore: --after ${findings.pageInfo.endCursor}` : '';
        cli.print(
          { findings: nodes, pageInfo: findings.pageInfo },
          nodes.length ? nodes.map(line).join('\n') + more : 'no findings',
        );
      },
    );
  program
    .command('reinstate')
    .description('lift a suspension by behaviour monitoring (operator, or the credential’s principal)')
    .argument('<credential>', 'credential id')
    .requiredOption('--reason <text>', 'why; it is logged')
    .action(async (credentialId: string, options: { reason: string }, command: Command) => {
      const cli = CliContext.of(command);
      const { reinstateCredential } = await (
        await cli.client()
      ).request<{ reinstateCredential: { credentialId: string; wasSuspended: boolean } }>(
        'mutation ($c: String!, $r: String!) { reinstateCredential(credentialId: $c, reason: $r) { credentialId wasSuspended } }',
        { c: credentialId, r: options.reason },
      );
      cli.print(
        { id: credentialId, ...reinstateCredential },
        reinstateCredential.wasSuspended
          ? `${credentialId} reinstated`
          : `${credentialId}: escalation lifted`,
      );
    });
};
