import type { Journal, Undoable } from './journal.js';

/** An event as a mechanism (or the ledger) announced it, stamped with the block and time it happened in. */
export interface ChainEvent {
  mechanism: string;
  name: string;
  args: Record<string, unknown>;
  height: number;
  time: number;
}

export type EventListener = (event: ChainEvent) => void;

/**
 * The event log. Emission is journaled (one record per unit: the count before it), so a failed
 * unit of work leaves no event behind. `retain: false` keeps only a running count (long
 * simulations). Listeners see each event as it is emitted; an event of a unit that later fails
 * has been seen too, so listeners that must not see them read `Outcome.events` instead.
 */
export class EventLog implements Undoable {
  private readonly events: ChainEvent[] = [];
  private count = 0;
  private mark = 0;
  private readonly listeners: EventListener[] = [];
  constructor(private readonly journal: Journal, private readonly retain = true) {}

  emit(event: ChainEvent): void {
    const j = this.journal;
    if (j.unit !== 0 && this.mark !== j.unit) {
      this.mark = j.unit;
      j.record(this, undefined, this.count);
    }
    if (this.retain) this.events.push(event);
    this.count++;
    for (const l of this.listeners) l(event);
  }

  undo(_key: unknown, prevCount: unknown): void {
    const n = prevCount as number;
    if (this.retain) this.events.length -= this.count - n;
    this.count = n;
  }

  /** Adds a listener; returns the function that removes it. */
  on(listener: EventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Total number of events emitted so far. */
  get length(): number {
    return this.count;
  }

  /** Sets the counter (restore from a snapshot: the events themselves are history, not state). */
  resetCount(count: number): void {
    this.events.length = 0;
    this.count = count;
  }

  /** Events from index `from` (a previous `length`) on; empty when not retained. */
  since(from: number): ChainEvent[] {
    if (!this.retain) return [];
    return this.events.slice(from - (this.count - this.events.length));
  }
}
