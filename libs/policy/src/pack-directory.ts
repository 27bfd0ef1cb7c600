import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, ErrorCode, type PolicyPackFiles } from '@signet/domain';

/** The files of a pack directory, by name, as UTF-8 text; a sub-directory is refused. */
export function readPackDirectory(dir: string): PolicyPackFiles {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new DomainError(
      ErrorCode.InvalidPolicyPack,
      `cannot read the pack directory ${dir}: ${(error as Error).message}`,
      {
        path: dir,
      },
    );
  }
  const files: PolicyPackFiles = {};
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile())
      throw new DomainError(ErrorCode.InvalidPolicyPack, `${name}: a pack is one flat directory`, {
        path: name,
      });
    files[name] = readFileSync(path, 'utf8');
  }
  return files;
}
