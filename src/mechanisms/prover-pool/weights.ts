import { wrapUint } from '../../kernel/index.js';
import type { ProverPoolParams } from './params.js';
import type { Slot } from './state.js';

export interface ErpgBounds {
  readonly lower: bigint;
  readonly upper: bigint;
}

/**
 * The clamp of the effective reward per gas (§5.0 `weights`). The products F × pct wrap at
 * `erpgBoundBits` exactly as the reference computes them unchecked (uint32 in alpha-4).
 */
export function erpgBounds(params: ProverPoolParams, feePerGas: number): ErpgBounds {
  const f = BigInt(feePerGas);
  return {
    upper: wrapUint(f * params.erpgUpperPct, params.erpgBoundBits) / 100n,
    lower: wrapUint(f * params.erpgLowerPct, params.erpgBoundBits) / 100n,
  };
}

/** Weight and erpg of one slot: stake / erpg / erpg (at least 1), 0 without capacity or at erpg 0. */
export function slotWeight(slot: Slot, b: ErpgBounds): { w: bigint; e: bigint } {
  if (slot.currentCapacity === 0) return { w: 0n, e: 0n };
  const rpg = BigInt(slot.rewardPerGas);
  const e = rpg > b.upper ? b.upper : rpg < b.lower ? b.lower : rpg;
  if (e === 0n) return { w: 0n, e: 0n };
  const w = slot.stakedAmount / e / e;
  return { w: w === 0n ? 1n : w, e };
}

/** Reference `weights(F)` over all slots (linear). */
export function weights(params: ProverPoolParams, slots: readonly Slot[], feePerGas: number): { w: bigint[]; e: bigint[] } {
  const b = erpgBounds(params, feePerGas);
  const w: bigint[] = [];
  const e: bigint[] = [];
  for (const s of slots) {
    const x = slotWeight(s, b);
    w.push(x.w);
    e.push(x.e);
  }
  return { w, e };
}
