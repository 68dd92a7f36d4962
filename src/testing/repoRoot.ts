import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (with a trailing separator): the nearest folder above this module whose
 * package.json is Stakeworks'. Works from the compiled tests (dist/src/…) and from the sources.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stakeworks') return join(dir, '/');
    const up = dirname(dir);
    if (up === dir) throw new Error(`no stakeworks package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const repoRoot = findRoot();

/** An absolute path from a repository-relative one (e.g. `test/vectors`). */
export const fromRoot = (rel: string): string => join(repoRoot, rel);
