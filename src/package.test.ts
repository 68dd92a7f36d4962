import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The package as a user gets it: `npm pack`, install the tarball in another folder, import it by name.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'stakeworks-consumer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[], cwd = dir) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed library', () => {
  it('installs from its tarball and works by name from another folder', () => {
    // dist is already built (the tests run from it); --ignore-scripts keeps prepack from rebuilding it mid-run.
    run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], repo);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote a tarball');
    const listing = run('tar', ['-tzf', tarball!]).split('\n');
    assert.ok(listing.includes('package/dist/src/index.js') && listing.includes('package/dist/src/index.d.ts'), 'entry point and its types are shipped');
    assert.deepEqual(listing.filter((f) => /\.test\.|\/bench\//.test(f)), [], 'no tests or benchmarks in the package');

    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', `./${tarball}`]);
    writeFileSync(
      join(dir, 'use.ts'),
      `import { Chain, type Outcome, type Snapshot } from 'stakeworks';
const config = { mechanisms: { proverPool: { preset: 'taiko-a4' } } };
const chain = Chain.build(config, { time: 1700000000, height: 1, balances: { alice: { TKO: '100000000000' } } });
const outcomes: Outcome[] = [
  chain.tx('alice', 'proverPool.stake', { amount: '10000000000', rewardPerGas: 10, maxCapacity: 32 }),
  chain.advance({ seconds: 12, blocks: 1 }),
];
const snap: Snapshot = JSON.parse(JSON.stringify(chain.snapshot()));
const restored = Chain.restore(config, snap);
const a = chain.tx('alice', 'proverPool.exit');
const b = restored.tx('alice', 'proverPool.exit');
// Types only (never called): results of shipped calls are typed, arguments are checked.
export function typed(c: Chain): number {
  const proposed = c.tx('paul', 'proverPool.proposeBlock', {});
  const assigned: string | undefined = proposed.result?.assignedProver;
  // @ts-expect-error: no such field in proposeBlock's result
  void proposed.result?.noSuchField;
  const staker = c.query('proverPool.getStaker', { addr: 'alice' });
  const id: number | undefined = staker.result?.staker.proverId;
  const pools = c.query('stakePool.getStats');
  return (assigned?.length ?? 0) + (id ?? 0) + (pools.ok ? 1 : 0);
}
console.log(JSON.stringify({ ok: outcomes.map((o) => o.ok), exit: [a.ok, b.ok], same: chain.stateRoot() === restored.stateRoot(), root: chain.stateRoot() }));
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: [], outDir: 'out' }, files: ['use.ts'] }),
    );
    // The shipped types compile a strict consumer.
    run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    const out = JSON.parse(run(process.execPath, ['out/use.js']));
    assert.deepEqual(out.ok, [true, true]);
    assert.deepEqual(out.exit, [true, true]);
    assert.equal(out.same, true);
    assert.match(out.root, /^0x[0-9a-f]{64}$/);
  });
});
