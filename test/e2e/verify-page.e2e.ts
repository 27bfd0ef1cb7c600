import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keccak256Hex, utf8 } from '@signet/formats';
import {
  createVerifyWorld,
  depositThrough,
  launchBrowser,
  startSignetStack,
  startTestTsa,
  waitForStatus,
  type DepositedAgreement,
  type SignetStack,
  type TestBrowser,
  type TestTsa,
  type VerifyWorld,
} from '@signet/testing';

/** The evidence bundle once the TSA's token and an audit checkpoint covering the deal are in it. */
async function completeBundle(fetchBundle: () => Promise<string | null>): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const text = await fetchBundle();
    const bundle = text ? (JSON.parse(text) as { timestamp?: unknown; auditCheckpoint?: unknown }) : null;
    if (text && bundle?.timestamp && bundle.auditCheckpoint) return text;
    if (Date.now() > deadline) throw new Error('the bundle got no timestamp and audit checkpoint');
    await new Promise((done) => setTimeout(done, 250));
  }
}

interface Row {
  name: string;
  result: string;
  detail: string;
}

/**
 * The public verification page in a real browser (Debian's Chromium, driven by
 * playwright-core): a person drops the receipt and the text, types the salt, and the page
 * checks them against the chain's own RPC endpoint. Screenshots go to test-artifacts/.
 */
