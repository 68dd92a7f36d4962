import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from '../../chain/chain.js';
import { MechanismError, type MechanismContext, type MechanismModule } from '../../kernel/index.js';
import { proverPoolModule, type ProverPoolParams } from './index.js';

/**
 * The block hook's verification walk (verifyBlocksUpTo with `tolerant`) stops silently before a
 * block that fails with a StakeworksError, and lets any other exception through. The harness
 * builds the real prover pool on a context whose `emit` throws a chosen error when the block is
 * verified (the last step of verifyBlock); nothing inside the mechanism is replaced.
 */
function harness(fault: () => Error | undefined): Chain {
  const faulty: MechanismModule = {
    ...proverPoolModule,
    create: (ctx: MechanismContext, params: ProverPoolParams) =>
      proverPoolModule.create(
        {
          ...ctx,
          emit(name, args) {
            const err = name === 'BlockVerified' ? fault() : undefined;
            if (err) throw err;
            ctx.emit(name, args);
          },
        },
        params,
      ),
  };
  const chain = Chain.build(
    { mechanisms: { proverPool: { preset: 'taiko-a4', verification: 'hook' } } },
    { time: 1_700_000_000, height: 1, balances: { alice: { TKO: '200000000000' }, paul: { TKO: '1000000000' } } },
    { registry: new Map([['proverPool', faulty]]) },
  );
  const must = (o: ReturnType<Chain['tx']>) => assert.ok(o.ok, o.error?.message);
  must(chain.tx('alice', 'proverPool.stake', { amount: '200000000000', rewardPerGas: 7, maxCapacity: 32 }));
  must(chain.tx('paul', 'proverPool.depositTaikoToken', { amount: '1000000000' }));
  must(chain.tx('paul', 'proverPool.proposeBlock'));
  must(chain.tx('alice', 'proverPool.proveBlock', { blockId: 1, gasUsed: 1_000_000 }));
  return chain;
}

const lastVerified = (chain: Chain): number => (chain.query('proverPool.getState').result as { lastVerifiedBlockId: number }).lastVerifiedBlockId;

describe('proverPool block hook: which errors stop the verification walk', () => {
  it('without a fault the hook verifies the proven block once its cooldown is over', () => {
    const chain = harness(() => undefined);
    const o = chain.advance({ seconds: 1801, blocks: 1 });
    assert.ok(o.ok, o.error?.message);
    assert.equal(lastVerified(chain), 1);
  });

  it('a StakeworksError (protocol or arithmetic) stops the walk silently; the block stays unverified', () => {
    const chain = harness(() => new MechanismError('SOME_RULE', 'proverPool', 'a protocol rule refused'));
    const o = chain.advance({ seconds: 1801, blocks: 1 });
    assert.ok(o.ok, o.error?.message);
    assert.equal(lastVerified(chain), 0);
  });

  it('any other exception is a bug: it propagates and the whole advance fails', () => {
    const chain = harness(() => new TypeError('a bug in verification'));
    const root = chain.stateRoot();
    const o = chain.advance({ seconds: 1801, blocks: 1 });
    assert.equal(o.ok, false);
    assert.equal(o.error?.code, 'INTERNAL_ERROR');
    assert.equal(o.error?.message, 'internal error (a bug in Stakeworks, please report it): a bug in verification');
    assert.equal(chain.stateRoot(), root);
  });
});
