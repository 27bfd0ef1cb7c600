import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { generateKeyPair, type Receipt } from '@signet/formats';
import { CourtWorld, runCli, type CourtDeal, type CourtMember } from '@signet/testing';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

interface Verdict {
  valid: boolean;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  warnings: string[];
  liability: Array<{ agent: string; principal: string | null; organization: string | null }>;
}

const failed = (verdict: Verdict): string[] => verdict.checks.filter((c) => !c.ok).map((c) => c.name);

/**
 * The court's evidence bundle against a registry no Signet runs: the chain (anvil) and the
 * file a party holds are all there is. The world writes what a registrar could write, and
 * each abuse fails `signet verify --bundle` in the check named for it (FORMATS.md §12).
 */
describe('signet verify --bundle, Signet not running', () => {
  let anvil: AnvilHandle;
  let world: CourtWorld;
  let work: string;
  let acmePrincipal: CourtMember;
  let acmeAgent: CourtMember;
  let globexPrincipal: CourtMember;
  let globexAgent: CourtMember;

  const court = async (
    deal: CourtDeal,
    bundle: string,
    ...extra: string[]
  ): Promise<Verdict & { code: number }> => {
    const file = join(work, `${deal.id.slice(2, 12)}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, bundle);
    const result = await runCli(
      [
        '--json',
        'verify',
        deal.blockchainId,
        '--bundle',
        file,
        '--rpc',
        anvil.rpcUrl,
        '--confirmations',
        '1',
        ...extra,
      ],
      { env: { SIGNET_URL: 'http://127.0.0.1:9' } },
    );
    if (result.code > 1) throw new Error(`verify exited ${result.code}: ${result.stderr}`);
    return { ...result.json<Verdict>(), code: result.code };
  };
  const everyone = () => [acmePrincipal, acmeAgent, globexPrincipal, globexAgent];
  const recorded = async (deal: CourtDeal): Promise<Receipt> => world.record(deal);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'signet-court-'));
    anvil = await startAnvil();
    world = await CourtWorld.create(anvil.rpcUrl, ANVIL_DEV_KEY);
    const mandate = { maxValue: '1000', currency: 'EUR', types: ['supply'], jurisdictions: ['DE'] };
    acmePrincipal = await world.member({ role: 'principal', organization: 'acme' });
    acmeAgent = await world.member({
      role: 'agent',
      organization: 'acme',
      principal: acmePrincipal.id,
      mandate,
    });
    globexPrincipal = await world.member({ role: 'principal', organization: 'globex' });
    globexAgent = await world.member({
      role: 'agent',
      organization: 'globex',
      principal: globexPrincipal.id,
    });
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  it('verifies an honest deal, naming the liability chain, and two agreeing endpoints', async () => {
    const deal = world.deal([acmeAgent, globexAgent], { value: '900', currency: 'EUR' });
    const bundle = world.bundle(await recorded(deal), { members: everyone() });
    const verdict = await court(deal, bundle, '--rpc', anvil.rpcUrl);
    expect(failed(verdict)).toEqual([]);
    expect(verdict.code).toBe(0);
    const names = verdict.checks.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'issuer',
        `authority:${acmeAgent.id}`,
        'confirmations',
        'status',
        'rpc-agreement',
      ]),
    );
    expect(verdict.liability).toEqual([
      { agent: acmeAgent.id, principal: acmePrincipal.id, organization: 'acme' },
      { agent: globexAgent.id, principal: globexPrincipal.id, organization: 'globex' },
    ]);
  });

  it('fails credential:<id> for an expired signer and for a revoked one', async () => {
    const expired = await world.member({
      role: 'agent',
      organization: 'globex',
      principal: globexPrincipal.id,
      expiresAt: '2025-06-01T00:00:00.000Z',
    });
    const deal = world.deal([acmeAgent, expired]);
    const verdict = await court(
      deal,
      world.bundle(await recorded(deal), { members: [...everyone(), expired] }),
    );
    expect(failed(verdict)).toEqual([`credential:${expired.id}`]);
    expect(verdict.checks.find((c) => !c.ok)?.detail).toMatch(/expired at 2025-06-01/);

    const revoked = await world.member({
      role: 'agent',
      organization: 'globex',
      principal: globexPrincipal.id,
    });
    await world.revoke(revoked);
    const late = world.deal([acmeAgent, revoked]);
    const answer = await court(
      late,
      world.bundle(await recorded(late), { members: [...everyone(), revoked] }),
    );
    expect(failed(answer)).toEqual([`credential:${revoked.id}`]);
    expect(answer.code).toBe(1);
  });

  it('fails authority:<id> for an agent over its mandate, and passes once its principal ratified', async () => {
    const deal = world.deal([acmeAgent, globexAgent], { value: '5000', currency: 'EUR' });
    const receipt = await recorded(deal);
    const over = await court(deal, world.bundle(receipt, { members: everyone() }));
    expect(failed(over)).toEqual([`authority:${acmeAgent.id}`]);
    expect(over.checks.find((c) => !c.ok)?.detail).toMatch(/beyond its mandate \(value\)/);
    const ratified = await court(
      deal,
      world.bundle(receipt, { members: everyone(), ratifiers: [acmePrincipal] }),
    );
    expect(failed(ratified)).toEqual([]);
    // A ratification by someone else's principal does not count.
    const foreign = await court(
      deal,
      world.bundle(receipt, { members: everyone(), ratifiers: [globexPrincipal] }),
    );
    expect(failed(foreign)).toEqual([`authority:${acmeAgent.id}`]);
  });

  it("a registrar's early record with a junk sealed digest carries no valid signature; the genuine record stands", async () => {
    const deal = world.deal([acmeAgent, globexAgent]);
    const forged = await world.record(deal, `0x${'66'.repeat(32)}`);
    const genuine = await world.record(deal);
    const forgedVerdict = await court(deal, world.bundle(forged, { members: everyone() }));
    expect(failed(forgedVerdict)).toEqual([`signature:${acmeAgent.id}`, `signature:${globexAgent.id}`]);
    const genuineVerdict = await court(deal, world.bundle(genuine, { members: everyone() }));
    expect(failed(genuineVerdict)).toEqual([]);
    expect(genuineVerdict.warnings.join('\n')).toMatch(
      /other AgreementRecorded logs for this id are ignored/,
    );
  });

  it('fails status for a forged termination, passes for a genuine one', async () => {
    const deal = world.deal([acmeAgent, globexAgent]);
    const receipt = await recorded(deal);
    const forged = await world.terminate(deal, [acmeAgent.keys, generateKeyPair()]);
    const verdict = await court(deal, world.bundle(receipt, { members: everyone(), status: [forged] }));
    expect(failed(verdict)).toEqual(['status']);
    expect(verdict.checks.find((c) => !c.ok)?.detail).toMatch(/termination signature does not verify/);
    // Without the evidence a bundle must carry, the event is not backed either.
    expect(failed(await court(deal, world.bundle(receipt, { members: everyone() })))).toEqual(['status']);

    const other = world.deal([acmeAgent, globexAgent]);
    const otherReceipt = await recorded(other);
    const genuine = await world.terminate(other);
    const ok = await court(other, world.bundle(otherReceipt, { members: everyone(), status: [genuine] }));
    expect(failed(ok)).toEqual([]);
    expect(ok.checks.find((c) => c.name === 'status')?.detail).toMatch(/TERMINATED/);
  });

  it('backs SUPERSEDED with the amending receipt; one that does not supersede fails status', async () => {
    const old = world.deal([acmeAgent, globexAgent]);
    const oldReceipt = await recorded(old);
    const amendment = world.deal([acmeAgent, globexAgent], { supersedes: old.id });
    const amendmentReceipt = await recorded(amendment);
    await (await world.registry.setStatus(old.id, 1, amendment.id)).wait();
    const evidence = [{ status: 'SUPERSEDED' as const, receipt: amendmentReceipt }];
    const ok = await court(old, world.bundle(oldReceipt, { members: everyone(), status: evidence }));
    expect(failed(ok)).toEqual([]);
    expect(ok.checks.find((c) => c.name === 'status')?.detail).toMatch(/SUPERSEDED/);

    const unrelated = world.deal([acmeAgent, globexAgent]);
    const unrelatedReceipt = await recorded(unrelated);
    await (await world.registry.setStatus(unrelated.id, 1, old.id)).wait();
    const claimed = [{ status: 'SUPERSEDED' as const, receipt: oldReceipt }];
    const bad = await court(
      unrelated,
      world.bundle(unrelatedReceipt, { members: everyone(), status: claimed }),
    );
    expect(failed(bad)).toEqual(['status']);
    expect(bad.checks.find((c) => !c.ok)?.detail).toMatch(/does not supersede this agreement/);
  });

  it('fails status for a status written while the id was unknown to the chain', async () => {
    const deal = world.deal([acmeAgent, globexAgent]);
    const early = await world.terminate(deal);
    const receipt = await recorded(deal);
    const verdict = await court(deal, world.bundle(receipt, { members: everyone(), status: [early] }));
    expect(failed(verdict)).toEqual(['status']);
    expect(verdict.checks.find((c) => !c.ok)?.detail).toMatch(/a status for an unknown id/);
  });

  it('still verifies an old signet-receipt/1 file (scheme 1 signatures) with --receipt', async () => {
    const deal = world.deal([acmeAgent, globexAgent], {}, 1);
    const receipt = await recorded(deal);
    const v1: Record<string, unknown> = { ...receipt, version: 'signet-receipt/1' };
    for (const key of ['deploymentBlock', 'credentials', 'ratifications']) delete v1[key];
    v1.signatures = deal.signatures.map(({ scheme: _scheme, ...rest }) => rest);
    const file = join(work, 'old.receipt');
    writeFileSync(file, JSON.stringify(v1));
    const result = await runCli([
      '--json',
      'verify',
      deal.blockchainId,
      '--receipt',
      file,
      '--rpc',
      anvil.rpcUrl,
      '--confirmations',
      '1',
    ]);
    expect(failed(result.json<Verdict>())).toEqual([]);
    expect(result.json<Verdict>().warnings.join('\n')).toMatch(/signing authority was not checked/);
  });
});
