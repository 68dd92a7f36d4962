import { address, argsOf, jsonInt, noArgs, smallUint, uint, query } from '../../kernel/index.js';
import { blockFee } from './fees.js';
import type { Block, Pool, Slot, Staker } from './state.js';
import { weights } from './weights.js';

export function stakerView(s: Staker) {
  return { exitRequestedAt: s.exitRequestedAt, exitAmount: s.exitAmount, maxCapacity: s.maxCapacity, proverId: s.proverId };
}

export function proverView(p: Slot) {
  return { stakedAmount: p.stakedAmount, rewardPerGas: p.rewardPerGas, currentCapacity: p.currentCapacity };
}

export function blockView(b: Block) {
  return {
    ...b,
    rewardPerGas: jsonInt(b.rewardPerGas),
    backupRewardPerGas: jsonInt(b.backupRewardPerGas),
    forkChoices: b.forkChoices.map((f) => ({ ...f })),
  };
}

/** §6: every read of the pool and the protocol state. */
export function queries(pool: Pool) {
  const { params, state } = pool;
  return {
    getStaker: query({
      summary: 'staker record and its slot (zeros when not in the pool)',
      args: argsOf({ addr: address }),
      run: ({ addr }) => {
        const s = state.staker(addr);
        const p = s.proverId === 0 ? { stakedAmount: 0n, rewardPerGas: 0, currentCapacity: 0 } : state.slot(s.proverId);
        return { staker: stakerView(s), prover: proverView(p as Slot) };
      },
    }),
    getCapacity: query({
      summary: 'Σ currentCapacity over all slots',
      args: noArgs,
      run: () => ({ capacity: state.index.capacity }),
    }),
    getProvers: query({
      summary: 'every slot (index k = slot k + 1) and its owner',
      args: noArgs,
      run: () => {
        const slots = state.slots.toArray();
        return { provers: slots.map(proverView), stakers: slots.map((s) => s.owner) };
      },
    }),
    getProverWeights: query({
      summary: 'weights and effective reward per gas of every slot at a fee per gas',
      args: argsOf({ feePerGas: smallUint(32) }),
      run: ({ feePerGas }) => {
        const { w, e } = weights(params, state.slots.toArray(), feePerGas);
        return { weights: w, erpg: e.map(jsonInt) };
      },
    }),
    getBlock: query({
      summary: 'a block record with its fork choices (within the ring buffer)',
      args: argsOf({ blockId: uint(256) }),
      run: ({ blockId }) => {
        const n = BigInt(state.numBlocks.get());
        if (blockId >= n || blockId < n - BigInt(params.blockRingBufferSize)) {
          pool.ctx.fail('L1_BLOCK_ID', `block ${blockId} is not in the ring buffer (next id ${n})`, { blockId, numBlocks: n });
        }
        return blockView(state.block(Number(blockId))!);
      },
    }),
    getConfig: query({
      summary: 'the effective parameters, roles as addresses',
      args: noArgs,
      run: () => ({ ...params }),
    }),
    getState: query({
      summary: 'fee per gas, average proof delay, block counters and accounting totals',
      args: noArgs,
      run: () => ({
        feePerGas: state.feePerGas.get(),
        avgProofDelay: state.avgProofDelay.get(),
        numOpenBlocks: state.numOpenBlocks.get(),
        numBlocks: state.numBlocks.get(),
        lastVerifiedBlockId: state.lastVerifiedBlockId.get(),
        lastVerifiedAt: state.lastVerifiedAt.get(),
        genesisHeight: state.genesisHeight,
        genesisTimestamp: state.genesisTimestamp,
        totals: state.totals.get(),
      }),
    }),
    balanceOf: query({
      summary: 'internal TKO balance',
      args: argsOf({ addr: address }),
      run: ({ addr }) => ({ balance: state.balance(addr) }),
    }),
    getBlockFee: query({
      summary: 'the block fee at the current fee per gas for a gas limit',
      args: argsOf({ gasLimit: smallUint(32) }),
      run: ({ gasLimit }) => ({ blockFee: blockFee(params, state.feePerGas.get(), gasLimit) }),
    }),
  };
}

