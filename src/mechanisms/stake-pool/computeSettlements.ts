import { add, div, int, min, mul, ONE, sub } from './fixed.js';
import type { Settlement } from './settle.js';
import { isMining, type MinerRecord, type Sp } from './state.js';
import { gatekeeperConfidence, workerShare } from './workerShare.js';

/**
 * §9 steps 1–3: one settlement per mining worker, in ascending worker-id order, so that the
 * result does not depend on the order in which workers joined pools (the only cross-worker term,
 * the share sum S, is an exact integer sum). Each settlement also carries the record's new
 * `vDeductible`. Reads state, writes nothing.
 *
 * Cost: O(n) per block, one integer square root per computing worker; the order of bound workers
 * is sorted once per change of the bindings (`boundWorkersSorted`). The plain form of §9: the block
 * hook runs the fast path of `runComputation.ts`, tested equal to this one (README).
 */
export function computeSettlements(sp: Sp): Settlement[] {
  const { state, params } = sp;
  const t = params.tokenomic;
  // Step 1: mining records of bound workers, ordered by worker id. Hex ids are lower-case and of
  // equal length, so code-unit order is byte order.
  const mining: MinerRecord[] = [];
  for (const [, miner] of state.boundWorkersSorted()) {
    const r = state.miners.get(miner)!;
    if (isMining(r.state)) mining.push(r);
  }
  // Step 2: computing-power shares of the responsive workers and their sum.
  const shares = mining.map((r) =>
    r.state === 'MiningIdle' ? workerShare(r.v, r.pInit, gatekeeperConfidence(state.workers.get(r.worker)!.confidenceLevel)) : 0n,
  );
  let total = 0n;
  for (const share of shares) total = add(total, share);
  // Step 3: V growth, payouts (treasury first) and V decay.
  const budgetPerBlock = state.budgetPerBlock.get();
  const growth = sub(t.rho, ONE);
  const keep = sub(ONE, t.treasuryRatio);
  const out: Settlement[] = [];
  for (const [i, r] of mining.entries()) {
    if (r.state === 'MiningUnresponsive') {
      out.push({ worker: r.worker, v: sub(r.v, mul(r.v, t.slashRate)), payout: 0n, treasury: 0n, vDeductible: 0n });
      continue;
    }
    const dv = add(mul(growth, r.v), add(mul(t.costK, int(r.pInit)), t.costB));
    const v1 = min(add(r.v, dv), t.vMax);
    const deductible = add(r.vDeductible, dv);
    const share = shares[i]!;
    if (total === 0n || share === 0n || deductible === 0n) {
      out.push({ worker: r.worker, v: v1, payout: 0n, treasury: 0n, vDeductible: deductible });
      continue;
    }
    const budget = mul(div(share, total), budgetPerBlock);
    const payout = mul(budget, keep);
    out.push({ worker: r.worker, v: sub(v1, min(deductible, payout)), payout, treasury: mul(budget, t.treasuryRatio), vDeductible: 0n });
  }
  return out;
}
