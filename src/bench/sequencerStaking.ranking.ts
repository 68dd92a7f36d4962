import { pathToFileURL } from 'node:url';
import { addressOf, Journal, type Address } from '../kernel/index.js';
import { RankIndex } from '../mechanisms/sequencer-staking/rankIndex.js';
import { downwardPass, linearDownward, linearUpward, startSort, upwardPass } from '../mechanisms/sequencer-staking/ranking.js';

/**
 * Ranking cost at n stakers (node dist/src/bench/sequencerStaking.ranking.js [n] [ops]; defaults
 * 10,000 and 20,000, as `npm run bench:sequencer` runs it). Delegations and undelegations with
 * random amounts after the start, on the O(log n) index and on the literal linear passes, checking
 * that both give the same order. Deterministic (LCG), no wall clock in protocol code: timing
 * lives in this script only.
 */
function main(n: number, ops: number): void {
  let seed = 12345;
  const rnd = (m: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  const stakers: Address[] = Array.from({ length: n }, (_, i) => addressOf(`bench${i}`));
  const totals = new Map<Address, bigint>();
  for (const a of stakers) totals.set(a, BigInt(1 + rnd(1000)) * 10n ** 18n);
  const total = (a: Address) => totals.get(a) ?? 0n;
  const journal = new Journal();
  const index = new RankIndex(journal, 'ranking');
  let t0 = performance.now();
  const sorted = startSort(stakers, total);
  const sortMs = performance.now() - t0;
  index.replaceAll(sorted);
  const linear = [...sorted];
  const plan = Array.from({ length: ops }, () => ({ who: stakers[rnd(n)]!, up: rnd(2) === 0, amount: BigInt(1 + rnd(50)) * 10n ** 17n }));

  // Both paths see the same totals: apply the change, then each structure's pass.
  let fast = 0;
  let slow = 0;
  for (const p of plan) {
    const old = total(p.who);
    const next = p.up ? old + p.amount : old > p.amount ? old - p.amount : old;
    if (next === old) continue;
    totals.set(p.who, next);
    t0 = performance.now();
    const r = index.rankOf(p.who);
    if (p.up && r > 1) upwardPass(index, total, r);
    if (!p.up && r < n) downwardPass(index, total, r, n);
    fast += performance.now() - t0;
    t0 = performance.now();
    const rl = linear.indexOf(p.who) + 1; // the release keeps rankings in a map; indexOf stands for that lookup
    if (p.up && rl > 1) linearUpward(linear, total, rl);
    if (!p.up && rl < n) linearDownward(linear, total, rl, n);
    slow += performance.now() - t0;
  }
  const same = index.toArray().every((a, i) => a === linear[i]);
  console.log(
    JSON.stringify({ stakers: n, operations: ops, startSortMs: +sortMs.toFixed(1), indexUsPerOp: +((fast * 1000) / ops).toFixed(2), linearUsPerOp: +((slow * 1000) / ops).toFixed(2), sameOrder: same }),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 20_000));
