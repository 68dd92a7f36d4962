import { keccakText, type Hex } from './bytes.js';
import type { JCell, JMap } from './journal.js';
import type { Scope } from './store.js';

/** The hash of base-layer block `height` unless a scenario set it: keccak-256 of "block:<height>". */
export function defaultBlockHash(height: number): Hex {
  return keccakText(`block:${height}`);
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
    return this.customHashes.get(height) ?? defaultBlockHash(height);
  }

  /** Hash of block `height − 1`: the parent of the block the current transaction runs in. */
  parentHash(): Hex {
    return this.blockHash(this.height - 1);
  }

  setTime(time: number): void {
    this.timeCell.set(time);
  }

  /** Closes the current block (optionally fixing its hash) and opens the next one. */
  nextBlock(hash?: Hex): void {
    if (hash !== undefined) this.customHashes.set(this.height, hash);
    this.heightCell.set(this.height + 1);
  }
}
