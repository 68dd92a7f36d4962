import { addToAccount } from './economy.js';
import { computeSettlements } from './computeSettlements.js';
import { add, div, fromFixed, int, isDust, isqrtU, MAX_FX, min, mul, ONE, permillOf, PICO_PER_PHA, sub, toFixed, wrapFx, type Fx } from './fixed.js';
import { applySettlements } from './settle.js';
import { now, PHA, type MinerRecord, type PoolRecord, type RewardBook, type Sp } from './state.js';
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
 * per-worker terms that depend only on `pInit` are memoised; each worker-block writes one record
 * and nothing else (treasury parts and pool rewards are summed, pools written once).
 *
 * Measured (40,000 workers, 200 pools, 2-core dev machine shared with another job, change sets
 * off): ≈ 50–55 ms per block (≈ 72 ms with change sets), against ≈ 210–230 ms for the reference
 * path in the same process and ≈ 28–30 ms for the bare settlement math (`settlementFloor` in
 * the computation bench); the engine before this path: ≈ 265 ms. README.
 */
function runComputationFast(sp: Sp): void {
  const { state, params, ctx } = sp;
  const t = params.tokenomic;
  const { slots, byId, pools } = state.roster();
  const n = slots.length;

  // Step 2: shares of the responsive workers and their sum S. A share is isqrt(·)·2^32; the
  // roots are kept and summed instead (S = R·2^32 unless that wraps, which takes 2^32 workers),
  // so that each worker's div(share, S) is one division: floor(r·2^64 / R).
  let rootSum = 0n;
  for (let i = 0; i < n; i++) {
    const slot = slots[i]!;
    const r = slot.record;
    if (r.state !== 'MiningIdle') continue;
    if (r.pInit !== slot.pInit) memoPInit(slot, t, r.pInit);
    const v = r.v;
    const root = isqrtU(slot.xx === 0n ? mul(v, v) : add(mul(v, v), slot.xx));
    slot.share = root;
    rootSum += root;
  }
  const total = wrapFx(rootSum << 32n);
  const exactTotal = total === rootSum << 32n;

  const budgetPerBlock = state.budgetPerBlock.get();
  const growth = sub(t.rho, ONE);
  const keep = sub(ONE, t.treasuryRatio);
  const time = now(sp);
  const { subsidyPool, treasury } = params;
  const ledger = ctx.ledger;
  const name = ctx.name;

  // Whether anyone observes events, learnt from the first event's builder (the kernel calls a
  // builder only then). Unobserved, order between events is invisible: the treasury parts are
  // summed into one transfer at the end (same balances, one undo record per account either way;
  // the other Transfer events are only counted, as the kernel counts them) and each payout is
  // credited in the same loop. Observed, every transfer is made and every payout credited after
  // all settlements, as the reference does.
  let seen: boolean | undefined;
  const see = () => void (seen = true);

  // §7.21 step 4 / §6.9 for one settlement, summed per pool (observed: in worker-id order after
  // all settlements; unobserved: as the loop goes, the sums commute).
  const accs: Array<PoolAcc | undefined> = new Array(pools.length);
  const touched: PoolAcc[] = [];
  const credit = (slot: RosterSlot, reward: bigint): void => {
    if (slot.pool < 0) {
      const worker = slot.worker;
      ctx.emit('RewardDismissedNotInPool', seen === false ? UNSEEN : () => ({ worker, amount: reward }));
      return;
    }
    if (reward === 0n) return;
    let a = accs[slot.pool];
    if (a === undefined) {
      const pid = pools[slot.pool]!.pid;
      const pool = state.pools.get(pid)!;
      const noShare = isDust(pool.totalShares);
      a = { pid, pool, book: state.book(pid), noShare, commission: pool.commission ?? 0, shares: noShare ? 0n : toFixed(pool.totalShares), rewardAcc: 0n, ownerReward: 0n, credited: 0n, written: false };
      accs[slot.pool] = a;
    }
    const pid = a.pid;
    if (a.noShare) {
      ctx.emit('RewardDismissedNoShare', seen === false ? UNSEEN : () => ({ pid, amount: reward }));
      return;
    }
    if (!a.written) {
      a.written = true;
      touched.push(a);
    }
    const commission = a.commission === 0 ? 0n : permillOf(a.commission, reward);
    const toStakers = commission === 0n ? reward : reward - commission;
    let credited = commission;
    if (!isDust(toStakers)) {
      a.rewardAcc += div(toFixed(toStakers), a.shares);
      credited = commission === 0n ? toStakers : commission + toStakers;
    } else if (toStakers > 0n) {
      ctx.emit('RewardDismissedDust', seen === false ? UNSEEN : () => ({ pid, amount: toStakers }));
    }
    if (credited !== 0n) {
      // Distributed, or a commission taken (a dust remainder is reported, not credited).
      ctx.emit('RewardReceived', seen === false ? UNSEEN : () => ({ pid, toOwner: commission, toStakers }));
      a.credited += credited;
      if (commission !== 0n) a.ownerReward += commission;
    }
  };

  // Step 3 and §7.21 step 3 for one slot: V, the treasury part, MinerSettled. Only these
  // transfers move the subsidy account's balance here: `paid` (what left it so far) against its
  // spendable balance at the start is the reference's check (nothing leaves it when it is the treasury).
  const spendable = ledger.spendable(PHA, subsidyPool);
  const sameAccount = subsidyPool === treasury;
  let paid = 0n;
  /** Treasury parts settled (also to itself, when the subsidy account is the treasury): economy §2. */
  let toTreasuryTotal = 0n;
  let paidBeforeFold = 0n;
  let folded = 0;
  const settle = (slot: RosterSlot): void => {
    const r = slot.record;
    let v: Fx;
    let vDeductible: Fx;
    let payout = 0n;
    let toTreasury = 0n;
    if (r.state === 'MiningIdle') {
      const dv = add(mul(growth, r.v), slot.cost);
      const v1 = min(add(r.v, dv), t.vMax);
      const deductible = r.vDeductible === 0n ? dv : add(r.vDeductible, dv);
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
    } else return;
    const next: MinerRecord = slot.ordered
      ? { pid: r.pid, worker: r.worker, state: r.state, stake: r.stake, ve: r.ve, v, vUpdatedAt: time, coolDownStart: r.coolDownStart, pInit: r.pInit, vDeductible }
      : { ...r, v, vUpdatedAt: time, vDeductible };
    state.miners.set(slot.miner, next);
    slot.record = next;
    const after = toTreasury === 0n || sameAccount ? paid : paid + toTreasury;
    if (after > spendable || (sameAccount && toTreasury > spendable)) {
      if (seen === false) ctx.emit('InternalErrorMinerSettleFailed', UNSEEN);
      else {
        const worker = slot.worker;
        ctx.emit('InternalErrorMinerSettleFailed', () => (see(), { worker }));
      }
    } else {
      if (toTreasury !== 0n) {
        toTreasuryTotal += toTreasury;
        if (seen === false) folded++;
        else ledger.transfer(PHA, subsidyPool, treasury, toTreasury, name);
        paid = after;
      }
      if (seen === false) ctx.emit('MinerSettled', UNSEEN);
      else {
        const miner = slot.miner;
        ctx.emit('MinerSettled', () => (see(), { miner, vBits: v, payoutBits: payout }));
      }
    }
    if (seen === undefined) {
      seen = false;
      paidBeforeFold = paid;
    }
    if (seen === false) credit(slot, payout === 0n ? 0n : fromFixed(payout));
    else slot.payout = payout;
  };

  // The order: worker ids up to the first settlement, whose event tells whether anyone observes.
  // Then, unobserved and with the subsidy account able to pay the whole block's treasury parts
  // (so no check can fail and nothing depends on the order), storage order; otherwise worker ids.
  // Σ fromFixed(mul(budget_i, ratio)) ≤ fromFixed(mul(B, ratio)) as Σ budget_i ≤ B, when nothing wraps.
  const treasuryBound = (budgetPerBlock * t.treasuryRatio) >> 64n;
  const orderFree = exactTotal && treasuryBound <= MAX_FX && treasuryBound * PICO_PER_PHA <= MAX_FX && fromFixed(treasuryBound) <= spendable;
  state.rosterWriting = true;
  try {
    let i = 0;
    while (i < n && seen === undefined) settle(byId[i++]!);
    const first = byId[i - 1];
    if (seen === false && orderFree) {
      for (let k = 0; k < n; k++) if (slots[k] !== first) settle(slots[k]!);
    } else {
      while (i < n) settle(byId[i++]!);
    }
  } finally {
    state.rosterWriting = false;
  }
  if (folded > 0) {
    // Transfers from the subsidy account to itself leave every balance as it was (and their sum
    // may exceed what one transfer could move): then they are only counted.
    let counted = 0;
    if (!sameAccount) {
      ledger.transfer(PHA, subsidyPool, treasury, paid - paidBeforeFold, name);
      counted = 1;
    }
    for (; counted < folded; counted++) ctx.emit('Transfer', UNSEEN);
  }
  // Observed: the payouts after all settlements, in worker-id order, as the reference does.
  if (seen === true) {
    for (let k = 0; k < n; k++) {
      const slot = byId[k]!;
      const st = slot.record.state;
      if (st === 'MiningIdle' || st === 'MiningUnresponsive') credit(slot, slot.payout === 0n ? 0n : fromFixed(slot.payout));
    }
  }
  let creditedTotal = 0n;
  for (const a of touched) {
    state.pools.set(a.pid, { ...a.pool, ownerReward: a.pool.ownerReward + a.ownerReward, rewardAcc: add(a.pool.rewardAcc, a.rewardAcc) });
    state.rewardBooks.set(a.pid, { ...a.book, credited: a.book.credited + a.credited });
    creditedTotal += a.credited;
  }
  // The economic account, once per block, as applySettlements writes it.
  if (toTreasuryTotal > 0n || creditedTotal > 0n) {
    addToAccount(sp, { toTreasury: toTreasuryTotal, rewardsToStakers: creditedTotal, subsidyOther: sameAccount ? toTreasuryTotal : 0n });
  }
}
