import { bytesToBigInt, concatBytes, fromHex, keccak256, u256be, u256beInto, ZERO_ADDRESS, type Address, type Hex } from '../../kernel/index.js';
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

/** seed = keccak256(parentHash ‖ u256be(blockId)) (a 64-byte preimage): the plain form. */
export function drawSeed(parentHash: Hex, blockId: bigint): Uint8Array {
  return keccak256(concatBytes(fromHex(parentHash), u256be(blockId)));
}

/** The preimage is built in one reused buffer (hashing is synchronous, so calls never overlap). */
const seedPreimage = new Uint8Array(64);
/** `drawSeed` from the parent hash's bytes, without allocating the preimage (property-tested equal). */
export function drawSeedFast(parentHash: Uint8Array, blockId: bigint): Uint8Array {
  seedPreimage.set(parentHash, 0);
  u256beInto(seedPreimage, 32, blockId);
  return keccak256(seedPreimage);
}

/** The slots a draw picks (0 = none) and their erpgs: the same shape for the fast and the linear path. */
export interface DrawnSlots {
  slot: number;
  e: bigint;
  backupSlot: number;
  backupE: bigint;
}

const NO_SLOTS: DrawnSlots = { slot: 0, e: 0n, backupSlot: 0, backupE: 0n };

/**
 * The selection of §5.0 `draw` on the Fenwick tree (O(log n)); pure. With a backup window, a
 * second draw (keccak of the seed) over the remaining weight picks the backup, never the primary.
 * `drawLinear` is the reference it must agree with (checked by the invariants).
 */
export function drawSlots(pool: Pool, blockId: bigint, feePerGas: number): DrawnSlots {
  const { params, state } = pool;
  const { tree, w, e } = state.index.weightsFor(erpgBounds(params, feePerGas), state.slots.toArray());
  const total = tree.total();
  if (total === 0n) return NO_SLOTS;
  const seed = drawSeedFast(pool.ctx.clock.parentHashBytes(), blockId);
  const slot = tree.find(bytesToBigInt(seed) % total);
  const wi = w[slot - 1]!;
  let backupSlot = 0;
  if (params.backupWindowMultiplier > 0 && total - wi > 0n) {
    // Skip the primary without touching the tree: shift r2 past its range.
    let r2 = bytesToBigInt(keccak256(seed)) % (total - wi);
    if (r2 >= tree.prefix(slot - 1)) r2 += wi;
    backupSlot = tree.find(r2);
  }
  return { slot, e: e[slot - 1]!, backupSlot, backupE: backupSlot ? e[backupSlot - 1]! : 0n };
}

/** §5.0 `draw`: picks the slots, then the chosen slot loses one unit of capacity (the backup's does not). */
export function draw(pool: Pool, blockId: bigint, feePerGas: number): Draw {
  const { state } = pool;
  const d = drawSlots(pool, blockId, feePerGas);
  if (d.slot === 0) return NO_DRAW;
  const chosen = state.slot(d.slot);
  state.writeSlot(d.slot, { ...chosen, currentCapacity: chosen.currentCapacity - 1 });
  return {
    prover: chosen.owner,
    rewardPerGas: d.e,
    backupProver: d.backupSlot ? state.slot(d.backupSlot).owner : ZERO_ADDRESS,
    backupRewardPerGas: d.backupE,
  };
}

/** Reference draw by linear scans over `weights(F)`; returns slot indices (0 = none) and erpgs. Pure. */
export function drawLinear(pool: Pool, blockId: bigint, feePerGas: number): DrawnSlots {
  const { params, state } = pool;
  const { w, e } = weights(params, state.slots.toArray(), feePerGas);
  let total = 0n;
  for (const x of w) total += x;
  if (total === 0n) return NO_SLOTS;
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
