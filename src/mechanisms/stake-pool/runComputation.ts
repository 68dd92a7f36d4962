import { computeSettlements } from './computeSettlements.js';
import { add, div, fromFixed, int, isDust, isqrtU, min, mul, ONE, permillOf, sub, toFixed, wrapFx, type Fx } from './fixed.js';
import { applySettlements } from './settle.js';
import { now, PHA, type PoolRecord, type RewardBook, type Sp } from './state.js';
import type { RosterSlot } from './roster.js';
import type { Tokenomic } from './params.js';

/**
 * §8 step 1 / §9: the built-in computation model. Every block, every mining worker is settled
 * through the gatekeeper's path (§7.21 steps 3–4, no `emittedAt`): V growth or decay, the
 * treasury part, then the payout into its pool.
 *
 * Two implementations that give the same state, events and results: `runComputationReference`,
 * the literal form (build the settlement list, then apply it as a gatekeeper report), and the
 * fast path used by default, which works on the roster (state.ts) and writes each pool once.
 */
export function runComputation(sp: Sp): void {
  if (sp.state.referenceComputation) runComputationReference(sp);
  else runComputationFast(sp);
}

/** The plain form: §9 steps 1–3 as a settlement list, then §7.21 steps 3–4 on it. */
export function runComputationReference(sp: Sp): void {
  applySettlements(sp, computeSettlements(sp), undefined);
}

/** Per-pool sums of one block's rewards; the pool and its book are written once at the end. */
interface PoolAcc {
  readonly pid: number;
  readonly pool: PoolRecord;
  readonly book: RewardBook;
  readonly noShare: boolean;
  readonly commission: number;
  readonly shares: Fx;
  rewardAcc: bigint;
  ownerReward: bigint;
  credited: bigint;
  /** Whether a credit reached the pool (the reference then writes the pool and its book). */
  written: boolean;
}

/** The builder of an event nobody observes: never called (the kernel only counts the event). */
const UNSEEN = (): never => {
  throw new Error('stakePool: an event emitted as unobserved was observed');
};

function memoPInit(slot: RosterSlot, t: Tokenomic, p: number): void {
  const x = mul(mul(int(2), int(p)), slot.conf);
  slot.xx = mul(x, x);
  slot.cost = add(mul(t.costK, int(p)), t.costB);
  slot.pInit = p;
}

/**
 * The same computation as `runComputationReference`, without its per-worker lookups and copies:
 * the roster holds each bound worker's binding, assignment, confidence and current record;
 * per-worker terms that depend only on `pInit` are memoised; rewards are summed per pool.
 */