describe('the verification page, in a browser', () => {
  let stack: SignetStack;
  let world: VerifyWorld;
  let deal: DepositedAgreement;
  let browser: TestBrowser;
  let tsa: TestTsa;
  let files: {
    receipt: string;
    text: string;
    changedText: string;
    otherChain: string;
    bundle: string;
    otherRootBundle: string;
  };

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'signet-page-'));
    tsa = await startTestTsa();
    stack = await startSignetStack('signet_verify_page_e2e', {
      TSA_URL: tsa.url,
      SIGNET_AUDIT_CHECKPOINT_SECONDS: '1',
    });
    world = await createVerifyWorld(stack.signet.url, stack.signet.dataDir);
    const { acme, globex } = world.agents;
    deal = await depositThrough(world, [acme, globex], ['DE'], 'Acme supplies 1,000 widgets to Globex.\n');
    await waitForStatus(acme.client, deal.blockchainId, 'FINAL');
    const receipt = (await acme.client.receipt(deal.blockchainId))!;
    const write = (name: string, content: string): string => {
      writeFileSync(join(work, name), content);
      return join(work, name);
    };
    const bundle = await completeBundle(() => acme.client.evidenceBundle(deal.blockchainId));
    const otherRoot = JSON.parse(bundle) as Record<string, unknown>;
    otherRoot.timestamp = await tsa.stamp(keccak256Hex(utf8('another batch')));
    const foreign = JSON.parse(receipt) as { blockchainId: string };
    foreign.blockchainId = foreign.blockchainId.replace(/^eip155:\d+:/, 'eip155:11155111:');
    files = {
      receipt: write('deal.receipt.json', receipt),
      text: write('deal.txt', deal.text),
      // One byte: "1,000" becomes "1,001".
      changedText: write('changed.txt', deal.text.replace('1,000', '1,001')),
      otherChain: write('sepolia.receipt.json', JSON.stringify(foreign)),
      bundle: write('deal.bundle.json', bundle),
      otherRootBundle: write('other-root.bundle.json', JSON.stringify(otherRoot)),
    };
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await tsa?.stop();
  });

  const fill = async (options: { receipt: string; text?: string; salt?: string; rpcUrl?: string }) => {
    const { page } = browser;
    await page.goto(`${stack.signet.url}/`);
    expect(new URL(page.url()).pathname).toBe('/verify');
    // The page fills in the endpoint status.rpcUrl names.
    for (let tries = 0; (await page.inputValue('#rpc-url')) !== stack.anvil.rpcUrl; tries++) {
      if (tries > 100) throw new Error('the page did not fill in the RPC endpoint from status.rpcUrl');
      await page.waitForTimeout(100);
    }
    await page.setInputFiles('#receipt-file', options.receipt);
    if (options.text) await page.setInputFiles('#text-file', options.text);
    if (options.salt) await page.getByLabel('Salt').fill(options.salt);
    if (options.rpcUrl) await page.getByLabel('Chain RPC endpoint').fill(options.rpcUrl);
    await page.getByRole('button', { name: 'Verify' }).press('Enter');
  };

  const rows = async (): Promise<Row[]> => {
    const table = browser.page.locator('#result table').first();
    await table.waitFor();
    const all: Row[] = [];
    for (const tr of await table.locator('tbody tr').all()) {
      const [name, result, detail] = await tr.locator('td').allTextContents();
      all.push({ name, result, detail });
    }
    return all;
  };
  const failing = (all: Row[]) => all.filter((row) => !row.result.includes('pass')).map((row) => row.name);

  it('shows every check green for the receipt, the text and the salt', async () => {
    await fill({ receipt: files.receipt, text: files.text, salt: deal.salt });
    const all = await rows();
    expect(failing(all)).toEqual([]);
    expect(all.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        'blockchain-id',
        'metadata-hash',
        'agreement-id',
        `signature:${world.agents.acme.id}`,
        `credential:${world.agents.globex.id}`,
        'record-hash',
        'on-chain-record',
        'merkle-proof',
        'commitment',
        'confirmations',
      ]),
    );
    const result = browser.page.locator('#result');
    await result.getByText('Valid: every check passed.').waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(world.agents.acme.id);
    expect(text).toContain('No status change on chain');
    await browser.screenshot('verify-page-valid');
  });

  it('turns the commitment check red when one byte of the text differs', async () => {
    await fill({ receipt: files.receipt, text: files.changedText, salt: deal.salt });
    expect(failing(await rows())).toEqual(['commitment']);
    expect(await browser.page.locator('#result [role=status]').first().textContent()).toContain('Not valid');
    await browser.screenshot('verify-page-changed-byte');
  });

  it("checks a bundle's RFC 3161 timestamp and audit checkpoint, and fails a token over another root", async () => {
    await fill({ receipt: files.bundle, text: files.text, salt: deal.salt });
    const all = await rows();
    expect(failing(all)).toEqual([]);
    expect(all.map((row) => row.name)).toEqual(
      expect.arrayContaining(['timestamp-imprint', 'timestamp-signature', 'audit-checkpoint', 'audit-chain']),
    );
    const result = browser.page.locator('#result');
    await result.getByText('Valid: every check passed.').waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Legal timestamp');
    expect(text).toContain('signed by CN=Signet Test TSA');
    // No root is pinned in a browser: the page says the file brought it.
    expect(text).toMatch(/came with the bundle/);
    await browser.screenshot('verify-page-bundle-timestamp');

    await fill({ receipt: files.otherRootBundle, text: files.text, salt: deal.salt });
    expect(failing(await rows())).toEqual(['timestamp-imprint']);
    expect(await browser.page.locator('#result [role=status]').first().textContent()).toContain('Not valid');
  });

  it('says plainly that a receipt is for another chain', async () => {
    await fill({ receipt: files.otherChain });
    const alert = browser.page.getByRole('alert');
    await alert.getByText('This receipt is for another chain.').waitFor();
    expect(await alert.textContent()).toContain('for chain 11155111');
    await browser.screenshot('verify-page-other-chain');
  });

  it('says when the chain cannot be reached, and asks Signet only when told to', async () => {
    await fill({ receipt: files.receipt, text: files.text, salt: deal.salt, rpcUrl: 'http://127.0.0.1:9' });
    const alert = browser.page.getByRole('alert');
    await alert.getByText('Could not reach the chain: nothing was verified.').waitFor();
    const ask = browser.page.getByRole('button', { name: /Ask Signet's public verify instead/ });
    expect(await ask.textContent()).toContain('sends the text and salt to Signet');
    await ask.click();
    const result = browser.page.locator('#result');
    await result.getByText('Verified by Signet, not by this browser.').waitFor();
    expect(failing(await rows())).toEqual([]);
    expect(await result.textContent()).toContain('Signet says: valid.');
  });

  it('fits a phone-width window', async () => {
    await browser.page.setViewportSize({ width: 375, height: 800 });
    await fill({ receipt: files.receipt, text: files.text, salt: deal.salt });
    await rows();
    // Evaluated in the page (the test's own TypeScript has no DOM types).
    const overflow = await browser.page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    await browser.screenshot('verify-page-phone');
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
