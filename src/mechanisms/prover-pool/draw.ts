import { bytesToBigInt, concatBytes, fromHex, keccak256, u256be, ZERO_ADDRESS, type Address } from '../../kernel/index.js';
import { linearFind } from '../../kernel/structures/fenwick.js';
import type { Pool } from './state.js';
import { erpgBounds, weights } from './weights.js';

export interface Draw {
  prover: Address;
  rewardPerGas: bigint;
  backupProver: Address;
  backupRewardPerGas: bigint;
}

export const NO_DRAW: Draw = { prover: ZERO_ADDRESS, rewardPerGas: 0n, backupProver: ZERO_ADDRESS, backupRewardPerGas: 0n };

/** seed = keccak256(parentHash ‖ u256be(blockId)) (a 64-byte preimage). */
export function drawSeed(parentHash: string, blockId: bigint): Uint8Array {
  return keccak256(concatBytes(fromHex(parentHash), u256be(blockId)));
}

/**
 * §5.0 `draw`: a weighted draw over the slots, seeded by the parent hash and the block id; the
 * chosen slot loses one unit of capacity. With a backup window, a second draw (keccak of the
 * seed) over the remaining weight picks the backup, never the primary, without using capacity.
 * Uses the Fenwick tree (O(log n)); `drawLinear` is the reference it must agree with.
 */
export function draw(pool: Pool, blockId: bigint, feePerGas: number): Draw {
  const { params, state } = pool;
  const bounds = erpgBounds(params, feePerGas);
  const { tree, w, e } = state.index.weightsFor(bounds, state.slots.toArray());
  const total = tree.total();
  if (total === 0n) return NO_DRAW;

  const seed = drawSeed(pool.ctx.clock.parentHash(), blockId);
  const i = tree.find(bytesToBigInt(seed) % total);
  const wi = w[i - 1]!;

  let backupProver = ZERO_ADDRESS;
  let backupRewardPerGas = 0n;
  if (params.backupWindowMultiplier > 0 && total - wi > 0n) {
    // Skip the primary without touching the tree: shift r2 past its range.
    let r2 = bytesToBigInt(keccak256(seed)) % (total - wi);
    if (r2 >= tree.prefix(i - 1)) r2 += wi;
    const j = tree.find(r2);
    backupProver = state.slot(j).owner;
    backupRewardPerGas = e[j - 1]!;
  }

  const chosen = state.slot(i);
  const rewardPerGas = e[i - 1]!;
  state.writeSlot(i, { ...chosen, currentCapacity: chosen.currentCapacity - 1 });
  return { prover: chosen.owner, rewardPerGas, backupProver, backupRewardPerGas };
}

/** Reference draw by linear scans over `weights(F)`; returns slot indices (0 = none) and erpgs. Pure. */
export function drawLinear(pool: Pool, blockId: bigint, feePerGas: number): { slot: number; e: bigint; backupSlot: number; backupE: bigint } {
  const { params, state } = pool;
  const { w, e } = weights(params, state.slots.toArray(), feePerGas);
  let total = 0n;
  for (const x of w) total += x;
  if (total === 0n) return { slot: 0, e: 0n, backupSlot: 0, backupE: 0n };
  const seed = drawSeed(pool.ctx.clock.parentHash(), blockId);
  const slot = linearFind(w, bytesToBigInt(seed) % total);
  const wi = w[slot - 1]!;
  let backupSlot = 0;
  if (params.backupWindowMultiplier > 0 && total - wi > 0n) {
    const r2 = bytesToBigInt(keccak256(seed)) % (total - wi);
    const others = w.map((x, k) => (k === slot - 1 ? 0n : x));
    backupSlot = linearFind(others, r2);
  }
  return { slot, e: e[slot - 1]!, backupSlot, backupE: backupSlot ? e[backupSlot - 1]! : 0n };
}
