/**
 * Prover-pool benchmarks (rows of `npm run bench`; alone: node dist/src/bench/proverPool.draws.js).
 * Through the public Chain API as the simulator uses it: `trustedTx` (the agents' call: no
 * argument or address parsing), a chain built with `retainEvents: false, recordChanges: false`.
 *
 *  1. `assignProver` + `releaseProver` pairs at 32 and at 10,000 provers. Floor: what a pair
 *     cannot avoid: two keccaks (the seed and the backup seed) and the bare Fenwick tree's find
 *     plus the two capacity updates, at the same size.
 *  2. The block lifecycle at 32 provers: propose (draws its prover), prove, pass one block (the
 *     hook verifies). Floor: its four keccaks (seed, backup seed, the new block's hash, the L2
 *     hash of the proof).
 */
import { pathToFileURL } from 'node:url';
import { Chain } from '../chain/chain.js';
import { parseAddress, type Address } from '../kernel/index.js';
import { FenwickTree } from '../kernel/structures/fenwick.js';
import { keccakMicros } from './keccak.js';
import { formatTable, medianMicros, type BenchRow } from './row.js';

const T = 100_000_000n;

export function poolChain(provers: number, preset = 'taiko-a4'): Chain {
  const balances: Record<string, Record<string, bigint>> = { paul: { TKO: 10n ** 16n } };
  for (let k = 1; k <= provers; k++) balances[`prover${k}`] = { TKO: 100_000n * T };
  const chain = Chain.build(
    { mechanisms: { proverPool: { preset, maxProvers: provers } } },
    { time: 1_700_000_000, height: 1, balances },
    { retainEvents: false, recordChanges: false },
  );
  for (let k = 1; k <= provers; k++) {
    const o = chain.tx(`prover${k}`, 'proverPool.stake', { amount: BigInt(1000 + k) * T, rewardPerGas: 8 + (k % 5), maxCapacity: 1_000_000 });
    if (!o.ok) throw o.error;
  }
  return chain;
}

/** µs per assignProver + releaseProver pair. */
export function pairMicros(provers: number, n = 50_000, runs = 5): number {
  const chain = poolChain(provers);
  const protocol = parseAddress('protocol');
  return medianMicros(n, runs, (i) => {
    const o = chain.trustedTx(protocol, 'proverPool.assignProver', { blockId: BigInt(i + 1), feePerGas: 10 });
    if (!o.ok) throw o.error;
    const r = chain.trustedTx(protocol, 'proverPool.releaseProver', { addr: o.result!.prover });
    if (!r.ok) throw r.error;
  });
}

/** The bare data structure of a pair: find a weight position, take a unit, give it back. */
function fenwickPairMicros(provers: number): number {
  const tree = FenwickTree.from(Array.from({ length: provers }, (_, k) => BigInt(1000 + k) * 10n ** 14n));
  const total = tree.total();
  let x = 0x1234567890abcdefn;
  return medianMicros(200_000, 5, () => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    const i = tree.find(x % total);
    tree.add(i, -1n);
    tree.add(i, 1n);
  });
}

/** µs per lifecycle block (propose, prove, pass one block). */
export function lifecycleMicros(n = 30_000, runs = 5): number {
  const chain = poolChain(32);
  if (!chain.tx('paul', 'proverPool.depositTaikoToken', { amount: 10n ** 15n }).ok) throw new Error('deposit failed');
  const paul: Address = parseAddress('paul');
  const us = medianMicros(n, runs, (i) => {
    const p = chain.trustedTx(paul, 'proverPool.proposeBlock', {});
    if (!p.ok) throw p.error;
    const v = chain.trustedTx(p.result!.assignedProver, 'proverPool.proveBlock', { blockId: BigInt(i + 1), gasUsed: 1_000_000 });
    if (!v.ok) throw v.error;
    chain.advance({ seconds: 12, blocks: 1 });
  });
  // Verification runs inside the transactions (taiko-a4): every block is verified except those
  // whose proof is still in its cooldown (12 s blocks).
  const { proofRegularCooldown } = chain.paramsOf('proverPool') as { proofRegularCooldown: number };
  const state = chain.query('proverPool.getState').result as { lastVerifiedBlockId: number; numBlocks: number };
  if (state.lastVerifiedBlockId < state.numBlocks - 2 - Math.ceil(proofRegularCooldown / 12)) throw new Error(`lifecycle: only ${state.lastVerifiedBlockId} of ${state.numBlocks - 1} blocks verified`);
  const broken = chain.invariants();
  if (broken.length > 0) throw new Error(`lifecycle: ${broken.join('; ')}`);
  return us;
}

export function benchProverPool(): BenchRow[] {
  const k = keccakMicros();
  const rows: BenchRow[] = [];
  for (const provers of [32, 10_000]) {
    const us = pairMicros(provers);
    const floor = 2 * k + fenwickPairMicros(provers);
    rows.push({
      row: `assignProver + releaseProver, ${provers.toLocaleString('en')} provers`,
      value: us,
      unit: 'µs',
      floorLabel: '2 keccaks + Fenwick',
      floorValue: floor,
      target: { text: '≤ 6 µs', met: us <= 6 },
      note: `${Math.round(1e6 / us).toLocaleString('en')} pairs/s`,
    });
  }
  const us = lifecycleMicros();
  const perSecond = 1e6 / us;
  rows.push({
    row: 'block lifecycle, 32 provers',
    value: us,
    unit: 'µs',
    floorLabel: '4 keccaks',
    floorValue: 4 * k,
    target: { text: '≥ 60,000 blocks/s', met: perSecond >= 60_000 },
    note: `${Math.round(perSecond).toLocaleString('en')} blocks/s`,
  });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${formatTable(benchProverPool())}\n`);
}
