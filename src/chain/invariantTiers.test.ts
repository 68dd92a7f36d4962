import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from './chain.js';
import { invariant, noArgs, type MechanismModule } from '../kernel/index.js';

describe('invariant tiers', () => {
  const broken: MechanismModule<Record<string, never>, undefined> = {
    kind: 'broken',
    summary: 'test mechanism whose invariants fail',
    presets: { default: {} },
    defaultPreset: 'default',
    params: () => ({}),
    assets: () => [{ symbol: 'BRK', decimals: 0 }],
    errors: {},
    create: () => ({
      actions: { noop: { summary: 'nothing', args: noArgs, run: () => undefined } },
      queries: {},
      invariants: [invariant('cheapOne', 'cheap', () => ['cheap broken']), invariant('fullOne', 'full', () => ['full broken'])],
      escrow: () => ({ BRK: 1n }),
    }),
  };
  const registry = new Map([['broken', broken]]);

  it('runs the checks of the tier and below, prefixed with owner and invariant name', () => {
    const chain = Chain.build({ mechanisms: { broken: {} } }, {}, { registry });
    const escrow = "broken: escrow.books: escrow of BRK is 0 in the ledger but 1 in the mechanism's books";
    assert.deepEqual(chain.invariants('cheap'), ['broken: cheapOne: cheap broken', escrow]);
    assert.deepEqual(chain.invariants('full'), ['broken: cheapOne: cheap broken', 'broken: fullOne: full broken', escrow]);
    assert.deepEqual(chain.invariants(), chain.invariants('full'));
    assert.deepEqual(
      chain.invariantChecks().map((i) => `${i.owner}.${i.name}:${i.tier}`),
      ['ledger.conservation:full', 'broken.cheapOne:cheap', 'broken.fullOne:full', 'broken.escrow.books:cheap'],
    );
  });

  it('every shipped chain is sound in both tiers at genesis', () => {
    for (const kind of ['proverPool', 'sequencerStaking', 'stakePool']) {
      const chain = Chain.build({ mechanisms: { [kind]: {} } });
      assert.deepEqual(chain.invariants('cheap'), [], kind);
      assert.deepEqual(chain.invariants('full'), [], kind);
    }
  });
});
