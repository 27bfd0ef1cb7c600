import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './cli-runner';

export type CliAnswer = Record<string, unknown>;

/**
 * The cast most stories need, made through the CLI as an operator would: Acme and Globex
 * (DE), a principal each (`pa`, `pb`), an agent each (`a`, `b`, mandate 100,000 EUR) and a
 * regulator (`reg`, BaFin) designated for DE. Key files live in `work` as `<name>.key`.
 */
export interface CliWorld {
  work: string;
  ids: Record<string, string>;
  /** `signet --url … --json ARGS` in `work`, whatever its exit code. */
  run(...args: string[]): Promise<CliResult>;
  /** The same, failing the test unless it exits 0; its JSON answer. */
  cli(...args: string[]): Promise<CliAnswer>;
  as(key: string, ...args: string[]): Promise<CliAnswer>;
  operator(...args: string[]): Promise<CliAnswer>;
  /** Issues a credential for a new key `<name>.key`; its id lands in `ids[name]`. */
  member(name: string, ...issueArgs: string[]): Promise<string>;
  /** Draft as `a`, signed by `a` and `b`, deposited by `b`: the deposit's JSON answer. */
  agree(name: string, metadata: CliAnswer, text: string): Promise<CliAnswer>;
  waitForStatus(id: string, wanted: string, key?: string, timeoutMs?: number): Promise<void>;
}

export async function createCliWorld(signet: { url: string; dataDir: string }): Promise<CliWorld> {
  const work = mkdtempSync(join(tmpdir(), 'signet-world-'));
  const ids: Record<string, string> = {};
  const run = (...args: string[]) => runCli(['--url', signet.url, '--json', ...args], { cwd: work });
  const cli = async (...args: string[]) => {
    const result = await run(...args);
    if (result.code !== 0)
      throw new Error(`signet ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.json<CliAnswer>();
  };
  const as = (key: string, ...args: string[]) => cli('--key', key, ...args);
  const operator = (...args: string[]) => as(join(signet.dataDir, 'operator.key'), ...args);
  const member = async (name: string, ...issueArgs: string[]) => {
    await cli('keys', 'new', '--out', `${name}.key`);
    ids[name] = String((await operator('admin', 'issue', '--pub', `${name}.key.pub`, ...issueArgs)).id);
    return ids[name];
  };

  await operator('admin', 'org', 'add', 'Acme', '--jurisdiction', 'DE');
  await operator('admin', 'org', 'add', 'Globex', '--jurisdiction', 'DE');
  await operator('admin', 'org', 'add', 'BaFin', '--jurisdiction', 'DE');
  await member('pa', '--role', 'principal', '--org', 'Acme');
  await member('pb', '--role', 'principal', '--org', 'Globex');
  const mandate = ['--max-value', '100000', '--currency', 'EUR'];
  await member('a', '--role', 'agent', '--org', 'Acme', '--principal', ids.pa, ...mandate);
  await member('b', '--role', 'agent', '--org', 'Globex', '--principal', ids.pb, ...mandate);
  await member('reg', '--role', 'regulator', '--org', 'BaFin', '--jurisdiction', 'DE');
  await operator('admin', 'designate', '--jurisdiction', 'DE', '--regulator', ids.reg);

  return {
    work,
    ids,
    run,
    cli,
    as,
    operator,
    member,
    async agree(name, metadata, text) {
      writeFileSync(join(work, `${name}.txt`), text);
      writeFileSync(join(work, `${name}.json`), JSON.stringify(metadata));
      await as('a.key', 'draft', '--text', `${name}.txt`, '--meta', `${name}.json`, '--out', `${name}.draft`);
      await as('a.key', 'sign', `${name}.draft`);
      await as('b.key', 'sign', `${name}.draft`);
      return as('b.key', 'deposit', `${name}.draft`);
    },
    async waitForStatus(id, wanted, key = 'a.key', timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { status } = await as(key, 'status', id);
        if (status === wanted) return;
        if (Date.now() > deadline) throw new Error(`${id} stayed ${String(status)}, wanted ${wanted}`);
        await new Promise((done) => setTimeout(done, 300));
      }
    },
  };
}
