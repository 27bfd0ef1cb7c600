import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ed25519Sign, fromHex, isHex, parseBlockchainId, toHex } from '@signet/formats';
import { CliContext } from '../cli-context';
import { CliError, ExitCode } from '../cli-error';
import type { RegisterCommand } from './command';
import type { RatificationView } from '@signet/sdk';

/** Why a deal waits and for whom, when it waits for ratification. */
function waitingLines(status: string, ratification: RatificationView | null): string[] {
  if (status !== 'PENDING_RATIFICATION' || !ratification) return [];
  const principals = ratification.principals.map((p) =>
    p.credentialId === null
      ? `  no principal for agent ${p.agents.join(', ')}: it cannot be ratified (reject it, or re-issue the agent with --principal)`
      : `  ${p.ratified ? 'ratified   ' : 'outstanding'} principal ${p.credentialId} (for agent ${p.agents.join(', ')})`,
  );
  return [
    'waiting for ratification, because:',
    ...ratification.reasons.map((r) => `  ${r.code}: ${r.detail}`),
    'principals:',
    ...principals,
  ];
}

function agreementIdOf(id: string): string {
  return isHex(id, 32) ? id : parseBlockchainId(id).agreementId;
}

/** What a principal and a party do with a deposited agreement: ratify, reject, look, keep the receipt. */
export const registerAgreement: RegisterCommand = (program) => {
  program
    .command('ratify')
    .description('principal: sign a deal beyond your agent’s mandate so it gets anchored')
    .argument('<id>', 'blockchain id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const keys = await cli.keys();
      const signature = toHex(ed25519Sign(fromHex(agreementIdOf(id)), keys.signing.secretKey));
      const result = await (await cli.client()).ratify(id, signature);
      cli.print(
        result,
        [`${result.id}`, result.status, ...waitingLines(result.status, result.ratification)].join('\n'),
      );
    });

  program
    .command('reject')
    .description('principal: refuse a deal beyond your agent’s mandate')
    .argument('<id>', 'blockchain id')
    .requiredOption('--reason <text>', 'why (kept in the record)')
    .action(async (id: string, options: { reason: string }, command: Command) => {
      const cli = CliContext.of(command);
      const result = await (await cli.client()).reject(id, options.reason);
      cli.print(result, `${result.id}\n${result.status}`);
    });

  program
    .command('status')
    .description('state, anchor and proof of an agreement')
    .argument('<id>', 'blockchain id')
    .option('--wait <status>', 'for scripts: poll until the agreement reaches this status, e.g. FINAL')
    .option('--timeout <seconds>', 'with --wait: give up (exit 1) after this long', '120')
    .action(async (id: string, options: { wait?: string; timeout: string }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const deadline = Date.now() + Number(options.timeout) * 1000;
      let agreement = await client.agreement(id);
      while (options.wait !== undefined && agreement.status !== options.wait.toUpperCase()) {
        if (Date.now() > deadline)
          throw new CliError(
            ExitCode.No,
            `${id} is still ${agreement.status}, not ${options.wait}`,
            'TIMEOUT',
          );
        await new Promise((done) => setTimeout(done, 500));
        agreement = await client.agreement(id);
      }
      const anchor = agreement.anchor
        ? `anchored in block ${agreement.anchor.blockNumber} (tx ${agreement.anchor.txHash}, log ${agreement.anchor.logIndex})`
        : 'not anchored yet';
      const decision = agreement.policyDecision;
      const policy = decision
        ? [
            `policy: ${decision.outcome} (${decision.packs.map((p) => `${p.jurisdiction} ${p.hash.slice(0, 10)}`).join(', ') || 'no pack'})`,
            ...(decision.disclosure === 'public' ? ['disclosure: public (metadata on chain in clear)'] : []),
          ]
        : [];
      const retention = agreement.retention;
      const kept = retention
        ? [
            retention.state === 'SHREDDED'
              ? `retention: shredded ${retention.shreddedAt} (${retention.rule})`
              : `retention: destroyed from ${retention.destroyAt} (${retention.rule})${retention.held ? ', HELD by a legal hold' : ''}`,
          ]
        : [];
      cli.print(
        agreement,
        [
          agreement.id,
          agreement.status,
          anchor,
          ...policy,
          ...kept,
          ...waitingLines(agreement.status, agreement.ratification),
        ].join('\n'),
      );
    });

  program
    .command('receipt')
    .description('write the receipt a party keeps (needed to verify without Signet)')
    .argument('<id>', 'blockchain id')
    .requiredOption('--out <file>', 'where to write it')
    .option(
      '--bundle',
      'write the evidence bundle instead: the receipt with the status evidence, the RFC 3161 timestamp and the audit checkpoint, for a court',
    )
    .action(async (id: string, options: { out: string; bundle?: boolean }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const what = options.bundle ? 'evidence bundle' : 'receipt';
      const written = options.bundle ? await client.evidenceBundle(id) : await client.receipt(id);
      if (!written)
        throw new CliError(ExitCode.No, `the agreement is not anchored yet: no ${what}`, 'NOT_ANCHORED');
      await writeFile(options.out, written);
      cli.print(
        { id, file: options.out, bundle: options.bundle === true },
        `${what} written to ${options.out}`,
      );
    });
};
