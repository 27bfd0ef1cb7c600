import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * anvil rewrites its `--state` file in place every `--state-interval`: a SIGKILL (or a power
 * cut) in the middle leaves it empty or cut short, and anvil then refuses to start at all.
 * So a complete copy is kept beside it (`<file>.good`, refreshed once a second while the
 * node runs), and a start with a broken state file falls back to that copy: the chain loses
 * at most a second or two, as it would have anyway, instead of all of it.
 */
const GOOD_SUFFIX = '.good';
const REFRESH_MS = 1000;

function complete(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

/** Before a start: a broken state file is replaced by the last good copy. True if it was. */
export function restoreAnvilState(stateFile: string, log: (line: string) => void = () => undefined): boolean {
  if (!existsSync(stateFile) || complete(stateFile) !== undefined) return false;
  const good = stateFile + GOOD_SUFFIX;
  if (complete(good) === undefined) {
    log(`anvil state ${stateFile} is broken and there is no good copy: starting a new chain`);
    renameSync(stateFile, `${stateFile}.broken-${Date.now()}`);
    return true;
  }
  copyFileSync(good, stateFile);
  log(`anvil state ${stateFile} was cut short by a crash; restored its last good copy`);
  return true;
}

/** While anvil runs: refreshes the good copy whenever the state file is complete. Returns a stop function. */
export function keepAnvilStateCopy(stateFile: string): () => void {
  const good = stateFile + GOOD_SUFFIX;
  const timer = setInterval(() => {
    const text = complete(stateFile);
    if (text === undefined) return;
    writeFileSync(`${good}.tmp`, text);
    renameSync(`${good}.tmp`, good);
  }, REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
