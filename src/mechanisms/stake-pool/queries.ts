import { z } from 'zod';
import { address, argsOf, noArgs, smallUint, uint, type Address, type Hex, type QuerySpec, query } from '../../kernel/index.js';
import { initialV, minimumStake } from './economics.js';
import { requirePool } from './guards.js';
import { hasExpiredWithdrawal } from './hasExpiredWithdrawal.js';
import { minerAccount } from './minerAccount.js';
import { price } from './price.js';
import { workerArg, pidArg } from './schemas.js';
import { pending } from './settleReward.js';
import { slashOf } from './settleSlash.js';
import { now, type MinerRecord, type PoolRecord, type Sp, type UserStake, type WithdrawRequest } from './state.js';

const queueView = (q: readonly WithdrawRequest[]) => q.map((r) => ({ user: r.user, shares: r.shares, startTime: r.startTime }));

export function poolView(sp: Sp, p: PoolRecord) {
  return {
    pid: p.pid,
    owner: p.owner,
    commission: p.commission,
    ownerReward: p.ownerReward,
    cap: p.cap,
    rewardAcc: p.rewardAcc,
    totalShares: p.totalShares,
    totalStake: p.totalStake,
    freeStake: p.freeStake,
    releasingStake: p.releasingStake,
    workers: [...p.workers],
    withdrawQueue: queueView(p.withdrawQueue),
    whitelist: sp.state.whitelists.get(p.pid) ?? null,
    description: sp.state.descriptions.get(p.pid) ?? null,
  };
}

function minerView(miner: Address, r: MinerRecord) {
  return { miner, state: r.state, stake: r.stake, v: r.v, ve: r.ve, vUpdatedAt: r.vUpdatedAt, coolDownStart: r.coolDownStart, vDeductible: r.vDeductible };
}

function stakeView(pool: PoolRecord, u: UserStake) {
  return { ...u, pendingRewards: pending(u, pool.rewardAcc), pendingSlash: slashOf(pool, u).slashed };
}

/** §10: every read. */
export function queries(sp: Sp) {
  const { state, params } = sp;
  const pidArgs = argsOf({ pid: pidArg });
  const userArgs = argsOf({ pid: pidArg, user: address });
  const getUserStake: QuerySpec<z.output<typeof userArgs>> = {
    summary: 'a delegator record with pending rewards and pending slash',
    args: userArgs,
    run: ({ pid, user }) => {
      const pool = requirePool(sp, pid);
      const u = state.staker(pid, user);
      if (!u) sp.ctx.fail('POOL_STAKE_NOT_FOUND', `${user} has no stake in pool ${pid}`, { pid });
      return { stake: stakeView(pool, u) };
    },
  };
  return {
    getPool: query({
      summary: 'a pool with its workers, queue, whitelist and description',
      args: pidArgs,
      run: ({ pid }) => ({ pool: poolView(sp, requirePool(sp, pid)) }),
    }),
    getUserStake,
    getDelegation: { ...getUserStake, summary: 'alias of getUserStake' },
    pendingRewards: query({
      summary: 'pending and available rewards of a user (plus the commission if the user owns the pool)',
      args: userArgs,
      run: ({ pid, user }) => {
        const pool = requirePool(sp, pid);
        const u = state.staker(pid, user);
        const p = u ? pending(u, pool.rewardAcc) : 0n;
        const available = u?.availableRewards ?? 0n;
        const ownerReward = pool.owner === user ? pool.ownerReward : 0n;
        return { pending: p, availableRewards: available, ownerReward, claimable: p + available + ownerReward };
      },
    }),
    getWorker: query({
      summary: 'registry entry of a worker and its current mining record',
      args: argsOf({ worker: workerArg }),
      run: ({ worker }) => {
        const info = state.workers.get(worker);
        if (!info) sp.ctx.fail('WORKER_NOT_REGISTERED', `worker ${worker} is not registered`, { worker });
        const miner = state.workerBindings.get(worker) ?? null;
        const r = miner === null ? undefined : state.miners.get(miner);
        const mining = r ? minerView(miner!, r) : { state: null, stake: null, v: null, ve: null, vUpdatedAt: null, coolDownStart: null, vDeductible: null };
        return { worker: { pubkey: worker, ...info, pid: state.assignments.get(worker) ?? null, ...mining, miner } };
      },
    }),
    getMiner: query({
      summary: 'the mining record of a pool/worker pair, bound or not',
      args: argsOf({ pid: pidArg, worker: workerArg }),
      run: ({ pid, worker }) => {
        const miner = minerAccount(pid, worker);
        const r = state.miners.get(miner);
        if (!r) sp.ctx.fail('MINER_NOT_FOUND', `no mining record for worker ${worker} in pool ${pid}`, { miner });
        return { miner: minerView(miner, r) };
      },
    }),
    withdrawQueue: query({
      summary: 'the withdrawal queue of a pool, front first',
      args: pidArgs,
      run: ({ pid }) => ({ queue: queueView(requirePool(sp, pid).withdrawQueue) }),
    }),
    sharePrice: query({
      summary: 'stake per share as U64F64 bits (null without shares)',
      args: pidArgs,
      run: ({ pid }) => ({ price: price(requirePool(sp, pid)) }),
    }),
    getStakeLedger: query({
      summary: 'PHA locked for all pools by an account',
      args: argsOf({ user: address }),
      run: ({ user }) => ({ locked: state.stakeLedger.get(user) ?? 0n }),
    }),
    getStats: query({
      summary: 'pool count and number of computing workers',
      args: noArgs,
      run: () => ({ poolCount: state.poolCount.get(), onlineMiners: state.onlineMiners.get() }),
    }),
    getWhitelist: query({
      summary: 'the contribution whitelist of a pool (null: public)',
      args: pidArgs,
      run: ({ pid }) => {
        requirePool(sp, pid);
        return { whitelist: state.whitelists.get(pid) ?? null };
      },
    }),
    getWithdrawalSchedule: query({
      summary: 'request timestamps still to be examined by the block hook, and their pools',
      args: noArgs,
      run: () => {
        const timestamps = [...state.withdrawalTimestamps.toArray()];
        return { timestamps, pools: timestamps.map((t) => ({ startTime: t, pids: state.withdrawalQueuedPools.get(t) ?? [] })) };
      },
    }),
    getTokenomic: query({
      summary: 'the current budget per block and every tokenomic constant (bits)',
      args: noArgs,
      run: () => ({ ...params.tokenomic, budgetPerBlock: state.budgetPerBlock.get() }),
    }),
    minimumStake: query({
      summary: 'minimum stake for an initial score',
      args: argsOf({ initialScore: smallUint(32) }),
      run: ({ initialScore }) => ({ minStake: minimumStake(params.tokenomic, initialScore) }),
    }),
    initialV: query({
      summary: 'initial V for a stake, score and confidence level (bits)',
      args: argsOf({ stake: uint(128), initialScore: smallUint(32), confidenceLevel: smallUint(8) }),
      run: ({ stake, initialScore, confidenceLevel }) => ({ ve: initialV(params.tokenomic, stake, initialScore, confidenceLevel) }),
    }),
    hasExpiredWithdrawal: query({
      summary: 'whether the grace rule would force the pool to stop now (or at `now`)',
      args: argsOf({ pid: pidArg, now: smallUint(53).optional() }),
      run: ({ pid, now: at }) => ({ expired: hasExpiredWithdrawal(requirePool(sp, pid), at ?? now(sp), params.gracePeriod) }),
    }),
  };
}

export type { Hex };