function runComputationFast(sp: Sp): void {
  const { state, params, ctx } = sp;
  const t = params.tokenomic;
  const { slots, pools } = state.roster();

  // Step 2: shares of the responsive workers and their sum S. A share is isqrt(·)·2^32; the
  // roots are kept and summed instead (S = R·2^32 when that does not wrap), which saves a shift
  // per worker and lets each worker's div(share, S) be one division: floor(r·2^64 / R).
  let rootSum = 0n;
  for (const slot of slots) {
    const r = slot.record;
    if (r.state !== 'MiningIdle') continue;
    if (r.pInit !== slot.pInit) memoPInit(slot, t, r.pInit);
    const root = isqrtU(add(mul(r.v, r.v), slot.xx));
    slot.share = root;
    rootSum += root;
  }
  const total = wrapFx(rootSum << 32n);
  const exactTotal = total === rootSum << 32n;

  // Step 3 and §7.21 step 3: V, the treasury part, MinerSettled, in worker-id order.
  const budgetPerBlock = state.budgetPerBlock.get();
  const growth = sub(t.rho, ONE);
  const keep = sub(ONE, t.treasuryRatio);
  const time = now(sp);
  const { subsidyPool, treasury } = params;
  const ledger = ctx.ledger;
  const name = ctx.name;
  // Only these transfers move the subsidy account's balance during the loop.
  let spendable = ledger.spendable(PHA, subsidyPool);
  const sameAccount = subsidyPool === treasury;
  // Whether anyone observes events, learnt from the first event's builder (the kernel calls a
  // builder only then). Unobserved, the treasury parts are summed into one transfer at the end
  // (same balances, same single undo record per account) and the other Transfer events are only
  // counted, as the kernel would count them; observed, every transfer is made as the reference does.
  let seen: boolean | undefined;
  const see = () => void (seen = true);
  let foldedSum = 0n;
  let foldedCount = 0;
  state.rosterWriting = true;
  try {
    for (const slot of slots) {
      const r = slot.record;
      let v: Fx;
      let vDeductible: Fx;
      let payout = 0n;
      let toTreasury = 0n;
      if (r.state === 'MiningIdle') {
        const dv = add(mul(growth, r.v), slot.cost);
        const v1 = min(add(r.v, dv), t.vMax);
        const deductible = add(r.vDeductible, dv);
        const root = slot.share;
        if (total === 0n || root === 0n || deductible === 0n) {
          v = v1;
          vDeductible = deductible;
        } else {
          // div(share, S) ≤ 1 when S did not wrap, so its product with the budget cannot wrap either.
          const budget = exactTotal ? (((root << 64n) / rootSum) * budgetPerBlock) >> 64n : mul(div(root << 32n, total), budgetPerBlock);
          payout = mul(budget, keep);
          toTreasury = fromFixed(mul(budget, t.treasuryRatio));
          v = sub(v1, min(deductible, payout));
          vDeductible = 0n;
        }
      } else if (r.state === 'MiningUnresponsive') {
        v = sub(r.v, mul(r.v, t.slashRate));
        vDeductible = 0n;
      } else continue;
      slot.payout = payout;
      const next = { ...r, v, vUpdatedAt: time, vDeductible };
      state.miners.set(slot.miner, next);
      slot.record = next;
      if (spendable < toTreasury) {
        if (seen === false) ctx.emit('InternalErrorMinerSettleFailed', UNSEEN);
        else {
          const worker = slot.worker;
          ctx.emit('InternalErrorMinerSettleFailed', () => (see(), { worker }));
          seen ??= false;
        }
        continue;
      }
      if (toTreasury > 0n) {
        if (seen === false) {
          foldedSum += toTreasury;
          foldedCount++;
        } else ledger.transfer(PHA, subsidyPool, treasury, toTreasury, name);
        if (!sameAccount) spendable -= toTreasury;
      }
      if (seen === false) ctx.emit('MinerSettled', UNSEEN);
      else {
        const miner = slot.miner;
        ctx.emit('MinerSettled', () => (see(), { miner, vBits: v, payoutBits: payout }));
        seen ??= false;
      }
    }
  } finally {
    state.rosterWriting = false;
  }
  if (foldedCount > 0) {
    ledger.transfer(PHA, subsidyPool, treasury, foldedSum, name);
    for (let i = 1; i < foldedCount; i++) ctx.emit('Transfer', UNSEEN);
  }

  // §7.21 step 4 / §6.9: the payouts into the pools, in worker-id order, summed per pool.
  const accs: Array<PoolAcc | undefined> = new Array(pools.length);
  const touched: PoolAcc[] = [];
  for (const slot of slots) {
    const st = slot.record.state;
    if (st !== 'MiningIdle' && st !== 'MiningUnresponsive') continue;
    const reward = fromFixed(slot.payout);
    if (slot.pool < 0) {
      const worker = slot.worker;
      ctx.emit('RewardDismissedNotInPool', seen === false ? UNSEEN : () => ({ worker, amount: reward }));
      continue;
    }
    if (reward === 0n) continue;
    let a = accs[slot.pool];
    if (a === undefined) {
      const pid = pools[slot.pool]!.pid;
      const pool = state.pools.get(pid)!;
      a = { pid, pool, book: state.book(pid), noShare: isDust(pool.totalShares), commission: pool.commission ?? 0, shares: 0n, rewardAcc: 0n, ownerReward: 0n, credited: 0n, written: false };
      if (!a.noShare) (a as { shares: Fx }).shares = toFixed(pool.totalShares);
      accs[slot.pool] = a;
    }
    const pid = a.pid;
    if (a.noShare) {
      ctx.emit('RewardDismissedNoShare', seen === false ? UNSEEN : () => ({ pid, amount: reward }));
      continue;
    }
    if (!a.written) {
      a.written = true;
      touched.push(a);
    }
    const commission = a.commission === 0 ? 0n : permillOf(a.commission, reward);
    const toStakers = commission === 0n ? reward : reward - commission;
    if (commission !== 0n) a.ownerReward += commission;
    let distributed = false;
    if (!isDust(toStakers)) {
      a.rewardAcc += div(toFixed(toStakers), a.shares);
      distributed = true;
    } else if (toStakers > 0n) {
      ctx.emit('RewardDismissedDust', seen === false ? UNSEEN : () => ({ pid, amount: toStakers }));
    }
    if (distributed || commission > 0n) ctx.emit('RewardReceived', seen === false ? UNSEEN : () => ({ pid, toOwner: commission, toStakers }));
    const credit = distributed ? (commission === 0n ? toStakers : commission + toStakers) : commission;
    if (credit !== 0n) a.credited += credit;
  }
  for (const a of touched) {
    state.pools.set(a.pid, { ...a.pool, ownerReward: a.pool.ownerReward + a.ownerReward, rewardAcc: add(a.pool.rewardAcc, a.rewardAcc) });
    state.rewardBooks.set(a.pid, { ...a.book, credited: a.book.credited + a.credited });
  }
}
