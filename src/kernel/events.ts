import type { Journal } from './journal.js';

/** An event as a mechanism (or the ledger) announced it, stamped with the block and time it happened in. */
export interface ChainEvent {
  mechanism: string;
  name: string;
  args: Record<string, unknown>;
  height: number;
  time: number;
}

/**
 * The event log. Emission is journaled, so a failed unit of work leaves no event behind.
 * `retain: false` keeps only a running count (long simulations); listeners still see every event.
 */
export class EventLog {
  private readonly events: ChainEvent[] = [];
  private count = 0;
  constructor(private readonly journal: Journal, private readonly retain = true) {}

  emit(event: ChainEvent): void {
    if (this.retain) this.events.push(event);
    this.count++;
    this.journal.record(() => {
      if (this.retain) this.events.pop();
      this.count--;
    });
  }

  /** Total number of events emitted so far. */
  get length(): number {
    return this.count;
  }

  /** Events from index `from` (a previous `length`) on; empty when not retained. */
  since(from: number): ChainEvent[] {
    if (!this.retain) return [];
    return this.events.slice(from - (this.count - this.events.length));
  }
}
