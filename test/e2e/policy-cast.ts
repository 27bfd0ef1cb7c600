import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyTestCase } from '@signet/domain';
import type { CliResult, CliWorld } from '@signet/testing';

/** Key names of two agents that sign and deposit a deal together. */
export type Pair = [string, string];

/**
 * The cast policy stories need on top of the CLI world: agents with mandates large enough
 * that only a pack escalates (`c` of Acme, `d` of Globex: no value limit, every case's jurisdiction), agents allowed NDAs only (`ma`,
 * `mb`: anything else exceeds their mandates), and an agent at home in the US (`u`).
 */
export async function addPolicyCast(world: CliWorld): Promise<void> {
  await world.operator('admin', 'org', 'add', 'Initech', '--jurisdiction', 'US');
  // No value limit and every jurisdiction the example cases use: only the packs escalate their deals.
  const big = ['--jurisdiction', 'DE,JP,US,US-CA,SG'];
  await world.member('c', '--role', 'agent', '--org', 'Acme', '--principal', world.ids.pa, ...big);
  await world.member('d', '--role', 'agent', '--org', 'Globex', '--principal', world.ids.pb, ...big);
  await world.member('ma', '--role', 'agent', '--org', 'Acme', '--principal', world.ids.pa, '--types', 'nda');
  await world.member(
    'mb',
    '--role',
    'agent',
    '--org',
    'Globex',
    '--principal',
    world.ids.pb,
    '--types',
    'nda',
  );
  await world.member('pu', '--role', 'principal', '--org', 'Initech');
  // It may agree in DE too, so that only the pack's cross-border rule (not its mandate) escalates.
  await world.member(
    'u',
    '--role',
    'agent',
    '--org',
    'Initech',
    '--principal',
    world.ids.pu,
    '--jurisdiction',
    'DE,US',
  );
}

/** The agents a test case's input calls for: homes and a mandate excess decide who signs. */
export function pairFor(input: PolicyTestCase['input']): Pair {
  if (input.mandateExceeded) return ['ma', 'mb'];
  if (input.parties.some(({ home }) => home === 'US')) return ['c', 'u'];
  return ['c', 'd'];
}

/** Draft as the first agent, signed by both, deposited by the second; the raw CLI result. */
export async function depositAs(
  world: CliWorld,
  [first, second]: Pair,
  name: string,
  metadata: Record<string, unknown>,
): Promise<CliResult> {
  const meta = { ...metadata, parties: [world.ids[first], world.ids[second]] };
  writeFileSync(join(world.work, `${name}.txt`), `The agreement called ${name}.`);
  writeFileSync(join(world.work, `${name}.json`), JSON.stringify(meta));
  const files = { text: `${name}.txt`, meta: `${name}.json`, out: `${name}.draft` };
  await world.as(
    `${first}.key`,
    'draft',
    ...Object.entries(files).flatMap(([option, file]) => [`--${option}`, file]),
  );
  await world.as(`${first}.key`, 'sign', `${name}.draft`);
  await world.as(`${second}.key`, 'sign', `${name}.draft`);
  return world.run('--key', `${second}.key`, 'deposit', `${name}.draft`);
}

/** `signet policy check` on a draft, offline; the raw CLI result. */
export function checkOffline(
  world: CliWorld,
  draft: string,
  packDirs: string[],
  options: { parent?: string; homes?: string[]; mandateExceeded?: boolean } = {},
): Promise<CliResult> {
  return world.run(
    'policy',
    'check',
    draft,
    ...packDirs.flatMap((dir) => ['--pack', dir]),
    ...(options.parent ? ['--parent', options.parent] : []),
    ...(options.homes && options.homes.length > 0 ? ['--homes', options.homes.join(',')] : []),
    ...(options.mandateExceeded ? ['--mandate-exceeded'] : []),
  );
}
