// Compiles contracts/AgreementRegistry.sol with solc-js (standard JSON) into the committed
// artifact libs/chain/src/artifacts/AgreementRegistry.json. Settings are fixed here, not
// taken from the environment, so anyone with the same sources and solc gets the same bytes.
// `--check` recompiles in memory and exits 1 when the committed artifact differs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { keccak256, toUtf8Bytes } from 'ethers';
import solcJs from 'solc';

// solc-js ships `any` typings; this is the slice of its API the script uses.
interface SolcCompiler {
  version(): string;
  compile(
    input: string,
    callbacks: { import: (path: string) => { contents: string } | { error: string } },
  ): string;
}
const solc = solcJs as unknown as SolcCompiler;

const CONTRACT = 'AgreementRegistry';
const SOURCE = `contracts/${CONTRACT}.sol`;
const ARTIFACT = `libs/chain/src/artifacts/${CONTRACT}.json`;

// cancun: the newest EVM that the chains a registry is likely deployed on all accept
// (PUSH0, MCOPY); nothing in the contract benefits from later opcodes. High optimizer runs
// because recordBatch runs forever and the deployment once.
const SETTINGS = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 1_000_000 },
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: {
    [SOURCE]: { [CONTRACT]: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] },
  },
} as const;

interface SolcError {
  severity: 'error' | 'warning' | 'info';
  formattedMessage: string;
}
interface SolcOutput {
  errors?: SolcError[];
  sources?: Record<string, unknown>;
  contracts?: Record<
    string,
    Record<
      string,
      { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }
    >
  >;
}

function repoRoot(): string {
  // Works from scripts/ (ts) and dist/scripts/ (built js) alike.
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'contracts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('compile-contracts: repository root not found');
    dir = parent;
  }
  return dir;
}

/** Only OpenZeppelin imports are allowed, and they come from the installed package. */
function findImport(root: string, path: string): { contents: string } | { error: string } {
  if (!path.startsWith('@openzeppelin/contracts/')) return { error: `import not allowed: ${path}` };
  const file = join(root, 'node_modules', path);
  return existsSync(file) ? { contents: readFileSync(file, 'utf8') } : { error: `not found: ${path}` };
}

export function compile(root: string): string {
  const input = {
    language: 'Solidity',
    sources: { [SOURCE]: { content: readFileSync(join(root, SOURCE), 'utf8') } },
    settings: SETTINGS,
  };
  const used: Record<string, string> = {};
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import: (path: string) => {
        const found = findImport(root, path);
        if ('contents' in found) used[path] = found.contents;
        return found;
      },
    }),
  ) as SolcOutput;

  const problems = output.errors ?? [];
  for (const p of problems.filter((e) => e.severity === 'warning')) process.stderr.write(p.formattedMessage);
  const errors = problems.filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const compiled = output.contracts?.[SOURCE]?.[CONTRACT];
  if (!compiled) throw new Error(`compile-contracts: ${CONTRACT} missing from solc output`);

  // Per-file keccak256 of every source that went in, so a reviewer sees what changed.
  const sources: Record<string, string> = { [SOURCE]: keccak256(toUtf8Bytes(input.sources[SOURCE].content)) };
  for (const path of Object.keys(used).sort()) sources[path] = keccak256(toUtf8Bytes(used[path]));
  const artifact = {
    contractName: CONTRACT,
    sourceName: SOURCE,
    compiler: { name: 'solc', version: solc.version(), settings: SETTINGS },
    sourceHash: keccak256(toUtf8Bytes(JSON.stringify(sources))),
    sources,
    abi: compiled.abi,
    bytecode: `0x${compiled.evm.bytecode.object}`,
    deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
  };
  return `${JSON.stringify(artifact, null, 2)}\n`;
}

function main(): void {
  const root = repoRoot();
  const fresh = compile(root);
  const target = join(root, ARTIFACT);
  if (process.argv.includes('--check')) {
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (committed !== fresh) {
      process.stderr.write(`${ARTIFACT} is stale: run npm run contracts:build and commit the result\n`);
      process.exit(1);
    }
    process.stdout.write(`${ARTIFACT} is up to date\n`);
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, fresh);
  process.stdout.write(`wrote ${ARTIFACT}\n`);
}

if (require.main === module) main();
