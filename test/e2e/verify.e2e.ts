import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { serialiseKeyPair } from '@signet/formats';
import {
  createTestDatabase,
  createVerifyWorld,
  depositThrough,
  graphql,
  runCli,
  startSignetProcess,
  waitForStatus,
  type DepositedAgreement,
  type SignetProcess,
  type TestDatabase,
  type VerifyWorld,
} from '@signet/testing';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

interface Verdict {
  valid: boolean;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
}

const VERIFY = `query ($id: String!, $text: String, $salt: String) {
  verify(blockchainId: $id, text: $text, salt: $salt) { valid checks { name ok detail } warnings }
}`;

const failed = (verdict: Verdict): string[] => verdict.checks.filter((c) => !c.ok).map((c) => c.name);

/**
 * Flow 6 against the running service, with the index in a database the test can reach
 * and the chain apart from Signet: verify by id (public), tamper with the index row and the
 * stored blob and see the verdict name what changed, then verify as a court does with only
 * the blockchain id, an RPC URL and the receipt once Signet is stopped.
 */
describe('verification against a running system', () => {
  let db: TestDatabase;
  let sql: Client;
  let anvil: AnvilHandle;
  let signet: SignetProcess;
  let world: VerifyWorld;
  let deal: DepositedAgreement;
  let other: DepositedAgreement;
  let french: DepositedAgreement;
  let work: string;

  const verify = async (id: string, extra: Record<string, string> = {}): Promise<Verdict> => {
    const result = await graphql<{ verify: Verdict }>(signet.url, VERIFY, { id, ...extra });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.verify;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'signet-verify-'));
    db = await createTestDatabase('signet_verify_e2e');
    anvil = await startAnvil({ blockTime: 1 });
    signet = await startSignetProcess({
      env: {
        DATABASE_URL: db.url,
        CHAIN_RPC_URL: anvil.rpcUrl,
        ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
        CONFIRMATIONS: '2',
        ANCHOR_INTERVAL_MS: '200',
      },
    });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    world = await createVerifyWorld(signet.url, signet.dataDir);
    const { acme, globex } = world.agents;
    deal = await depositThrough(world, [acme, globex], ['DE'], 'Acme supplies 1,000 widgets to Globex.');
    other = await depositThrough(world, [acme, globex], ['DE'], 'Acme and Globex keep each other’s secrets.');
    french = await depositThrough(
      world,
      [world.agents.initech, globex],
      ['FR'],
      'Initech licenses its TPS reports to Globex.',
    );
    await waitForStatus(world.agents.initech.client, french.blockchainId, 'FINAL');
    await waitForStatus(acme.client, deal.blockchainId, 'FINAL');
    await waitForStatus(acme.client, other.blockchainId, 'FINAL');
  });

  afterAll(async () => {
    await sql?.end();
    await signet?.stop();
    await anvil?.stop();
    await db?.drop();
  });

  it('verifies by blockchain id without a credential, naming every check', async () => {
    const verdict = await verify(deal.blockchainId);
    expect(failed(verdict)).toEqual([]);
    expect(verdict.valid).toBe(true);
    const names = verdict.checks.map((c) => c.name);
    for (const name of [
      'on-chain-record',
      'merkle-proof',
      'record-hash',
      `signature:${world.agents.acme.id}`,
      `credential:${world.agents.globex.id}`,
      'index-metadata-hash',
      'index-effective-at',
      'index-record-hash',
      'blob-digest',
      'confirmations',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('checks the commitment when the text and salt are given', async () => {
    const good = await verify(deal.blockchainId, { text: deal.text, salt: deal.salt });
    expect(good.checks.find((c) => c.name === 'commitment')?.ok).toBe(true);
    expect(good.valid).toBe(true);
    const bad = await verify(deal.blockchainId, { text: `${deal.text} (amended)`, salt: deal.salt });
    expect(failed(bad)).toEqual(['commitment']);
  });

  it('answers "invalid" for an id the chain does not hold, and for a malformed one', async () => {
    const unknown = deal.blockchainId.replace(/.{4}$/, 'abcd');
    expect(failed(await verify(unknown))).toEqual(['on-chain-record']);
    expect(failed(await verify('eip155:1:nope'))).toEqual(['blockchain-id']);
  });

  it('names index-effective-at when a recorded date is changed in the index', async () => {
    await sql.query(`update agreements set effective_at = effective_at + interval '1 day' where id = $1`, [
      deal.agreementId,
    ]);
    try {
      const verdict = await verify(deal.blockchainId);
      expect(verdict.valid).toBe(false);
      expect(failed(verdict)).toEqual(['index-effective-at']);
      // The CLI through Signet says the same, and exits 1.
      const cli = await runCli(['--url', signet.url, '--json', 'verify', deal.blockchainId]);
      expect(cli.code).toBe(1);
      expect(failed(cli.json<Verdict>())).toEqual(['index-effective-at']);
    } finally {
      await sql.query(`update agreements set effective_at = effective_at - interval '1 day' where id = $1`, [
        deal.agreementId,
      ]);
    }
    expect((await verify(deal.blockchainId)).valid).toBe(true);
  });

  it('names the metadata checks when the stored metadata is edited', async () => {
    const { rows } = await sql.query<{ metadata: string }>('select metadata from agreements where id = $1', [
      deal.agreementId,
    ]);
    const original = rows[0].metadata;
    await sql.query('update agreements set metadata = $2 where id = $1', [
      deal.agreementId,
      original.replace('"type":"nda"', '"type":"ndb"'),
    ]);
    try {
      const verdict = await verify(deal.blockchainId);
      expect(failed(verdict)).toEqual([
        'metadata-hash',
        'index-metadata-hash',
        'index-type',
        'index-agreement-id',
      ]);
    } finally {
      await sql.query('update agreements set metadata = $2 where id = $1', [deal.agreementId, original]);
    }
  });

  it('names the record checks when a stored hash is edited', async () => {
    const { rows } = await sql.query<{ record_hash: string }>(
      'select record_hash from agreements where id = $1',
      [deal.agreementId],
    );
    await sql.query('update agreements set record_hash = $2 where id = $1', [
      deal.agreementId,
      `0x${'ab'.repeat(32)}`,
    ]);
    try {
      const verdict = await verify(deal.blockchainId);
      expect(failed(verdict)).toEqual(
        expect.arrayContaining(['record-hash', 'on-chain-record', 'merkle-proof', 'index-record-hash']),
      );
    } finally {
      await sql.query('update agreements set record_hash = $2 where id = $1', [
        deal.agreementId,
        rows[0].record_hash,
      ]);
    }
    expect((await verify(deal.blockchainId)).valid).toBe(true);
  });

  it('names blob-digest when the stored blob is swapped', async () => {
    const blobOf = async (a: DepositedAgreement): Promise<string> => {
      const { rows } = await sql.query<{ sealed_digest: string }>(
        'select sealed_digest from agreements where id = $1',
        [a.agreementId],
      );
      // FileBlobStore's layout: blobs/<2 hex>/<2 hex>/<digest hex>.
      const key = rows[0].sealed_digest.slice(2);
      return join(signet.dataDir, 'blobs', key.slice(0, 2), key.slice(2, 4), key);
    };
    const file = await blobOf(deal);
    const original = readFileSync(file);
    writeFileSync(file, readFileSync(await blobOf(other)));
    try {
      const verdict = await verify(deal.blockchainId);
      expect(failed(verdict)).toEqual(['blob-digest']);
    } finally {
      writeFileSync(file, original);
    }
    expect((await verify(deal.blockchainId)).valid).toBe(true);
  });

  it('scopes the list and the read: a regulator to its jurisdictions, an organisation to its own', async () => {
    const LIST = `query ($filter: AgreementFilter, $first: Int, $after: String) {
      agreements(filter: $filter, first: $first, after: $after) {
        edges { cursor node { agreementId verification { valid } } } pageInfo { hasNextPage endCursor } totalCount
      }
    }`;
    type Page = {
      agreements: {
        edges: Array<{ node: { agreementId: string; verification: { valid: boolean } } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        totalCount: number;
      };
    };
    const ids = async (token: string, variables: Record<string, unknown> = {}): Promise<string[]> => {
      const result = await graphql<Page>(signet.url, LIST, variables, token);
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return result.data.agreements.edges.map((edge) => edge.node.agreementId).sort();
    };
    const sorted = (...items: DepositedAgreement[]) => items.map((item) => item.agreementId).sort();
    const { de, fr } = world.regulators;
    expect(await ids(de.token)).toEqual(sorted(deal, other));
    expect(await ids(fr.token)).toEqual(sorted(french));
    expect(await ids(world.agents.acme.token)).toEqual(sorted(deal, other));
    expect(await ids(world.agents.initech.token)).toEqual(sorted(french));
    expect(await ids(world.agents.globex.token)).toEqual(sorted(deal, other, french));
    // A filter cannot widen the scope: DE's regulator asking for FR gets nothing.
    expect(await ids(de.token, { filter: { jurisdiction: 'FR' } })).toEqual([]);
    expect(
      await ids(world.agents.globex.token, { filter: { organizationId: world.organizations.initech } }),
    ).toEqual(sorted(french));
    // The index holds the lifecycle (anchoring's steps as one); a status filter is still exact.
    const byStatus = (status: string) => ids(world.agents.globex.token, { filter: { status } });
    expect(await byStatus('FINAL')).toEqual(sorted(deal, other, french));
    expect(await byStatus('ANCHORED')).toEqual([]);
    expect(await byStatus('PENDING_ANCHOR')).toEqual([]);
    expect(await byStatus('TERMINATED')).toEqual([]);

    // Keyset pages: one at a time, the same set, each verified as it is listed.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: Page | null } = await graphql<Page>(
        signet.url,
        LIST,
        { first: 1, after },
        world.agents.globex.token,
      );
      const connection = page.data!.agreements;
      expect(connection.totalCount).toBe(3);
      seen.push(...connection.edges.map((edge) => edge.node.agreementId));
      expect(connection.edges.every((edge) => edge.node.verification.valid)).toBe(true);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(sorted(deal, other, french));

    const read = (token: string, id: string) =>
      graphql<{ agreement: { verification: Verdict } }>(
        signet.url,
        'query ($id: String!) { agreement(id: $id) { verification { valid checks { name ok detail } } } }',
        { id },
        token,
      );
    expect((await read(de.token, deal.blockchainId)).data?.agreement.verification.valid).toBe(true);
    expect((await read(de.token, french.blockchainId)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await read(world.agents.initech.token, deal.blockchainId)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    const court = await graphql(signet.url, LIST, {}, world.court.token);
    expect(court.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await graphql(signet.url, LIST, { first: 101 }, de.token);
    expect(bad.errors?.[0].extensions?.code).toBe('FIRST_TOO_LARGE');
  });

  it('lets a court verify from the receipt and the chain alone, Signet stopped', async () => {
    const receipt = await world.agents.acme.client.receipt(deal.blockchainId);
    writeFileSync(join(work, 'deal.receipt'), receipt!);
    writeFileSync(join(work, 'deal.txt'), deal.text);
    const tampered = JSON.parse(receipt!) as { metadata: { effectiveAt: string } };
    tampered.metadata.effectiveAt = '2026-01-02';
    writeFileSync(join(work, 'tampered.receipt'), JSON.stringify(tampered));
    writeFileSync(join(work, 'acme.key'), serialiseKeyPair(world.agents.acme.keys));
    const written = await runCli(
      [
        '--url',
        signet.url,
        '--key',
        'acme.key',
        'receipt',
        deal.blockchainId,
        '--bundle',
        '--out',
        'deal.bundle',
      ],
      { cwd: work },
    );
    expect(written.code).toBe(0);
    await signet.stop();

    const court = (...args: string[]) =>
      runCli(['--json', 'verify', deal.blockchainId, '--rpc', anvil.rpcUrl, ...args], {
        cwd: work,
        env: { SIGNET_URL: 'http://127.0.0.1:9' },
      });
    const ok = await court('--receipt', 'deal.receipt', '--text', 'deal.txt', '--salt', deal.salt);
    expect(ok.code).toBe(0);
    const verdict = ok.json<Verdict>();
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['commitment', 'on-chain-record']),
    );

    // The bundle: signing authority checked offline, the liability chain named.
    const bundled = await court('--bundle', 'deal.bundle');
    expect(failed(bundled.json<Verdict>())).toEqual([]);
    const names = bundled.json<Verdict>().checks.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['issuer', `authority:${world.agents.acme.id}`, 'status']));
    expect(bundled.json<{ liability: Array<{ agent: string }> }>().liability.map((l) => l.agent)).toEqual([
      world.agents.acme.id,
      world.agents.globex.id,
    ]);

    const bad = await court('--receipt', 'tampered.receipt');
    expect(bad.code).toBe(1);
    expect(failed(bad.json<Verdict>())).toEqual(['metadata-hash']);

    expect((await court('--receipt', 'deal.receipt', '--text', 'deal.txt')).code).toBe(2);
    const unreachable = await runCli(
      ['verify', deal.blockchainId, '--rpc', 'http://127.0.0.1:9', '--receipt', 'deal.receipt'],
      {
        cwd: work,
      },
    );
    expect(unreachable.code).toBe(3);
    // Without --rpc the CLI asks Signet, which is gone: unreachable too.
    expect((await runCli(['--url', 'http://127.0.0.1:9', 'verify', deal.blockchainId])).code).toBe(3);
  });
});
