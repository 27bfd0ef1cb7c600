import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version has one source, package.json, found from here in the source tree and in dist/ alike. */
function readVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'signet' && manifest.version) return manifest.version;
    }
  }
  return '0.0.0';
}

export const SIGNET_VERSION = readVersion();
