import { FenwickTree } from '../../kernel/structures/fenwick.js';
import { MinTree } from '../../kernel/structures/minTree.js';
import type { Slot } from './state.js';
import { slotWeight, type ErpgBounds } from './weights.js';

/**
 * Caches over the slots that make `stake` and the draw O(log n) (§3.1). Not part of the state
 * root: they are rebuilt or updated from slot writes (and their rollbacks) only.
 *
 * - `minStake`: (stakedAmount, index) minima for the slot choice of `enterPool`.
 * - `capacity`: running Σ currentCapacity for `getCapacity`.
 * - `weights`: Fenwick tree of weights for one pair of erpg bounds; a draw at other bounds
 *   rebuilds it in O(n) (fee changes are rare next to draws; see the performance note in README).
 */
export class SlotIndex {
  readonly minStake: MinTree;
  capacity = 0;
  private weightsCache: { bounds: ErpgBounds; tree: FenwickTree; w: bigint[]; e: bigint[] } | undefined;

  constructor(readonly size: number) {
    this.minStake = new MinTree(size, 0n);
  }

  onWrite(i: number, prev: Slot, next: Slot): void {
    if (prev.stakedAmount !== next.stakedAmount) this.minStake.set(i, next.stakedAmount);
    this.capacity += next.currentCapacity - prev.currentCapacity;
    const c = this.weightsCache;
    if (c) {
      const { w, e } = slotWeight(next, c.bounds);
      c.tree.add(i, w - c.w[i - 1]!);
      c.w[i - 1] = w;
      c.e[i - 1] = e;
    }
  }

  /** The current weight cache, if any (for the invariant that it agrees with the linear weights). */
  cachedWeights(): { bounds: ErpgBounds; tree: FenwickTree } | undefined {
    return this.weightsCache;
  }

  /** The weight tree for `bounds`, rebuilt from `slots` when the cached bounds differ. */
  weightsFor(bounds: ErpgBounds, slots: readonly Slot[]): { tree: FenwickTree; w: readonly bigint[]; e: readonly bigint[] } {
    const c = this.weightsCache;
    if (c && c.bounds.lower === bounds.lower && c.bounds.upper === bounds.upper) return c;
    const w: bigint[] = new Array(slots.length);
    const e: bigint[] = new Array(slots.length);
    for (let k = 0; k < slots.length; k++) {
      const x = slotWeight(slots[k]!, bounds);
      w[k] = x.w;
      e[k] = x.e;
    }
    const fresh = { bounds, tree: FenwickTree.from(w), w, e };
    this.weightsCache = fresh;
    return fresh;
  }
}
