/**
 * Ranking cost at n stakers (node dist/src/bench/sequencerStaking.ranking.js [n] [ops]; defaults
 * 10,000 and 20,000, as `npm run bench:sequencer` runs it).
 *
 * 1. `startReward`'s order of n stakers with random totals (1–1000 MORPH: many ties): the
 *    O(n log n) path (median of 5) against the literal exchange sort (same order checked).
 * 2. Delegations and undelegations with random amounts after the start, on the O(log n) index and
 *    on the literal linear passes, checking that both give the same order.
 * 3. `delegateStake` through the protocol (`chain.trustedTx`, a chain built with `retainEvents:
 *    false, recordChanges: false`) at n L2 stakers, against the bare index move (the floor).
 *    L1 has 255 slots, so L2 cannot reach 10,000 stakers through `register`: the bench queues the
 *    bridge's addStaker messages directly and lets the block hook deliver them (the L2 side of the
 *    protocol from there on), then every staker gets a delegation, then `startReward`.
 *
 * Deterministic (LCG), no wall clock in protocol code: timing lives in this script only.
 * `benchSequencerRanking` returns the rows for a combined table; importing the module runs nothing.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Chain } from '../chain/chain.js';
import { addressOf, Journal, keccakText, type Address, type Hex, type JCell, type JList } from '../kernel/index.js';
import { RankIndex } from '../mechanisms/sequencer-staking/rankIndex.js';
import { downwardPass, linearDownward, linearUpward, startRewardOrder, startRewardOrderLiteral, upwardPass } from '../mechanisms/sequencer-staking/ranking.js';
import type { BridgeMessage } from '../mechanisms/sequencer-staking/state.js';
import type { BenchRow } from './row.js';

const E = 10n ** 18n;

function lcg(seed: number): (m: number) => number {
  return (m) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
}

interface RankingResult {
  startSortMs: number;
  startSortLiteralMs: number;
  plainSortMs: number;
  indexUsPerOp: number;
  linearUsPerOp: number;
  upwardIndexUsPerOp: number;
  sameOrder: boolean;
}

/** Parts 1 and 2: the ranking layer alone. */
function rankingLayer(n: number, ops: number, literal: boolean): RankingResult {
  const rnd = lcg(12345);
  const stakers: Address[] = Array.from({ length: n }, (_, i) => addressOf(`bench${i}`));
  const totals = new Map<Address, bigint>();
  for (const a of stakers) totals.set(a, BigInt(1 + rnd(1000)) * E);
  const total = (a: Address) => totals.get(a) ?? 0n;
  // Median of 5 (the literal sort runs once: it takes ≈ 200 ms).
  const med = (f: () => void) => {
    const xs = Array.from({ length: 5 }, () => {
      const t = performance.now();
      f();
      return performance.now() - t;
    }).sort((x, y) => x - y);
    return xs[2]!;
  };
  const plainSortMs = med(() => stakers.map(total).sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
  const startSortMs = med(() => startRewardOrder(stakers, total));
  const sorted = startRewardOrder(stakers, total);
  let t0 = 0;
  let startSortLiteralMs = NaN;
  let sameOrder = true;
  if (literal) {
    t0 = performance.now();
    const ref = startRewardOrderLiteral(stakers, total);
    startSortLiteralMs = performance.now() - t0;
    sameOrder = ref.every((a, i) => a === sorted[i]);
  }
  const index = new RankIndex(new Journal(), 'ranking');
  index.replaceAll(sorted);
  const linear = [...sorted];
  const plan = Array.from({ length: ops }, () => ({ who: stakers[rnd(n)]!, up: rnd(2) === 0, amount: BigInt(1 + rnd(50)) * 10n ** 17n }));

  // Both paths see the same totals: apply the change, then each structure's pass.
  let fast = 0;
  let slow = 0;
  let up = 0;
  let ups = 0;
  for (const p of plan) {
    const old = total(p.who);
    const next = p.up ? old + p.amount : old > p.amount ? old - p.amount : old;
    if (next === old) continue;
    totals.set(p.who, next);
    t0 = performance.now();
    const r = index.rankOf(p.who);
    if (p.up && r > 1) upwardPass(index, total, r);
    if (!p.up && r < n) downwardPass(index, total, r, n);
    const dt = performance.now() - t0;
    fast += dt;
    if (p.up) {
      up += dt;
      ups++;
    }
    if (!literal) continue;
    t0 = performance.now();
    const rl = linear.indexOf(p.who) + 1; // the release keeps rankings in a map; indexOf stands for that lookup
    if (p.up && rl > 1) linearUpward(linear, total, rl);
    if (!p.up && rl < n) linearDownward(linear, total, rl, n);
    slow += performance.now() - t0;
  }
  if (literal) sameOrder &&= index.toArray().every((a, i) => a === linear[i]);
  return {
    startSortMs,
    startSortLiteralMs,
    plainSortMs,
    indexUsPerOp: (fast * 1000) / ops,
    linearUsPerOp: literal ? (slow * 1000) / ops : NaN,
    upwardIndexUsPerOp: (up * 1000) / ups,
    sameOrder,
  };
}

/** Part 3: µs per delegateStake through the chain at n L2 stakers (after the start). */
export function delegationThroughChain(n: number, ops: number, warmup = 2_000): { usPerOp: number; startRewardMs: number } {
  const rnd = lcg(4242);
  const delegators = Array.from({ length: 1000 }, (_, i) => addressOf(`bench-delegator-${i}`));
  const balances: Record<string, Record<string, bigint>> = {};
  for (const d of delegators) balances[d] = { MORPH: 10n ** 5n * E }; // 10^8 MORPH in all, of the 10^9 initial supply
  const chain = Chain.build({ mechanisms: { sequencerStaking: { preset: 'morph-v0.4' } } }, { time: 0, height: 1, balances }, { retainEvents: false, recordChanges: false });
  const queue = chain.store.get('sequencerStaking/queue') as JList<BridgeMessage>;
  const nextSeq = chain.store.get('sequencerStaking/nextMessageSeq') as JCell<number>;
  const stakers = Array.from({ length: n }, (_, i) => addressOf(`bench-staker-${i}`));
  // Delivered by the block hook in batches (a shift from the queue touches every later entry).
  for (let from = 0; from < n; from += 500) {
    chain.journal.atomic(() => {
      for (let i = from; i < Math.min(n, from + 500); i++) {
        const addr = stakers[i]!;
        const blsKey = `${keccakText(`bls:${addr}`)}${'00'.repeat(16)}` as Hex;
        queue.push({ seq: i, kind: 'addStaker', payload: { addr, tmKey: keccakText(`tm:${addr}`), blsKey }, sentAt: chain.height, deliverAt: chain.height + 1 });
      }
      nextSeq.set(Math.min(n, from + 500));
    });
    chain.advance({ blocks: 1 });
  }
  const ok = (o: ReturnType<Chain['trustedTx']>) => {
    if (!o.ok) throw o.error;
  };
  for (let i = 0; i < n; i++) ok(chain.trustedTx(delegators[i % delegators.length]!, 'sequencerStaking.delegateStake', { delegatee: stakers[i]!, amount: BigInt(1 + rnd(1000)) * E }));
  chain.advance({ to: { time: 86_400 } });
  let t0 = performance.now();
  ok(chain.trustedTx(addressOf('owner'), 'sequencerStaking.startReward', {}));
  const startRewardMs = performance.now() - t0;
  const plan = Array.from({ length: warmup + ops }, () => ({ from: delegators[rnd(delegators.length)]!, to: stakers[rnd(n)]!, amount: BigInt(1 + rnd(50)) * 10n ** 17n }));
  const delegate = (p: (typeof plan)[number]) => ok(chain.trustedTx(p.from, 'sequencerStaking.delegateStake', { delegatee: p.to, amount: p.amount }));
  plan.slice(0, warmup).forEach(delegate); // untimed: the JIT settles
  t0 = performance.now();
  plan.slice(warmup).forEach(delegate);
  const usPerOp = ((performance.now() - t0) * 1000) / ops;
  const problems = chain.invariants('cheap');
  if (problems.length > 0) throw new Error(`invariants after the bench: ${problems.join('; ')}`);
  return { usPerOp, startRewardMs };
}

/**
 * Rows at n stakers (default 10,000): delegateStake through the chain (floor: the index move of an
 * upward delegation alone), startReward's order (floor: a plain sort of the n totals) and the
 * literal exchange sort it replaces (the reference, for the ratio).
 */
export function benchSequencerRanking(n = 10_000, ops = 20_000): BenchRow[] {
  const layer = rankingLayer(n, ops, true);
  const chain = delegationThroughChain(n, ops);
  const k = n.toLocaleString('en');
  return [
    {
      row: `sequencer delegation at ${k} stakers (delegateStake via trustedTx)`,
      value: +chain.usPerOp.toFixed(1),
      unit: 'µs',
      floorLabel: 'rank index move alone (rankOf + remove + count + insert)',
      floorValue: +layer.upwardIndexUsPerOp.toFixed(1),
    },
    {
      row: `sequencer startReward order at ${k} stakers`,
      value: +layer.startSortMs.toFixed(2),
      unit: 'ms',
      floorLabel: 'Array.prototype.sort of the totals',
      floorValue: +layer.plainSortMs.toFixed(2),
    },
    { row: `sequencer startReward order at ${k} stakers, literal exchange sort (reference)`, value: +layer.startSortLiteralMs.toFixed(1), unit: 'ms' },
  ];
}

function main(n: number, ops: number): void {
  const layer = rankingLayer(n, ops, true);
  const chain = delegationThroughChain(n, ops);
  const r = (x: number) => +x.toFixed(2);
  console.log(
    JSON.stringify({
      stakers: n,
      operations: ops,
      startSortMs: r(layer.startSortMs),
      startSortLiteralMs: r(layer.startSortLiteralMs),
      plainSortMs: r(layer.plainSortMs),
      indexUsPerOp: r(layer.indexUsPerOp),
      linearUsPerOp: r(layer.linearUsPerOp),
      upwardIndexUsPerOp: r(layer.upwardIndexUsPerOp),
      sameOrder: layer.sameOrder,
      delegateStakeUsPerOp: r(chain.usPerOp),
      startRewardTxMs: r(chain.startRewardMs),
    }),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 20_000));
