import { fromHex, keccakText, keccakUtf8, toHex, type Hex } from './bytes.js';
import type { JCell, JMap } from './journal.js';
import type { Scope } from './store.js';

/** The hash of base-layer block `height` unless a scenario set it: keccak-256 of "block:<height>". */
export function defaultBlockHash(height: number): Hex {
  return keccakText(`block:${height}`);
}

/**
 * A pure function memoised in a small direct-mapped table: every transaction of a block asks for
 * the same parent hash, and recomputing it was a third of a draw's hashing. Deterministic: the
 * table holds only (height, hash) pairs of the function above.
 */
const MEMO_SLOTS = 64;
const memoHeight = new Float64Array(MEMO_SLOTS).fill(-1);
const memoHash: Hex[] = new Array<Hex>(MEMO_SLOTS);
const memoBytes: Uint8Array[] = new Array<Uint8Array>(MEMO_SLOTS);
function memoSlot(height: number): number {
  const i = height % MEMO_SLOTS;
  if (memoHeight[i] !== height) {
    const bytes = keccakUtf8(`block:${height}`);
    memoHeight[i] = height;
    memoHash[i] = toHex(bytes);
    memoBytes[i] = bytes;
  }
  return i;
}

/**
 * The chain clock: `time` in seconds and `height`, the base-layer block in which the next
 * transactions run. Passing a block closes block `height` (its hooks run) and opens `height + 1`;
 * the hash of the block just closed is the parent hash of the transactions that follow.
 */
export class Clock {
  private readonly timeCell: JCell<number>;
  private readonly heightCell: JCell<number>;
  /** Only hashes a scenario set explicitly; every other hash is derived. */
  private readonly customHashes: JMap<number, Hex>;

  constructor(store: Scope, time: number, height: number) {
    this.timeCell = store.cell('time', time);
    this.heightCell = store.cell('height', height);
    this.customHashes = store.map('blockHashes');
  }

  get time(): number {
    return this.timeCell.get();
  }
  get height(): number {
    return this.heightCell.get();
  }

  blockHash(height: number): Hex {
    return this.customHashes.get(height) ?? memoHash[memoSlot(height)]!;
  }

  /** Hash of block `height − 1`: the parent of the block the current transaction runs in. */
  parentHash(): Hex {
    return this.blockHash(this.height - 1);
  }

  /**
   * `parentHash()` as 32 bytes. Read-only: the array is shared. A hash a scenario set is decoded
   * once per distinct text, so one it sets (or a rollback puts back) is never served stale.
   */
  parentHashBytes(): Uint8Array {
    const h = this.height - 1;
    const custom = this.customHashes.get(h);
    if (custom === undefined) return memoBytes[memoSlot(h)]!;
    if (custom !== this.customHex) {
      this.customBytes = fromHex(custom);
      this.customHex = custom;
    }
    return this.customBytes;
  }
  private customHex: Hex | undefined;
  private customBytes: Uint8Array = new Uint8Array(32);

  setTime(time: number): void {
    this.timeCell.set(time);
  }

  /** Closes the current block (optionally fixing its hash) and opens the next one. */
  nextBlock(hash?: Hex): void {
    if (hash !== undefined) this.customHashes.set(this.height, hash);
    this.heightCell.set(this.height + 1);
  }
}
