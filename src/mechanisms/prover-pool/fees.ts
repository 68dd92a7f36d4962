import { checkedMul, checkedUint } from '../../kernel/index.js';
import type { ProverPoolParams } from './params.js';

/** §5.0 `blockFee`: F × (gas + anchorGas + blockFeeBaseGas), every step checked at feeMathBits. */
export function blockFee(params: ProverPoolParams, feePerGas: number | bigint, gas: number): bigint {
  const bits = params.feeMathBits;
  const totalGas = checkedUint(BigInt(gas) + BigInt(params.anchorGas), bits, 'gas');
  const withBase = checkedUint(totalGas + BigInt(params.blockFeeBaseGas), bits, 'gas');
  return checkedMul(BigInt(feePerGas), withBase, bits, 'block fee');
}

/** §5.0 `proofWindowFor`: avg × multiplier / 100, clamped to [proofMinWindow, proofMaxWindow]. */
export function proofWindowFor(params: ProverPoolParams, avg: number): number {
  const raw = Math.floor((avg * params.proofWindowMultiplier) / 100);
  return Math.max(Math.min(raw, params.proofMaxWindow), params.proofMinWindow);
}

/** §5.0 `backupWindowFor`: at least the proof window. */
export function backupWindowFor(params: ProverPoolParams, avg: number, proofWindow: number): number {
  return Math.max(proofWindow, Math.floor((avg * params.backupWindowMultiplier) / 100));
}

/** §5.0 `MA`: the moving average; keeps the old value when the result would be 0. */
export function movingAverage(params: ProverPoolParams, m: bigint, x: bigint): bigint {
  if (m === 0n) return x;
  const factor = BigInt(params.movingAverageFactor);
  const q = (m * (factor - 1n) + x) / factor;
  return q > 0n ? q : m;
}
