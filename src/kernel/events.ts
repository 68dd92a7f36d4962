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
 * An event's arguments, or a function that builds them: called at once when someone will see the
 * event (the log retains events or a listener is attached), never otherwise. Hot paths of long
 * simulations pass a function so that events nobody reads cost a counter increment.
 */
export type EventArgs = Record<string, unknown> | (() => Record<string, unknown>);

/**
 * The event log. Emission is journaled (one record per unit: the count before it), so a failed
 * unit of work leaves no event behind. `retain: false` keeps only a running count (long
 * simulations). Listeners see each event as it is emitted; an event of a unit that later fails
 * has been seen too, so listeners that must not see them read `Outcome.events` instead.
 */
export class EventLog implements Undoable {
  private readonly events: ChainEvent[] = [];
  private total = 0;
  private mark = 0;
  private readonly listeners: EventListener[] = [];
  constructor(private readonly journal: Journal, private readonly retain = true) {}

  /** True when an emitted event is kept or seen by a listener; otherwise `countUnobserved` is enough. */
  get observed(): boolean {
    return this.retain || this.listeners.length > 0;
  }

  emit(event: ChainEvent): void {
    this.bump();
    if (this.retain) this.events.push(event);
    for (const l of this.listeners) l(event);
  }

  /** Counts an event nobody observes (`observed` is false): journaled like `emit`, nothing built. */
  countUnobserved(): void {
    this.bump();
  }

  private bump(): void {
    const j = this.journal;
    if (j.unit !== 0 && this.mark !== j.unit) {
      this.mark = j.unit;
      j.record(this, undefined, this.total);
    }
    this.total++;
  }

  undo(_key: unknown, prevCount: unknown): void {
    const n = prevCount as number;
    if (this.retain) this.events.length -= this.total - n;
    this.total = n;
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
    return this.total;
  }

  /** Sets the counter (restore from a snapshot: the events themselves are history, not state). */
  resetCount(count: number): void {
    this.events.length = 0;
    this.total = count;
  }

  /** Events from index `from` (a previous `length`) on; empty when not retained. */
  since(from: number): ChainEvent[] {
    if (!this.retain) return [];
    return this.events.slice(from - (this.total - this.events.length));
  }
}
