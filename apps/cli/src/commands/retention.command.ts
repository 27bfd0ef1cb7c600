import type { Command } from 'commander';
import { destructionMessage } from '@signet/formats';
import { CliContext } from '../cli-context';
import type { RegisterCommand } from './command';
import { signAsParty, type PartySigning } from './party-signing';

const HOLD_FIELDS = 'id placedBy placedByRole reason placedAt liftedBy liftReason liftedAt';

const DESTRUCTION: PartySigning = {
  version: 'signet-destruction/1',
  what: 'destruction request',
  command: 'destroy',
  message: destructionMessage,
  async submit(cli, id, signatures) {
    const { requestDestruction: retention } = await (
      await cli.client()
    ).request<{ requestDestruction: { destroyAt: string; rule: string; state: string } }>(
      `mutation ($id: String!, $signatures: [PartySignatureInput!]!) {
        requestDestruction(id: $id, signatures: $signatures) { destroyAt rule state }
      }`,
      { id, signatures },
    );
    return {
      data: { id, ...retention },
      text: `${id}\ndestruction accepted: the next retention run shreds it (due ${retention.destroyAt})`,
    };
  },
};

/**
 * Retention (docs/RETENTION.md): legal holds (a court, or a regulator of the agreement's
 * jurisdiction) and early destruction signed by every party.
 */
export const registerRetention: RegisterCommand = (program) => {
  const hold = program
    .command('hold')
    .description('regulator or court: legal holds, which beat every schedule');
  for (const [verb, mutation, description] of [
    ['place', 'placeLegalHold', 'hold an agreement: it is never shredded while held'],
    ['lift', 'liftLegalHold', 'lift your holds on an agreement (a court: every hold)'],
  ] as const) {
    hold
      .command(verb)
      .description(description)
      .argument('<id>', 'blockchain id')
      .requiredOption('--reason <text>', 'why (kept in the audit trail)')
      .action(async (id: string, options: { reason: string }, command: Command) => {
        const cli = CliContext.of(command);
        const answer = await (
          await cli.client()
        ).request<Record<string, unknown>>(
          `mutation ($id: String!, $reason: String!) { ${mutation}(id: $id, reason: $reason) { ${HOLD_FIELDS} } }`,
          { id, reason: options.reason },
        );
        const holds = [answer[mutation]].flat() as Array<{ id: string }>;
        cli.print(
          { id: holds[0]?.id, agreement: id, holds },
          `${verb === 'place' ? 'held' : 'lifted'} ${id}: ${holds.map((h) => h.id).join(', ')}`,
        );
      });
  }

  program
    .command('destroy')
    .description(
      'agent: sign a request for early destruction; the last party’s signature submits it (refused under a legal hold or before the minimum retention)',
    )
    .argument('<id>', 'blockchain id')
    .requiredOption('--file <file>', 'collects the parties’ signatures (created by the first)')
    .action((id: string, options: { file: string }, command: Command) =>
      signAsParty(DESTRUCTION, id, options.file, command),
    );
};

interface RunAnswer {
  at: string;
  scheduled: number;
  rewrapped: number;
  shreddedCount: number;
  shredded: string[];
  keysDestroyed: string[];
  kept: Array<{ agreementId: string; keptBy: string; destroyAt: string; rule: string }>;
  failures: number;
  keysSkipped: string | null;
}

/** `signet admin retention run`: the operator runs the job at once. */
export function registerRetentionAdmin(admin: Command): void {
  admin
    .command('retention')
    .description('the retention job')
    .command('run')
    .description('run it now: prints what it destroyed and what holds or minimums kept')
    .action(async (_options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const { runRetention: run } = await (
        await cli.client()
      ).request<{ runRetention: RunAnswer }>(
        `mutation { runRetention { at scheduled rewrapped shreddedCount shredded keysDestroyed failures keysSkipped
          kept { agreementId keptBy destroyAt rule } } }`,
      );
      cli.print(run, describeRun(run));
    });
}

function describeRun(run: RunAnswer): string {
  return [
    `retention run at ${run.at}: ${run.scheduled} scheduled, ${run.rewrapped} re-wrapped, ${run.failures} failed`,
    `shredded ${run.shreddedCount}${run.shredded.map((id) => `\n  ${id}`).join('')}`,
    `keys destroyed ${run.keysDestroyed.length}${run.keysDestroyed.map((id) => `\n  ${id}`).join('')}`,
    ...(run.keysSkipped ? [`no key destroyed: ${run.keysSkipped}`] : []),
    `kept although due ${run.kept.length}${run.kept.map((k) => `\n  ${k.agreementId} by ${k.keptBy} (${k.rule}, due ${k.destroyAt})`).join('')}`,
  ].join('\n');
}
