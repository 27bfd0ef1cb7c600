import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { decidePolicy, decisionSummary, refusalCode, vetPolicyPack, type PolicyInput } from '@signet/domain';
import { CedarPolicyPackCompiler, readPackDirectory } from '@signet/policy';
import { CliContext } from '../cli-context';
import { PrintedNo, usageError } from '../cli-error';
import { listOption, type RegisterCommand } from './command';

interface PolicyPackAnswer {
  hash: string;
  jurisdiction: string;
  version: string;
}

async function readJson(file: string, what: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw usageError(`cannot read ${what} ${file} as JSON: ${(error as Error).message}`);
  }
}

/** A draft (its metadata), a receipt (its metadata) or bare metadata JSON. */
function metadataOf(document: Record<string, unknown>): Record<string, unknown> {
  const inner = document.metadata;
  if (typeof inner === 'string') return JSON.parse(inner) as Record<string, unknown>;
  if (typeof inner === 'object' && inner !== null) return inner as Record<string, unknown>;
  return document;
}

interface CheckOptions {
  pack: string[];
  parent?: string;
  homes?: string;
  mandateExceeded?: boolean;
}

/** The operator's `admin policy publish | activate`, under `admin`. */
export function registerPolicyAdmin(admin: Command): void {
  const policy = admin.command('policy').description('operator: jurisdiction policy packs');
  policy
    .command('publish <dir>')
    .description('check a pack (schema, Cedar syntax, its test cases) and publish it; prints its hash')
    .action(async (dir: string, _options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const files = readPackDirectory(dir);
      // The same checks as the service, before anything is sent: a failing case is named here.
      vetPolicyPack(new CedarPolicyPackCompiler(), files);
      const client = await cli.client();
      const { publishPolicyPack: answer } = await client.request<{
        publishPolicyPack: { pack: PolicyPackAnswer; cases: number };
      }>(
        'mutation ($files: [PolicyPackFileInput!]!) { publishPolicyPack(files: $files) { cases pack { hash jurisdiction version } } }',
        { files: Object.entries(files).map(([name, text]) => ({ name, text })) },
      );
      const { pack, cases } = answer;
      cli.print(
        { id: pack.hash, ...pack, cases },
        `${pack.hash}\n${pack.jurisdiction} ${pack.version}: ${cases} test cases passed`,
      );
    });
  policy
    .command('activate')
    .description('make a published pack the one in force for its jurisdiction from now on (anchored)')
    .requiredOption('--jurisdiction <code>', 'e.g. EU')
    .requiredOption('--pack <hash>', 'the hash publish printed')
    .action(async (options: { jurisdiction: string; pack: string }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const { activatePolicyPack: activation } = await client.request<{
        activatePolicyPack: { jurisdiction: string; packHash: string; activatedAt: string };
      }>(
        'mutation ($j: String!, $p: String!) { activatePolicyPack(jurisdiction: $j, packHash: $p) { jurisdiction packHash activatedAt } }',
        { j: options.jurisdiction, p: options.pack },
      );
      cli.print(
        { id: activation.packHash, ...activation },
        `${activation.jurisdiction}: ${activation.packHash} in force since ${activation.activatedAt}`,
      );
    });
}

/** `signet policy check`: the packs' decision for a draft, offline, with the service's own code. */
export const registerPolicy: RegisterCommand = (program) => {
  program
    .command('policy')
    .description('policy packs, offline')
    .command('check <draft>')
    .description('the decision of the packs for a draft (or a metadata file), offline')
    .requiredOption(
      '--pack <dir>',
      'a pack directory (repeat for several)',
      (dir: string, all: string[]) => [...all, dir],
      [],
    )
    .option('--parent <file>', "the parent's metadata, draft or receipt (for an NDA's scope)")
    .option('--homes <codes>', "the parties' home jurisdictions, in party order, e.g. DE,US")
    .option('--mandate-exceeded', "the deal goes beyond an agent's mandate")
    .action(async (draft: string, options: CheckOptions, command: Command) => {
      const cli = CliContext.of(command);
      const compiler = new CedarPolicyPackCompiler();
      const packs = options.pack.map((dir) => compiler.compile(readPackDirectory(dir)));
      const metadata = metadataOf(await readJson(draft, 'draft'));
      const parent = options.parent ? metadataOf(await readJson(options.parent, 'parent')) : null;
      const input: PolicyInput = {
        deal: metadata as unknown as PolicyInput['deal'],
        parties: (listOption(options.homes) ?? []).map((home) => ({ home })),
        parent: parent as PolicyInput['parent'],
        mandateExceeded: options.mandateExceeded === true,
      };
      const decision = decidePolicy(packs, input);
      const summary = decisionSummary(decision);
      const lines = [
        summary.outcome,
        ...decision.reasons.map((r) => `  ${r.code} (${r.rule}): ${r.message}`),
        ...(summary.disclosure === 'public'
          ? ['  disclosure: public (the metadata goes on chain in clear)']
          : []),
      ];
      cli.print({ ...summary, reasons: decision.reasons, packs: decision.packs }, lines.join('\n'));
      if (decision.outcome === 'refuse') throw new PrintedNo(refusalCode(decision));
    });
};
