import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { formatScenario } from './scenario/format.js';
import { loadScenarioFile } from './scenario/load.js';
import { runScenario } from './scenario/run.js';
import { repoRoot } from './testing/repoRoot.js';

/**
 * The documentation under docs/ stays true: every scenario in docs/examples/ passes with every
 * invariant checked, and every relative link in a docs/ markdown file names an existing file.
 */
const docs = join(repoRoot, 'docs');

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, pattern));
    else if (pattern.test(name)) out.push(p);
  }
  return out;
}

describe('docs/examples', () => {
  const files = filesUnder(join(docs, 'examples'), /\.(ya?ml|json)$/);
  it('has examples', () => assert.ok(files.length > 0));
  for (const file of files) {
    const rel = file.slice(repoRoot.length);
    it(rel, () => {
      const r = runScenario(loadScenarioFile(file), rel, { checkInvariants: true });
      assert.ok(r.passed, formatScenario(r, { verbose: false }).join('\n'));
    });
  }
});

/** Relative link targets of a markdown text (inline links; code spans and fenced blocks skipped). */
export function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const out: string[] = [];
  for (const m of text.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    out.push(target.split('#')[0]!);
  }
  return out;
}

describe('docs links', () => {
  it('finds links', () => assert.deepEqual(relativeLinks('[a](b.md#x) `[c](d)` [e](https://x) [f](#g)'), ['b.md']));
  for (const file of filesUnder(docs, /\.md$/)) {
    const rel = file.slice(repoRoot.length);
    it(rel, () => {
      const missing = relativeLinks(readFileSync(file, 'utf8')).filter((t) => !existsSync(resolve(dirname(file), decodeURIComponent(t))));
      assert.deepEqual(missing, [], `${rel} links to missing files`);
    });
  }
});
