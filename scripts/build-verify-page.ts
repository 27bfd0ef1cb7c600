import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Builds the public verification page (GET /verify) into dist/verify-page: one script bundled
 * from apps/verify-page with libs/formats' own verification code, its stylesheet and its
 * HTML. Nothing is fetched at run time from anywhere but the page's own origin and the chain
 * endpoint the person chooses. Node built-ins that libs/formats touches are swapped for the
 * small browser stand-ins in apps/verify-page/src/platform, so the logic itself is not copied.
 */
const ROOT = join(__dirname, '..', '..');
const SOURCE = join(ROOT, 'apps/verify-page/src');
const PLATFORM = join(SOURCE, 'platform');
export const VERIFY_PAGE_OUT = join(ROOT, 'dist/verify-page');

const BROWSER_STAND_INS: Record<string, string> = {
  'node:crypto': join(PLATFORM, 'node-crypto.browser.ts'),
  crypto: join(PLATFORM, 'node-crypto.browser.ts'),
  'node:module': join(PLATFORM, 'node-module.browser.ts'),
  'node:path': join(PLATFORM, 'node-path.browser.ts'),
};

async function main(): Promise<void> {
  mkdirSync(VERIFY_PAGE_OUT, { recursive: true });
  await build({
    entryPoints: [join(SOURCE, 'verify-page.main.ts')],
    outfile: join(VERIFY_PAGE_OUT, 'verify-page.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(ROOT, 'apps/verify-page/tsconfig.json'),
    alias: BROWSER_STAND_INS,
    inject: [join(PLATFORM, 'buffer.browser.ts')],
    // keccak.hash.ts locates its native addon relative to its own file; no such file here.
    define: { __filename: '"verify-page.js"', 'process.env.NODE_ENV': '"production"' },
  });
  for (const file of ['index.html', 'verify-page.css']) {
    copyFileSync(join(SOURCE, file), join(VERIFY_PAGE_OUT, file));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `verify page build failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
