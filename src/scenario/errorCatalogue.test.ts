import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Chain } from '../chain/chain.js';
import { mechanismRegistry } from '../chain/registry.js';
import { kernelErrors, ledgerErrors, noArgs, type MechanismModule } from '../kernel/index.js';
import { findScenarioFiles, loadScenarioFile } from './load.js';
import { repoRoot } from '../testing/repoRoot.js';

/**
 * Every `expectError` code of a scenario under test/vectors/ and examples/ is one its mechanism
 * declares in its error catalogue, or a kernel or ledger code.
 */
const root = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;


function declared(kinds: string[], code: string): boolean {
  if (Object.hasOwn(kernelErrors, code) || Object.hasOwn(ledgerErrors, code)) return true;
  return kinds.some((k) => {
    const m = mechanismRegistry.get(k);
    return m !== undefined && Object.hasOwn(m.errors, code);
  });
}

describe('error catalogue', () => {
  it('covers every expectError of the scenario files', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const folder of ['test/vectors', 'examples']) {
      for (const file of findScenarioFiles(join(root, folder))) {
        const rel = file.slice(root.length);
        const s = loadScenarioFile(file);
        const kinds = Object.keys(s.chain.mechanisms);
        const check = (owners: string[], code: string | undefined, where: string) => {
          if (code === undefined) return;
          checked++;
          if (!declared(owners, code)) missing.push(`${rel} ${where}: ${code} (declared by none of ${owners.join(', ')})`);
        };
        check(kinds, s.expectError, 'build');
        (s.steps ?? []).forEach((step, i) => {
          if (!('expectError' in step)) return;
          const call = 'tx' in step ? step.tx.call : 'query' in step ? step.query.call : undefined;
          const owner = typeof call === 'string' && call.includes('.') ? [call.slice(0, call.indexOf('.'))] : kinds;
          check(owner, step.expectError, `step ${i + 1}`);
        });
      }
    }
    assert.ok(checked > 50, `only ${checked} expectError codes found`);
    assert.deepEqual(missing, []);
  });

  it('each shipped module declares a catalogue of upper-snake codes with a meaning', () => {
    for (const [kind, m] of mechanismRegistry) {
      assert.ok(Object.keys(m.errors).length > 0, kind);
      for (const [code, meaning] of Object.entries(m.errors)) {
        assert.match(code, /^[A-Z][A-Z0-9_]*$/, `${kind}: ${code}`);
        assert.ok(meaning.length > 0, `${kind}: ${code} has no meaning`);
      }
    }
  });
});

describe('undeclared error codes', () => {
  const failing: MechanismModule<Record<string, never>, undefined> = {
    kind: 'failing',
    summary: 'test mechanism',
    presets: { default: {} },
    defaultPreset: 'default',
    params: () => ({}),
    assets: () => [],
    errors: { DECLARED: 'a declared code' },
    create: (ctx) => ({
      actions: {
        declared: { summary: 'fails with a declared code', args: noArgs, run: () => ctx.fail('DECLARED', 'declared') },
        undeclared: { summary: 'fails with an undeclared code', args: noArgs, run: () => ctx.fail('NOT_IN_THE_CATALOGUE', 'undeclared') },
      },
      queries: {},
      invariants: [],
    }),
  };
  const registry = new Map([['failing', failing]]);

  it('a declared code is the MechanismError; an undeclared one is an INTERNAL_ERROR naming it', () => {
    const chain = Chain.build({ mechanisms: { failing: {} } }, {}, { registry });
    const a = chain.tx('alice', 'failing.declared');
    assert.equal(a.error?.code, 'DECLARED');
    assert.equal(a.error?.mechanism, 'failing');
    const b = chain.tx('alice', 'failing.undeclared');
    assert.equal(b.error?.code, 'INTERNAL_ERROR');
    assert.match(b.error?.message ?? '', /NOT_IN_THE_CATALOGUE/);
  });
});
