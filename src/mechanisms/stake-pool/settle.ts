import { z } from 'zod';
import { action, argsOf, smallUint, type Hex } from '../../kernel/index.js';
import { fromFixed, type Fx } from './fixed.js';
import { addToAccount } from './economy.js';
import { creditReward } from './receiveReward.js';
import { fxArg, workerArg } from './schemas.js';
import { isMining, now, PHA, type MinerState, type PoolRecord, type RewardBook, type Sp } from './state.js';

const settlementSchema = z.strictObject({ worker: workerArg, v: fxArg.optional(), payout: fxArg, treasury: fxArg.optional() });
const args = argsOf({
  settlements: z.array(settlementSchema),
  offline: z.array(workerArg).optional(),
  recoveredToOnline: z.array(workerArg).optional(),
  emittedAt: smallUint(53).optional(),
});

export interface Settlement {
  readonly worker: Hex;
  readonly v?: Fx;
  readonly payout: Fx;
  readonly treasury?: Fx;
  /** Only the built-in model (§9) sets it: the record's new `vDeductible`, written with `v`. */
  readonly vDeductible?: Fx;
}

function setResponsiveness(sp: Sp, workers: readonly Hex[], to: MinerState, event: string): void {
  const { state, ctx } = sp;
  for (const w of workers) {
    const miner = state.workerBindings.get(w);
    const r = miner === undefined ? undefined : state.miners.get(miner);
    if (!r || !isMining(r.state)) continue;
    state.miners.set(miner!, { ...r, state: to });
    ctx.emit(event, { miner });
  }
}

/**
 * §7.21 steps 3–4: the reward path shared by the gatekeeper and the built-in computation model
 * (§9). D2: a settlement for a worker in no pool is dismissed, the batch goes on.
 */
export function applySettlements(sp: Sp, settlements: readonly Settlement[], emittedAt: number | undefined): void {
  const { state, ctx, params } = sp;
  // economy §2 totals of the batch, written once at the end (a block of the model settles every worker).
  let toTreasuryTotal = 0n;
  for (const s of settlements) {
    const miner = state.workerBindings.get(s.worker);
    if (miner === undefined) continue;
    const r = state.miners.get(miner)!;
    const v = s.v ?? r.v;
    if (emittedAt !== undefined && r.vUpdatedAt >= emittedAt) {
      ctx.emit('MinerSettlementDropped', { miner, v, payout: s.payout });
      continue;
    }
    const vDeductible = s.vDeductible ?? r.vDeductible;
    state.miners.set(miner, { ...r, v, vUpdatedAt: now(sp), vDeductible });
    const toTreasury = fromFixed(s.treasury ?? 0n);
    // Spendable, not total: PHA the subsidy account itself delegated is locked and cannot pay
    // (the reference's transfer fails there too, and it reports the same event).
    if (ctx.ledger.spendable(PHA, params.subsidyPool) < toTreasury) {
      // As the reference: the new V stays, nothing goes to the treasury.
      ctx.emit('InternalErrorMinerSettleFailed', { worker: s.worker });
      continue;
    }
    if (toTreasury > 0n) ctx.ledger.transfer(PHA, params.subsidyPool, params.treasury, toTreasury, ctx.name);
    toTreasuryTotal += toTreasury;
    ctx.emit('MinerSettled', { miner, vBits: v, payoutBits: s.payout });
  }
  // Rewards in list order, each pool and book written once at the end rather than once per
  // settlement (200 workers of a pool in one block would otherwise copy its record 200 times).
  const credited = new Map<number, [PoolRecord, RewardBook]>();
  for (const s of settlements) {
    const reward = fromFixed(s.payout);
    const pid = state.assignments.get(s.worker);
    if (pid === undefined) {
      ctx.emit('RewardDismissedNotInPool', { worker: s.worker, amount: reward });
      continue;
    }
    const [pool, book] = credited.get(pid) ?? [state.pools.get(pid)!, state.book(pid)];
    const next = creditReward(sp, pool, book, reward);
    if (next[0] !== pool || next[1] !== book) credited.set(pid, next);
  }
  let creditedTotal = 0n;
  for (const [pid, [pool, book]] of credited) {
    creditedTotal += book.credited - state.book(pid).credited;
    state.pools.set(pid, pool);
    state.rewardBooks.set(pid, book);
  }
  if (toTreasuryTotal > 0n || creditedTotal > 0n) {
    addToAccount(sp, { toTreasury: toTreasuryTotal, rewardsToStakers: creditedTotal, subsidyOther: params.treasury === params.subsidyPool ? toTreasuryTotal : 0n });
  }
}

/** §7.21: the gatekeeper's report: responsiveness changes, V updates, treasury parts and payouts. */
export function settle(sp: Sp) {
  return action({
    summary: 'apply a gatekeeper report: offline/recovered workers, V updates, payouts (gatekeeper)',
    args,
    run(sender, { settlements, offline, recoveredToOnline, emittedAt }) {
      if (sender !== sp.params.gatekeeper) sp.ctx.fail('BAD_SENDER', `only the gatekeeper (${sp.params.gatekeeper}) may settle`, { sender });
      setResponsiveness(sp, offline ?? [], 'MiningUnresponsive', 'MinerEnterUnresponsive');
      setResponsiveness(sp, recoveredToOnline ?? [], 'MiningIdle', 'MinerExitUnresponsive');
      applySettlements(sp, settlements, emittedAt);
    },
  });
}
