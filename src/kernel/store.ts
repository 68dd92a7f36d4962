import { JCell, JList, JMap, type Container, type Journal, type Key, type MapOptions } from './journal.js';

/**
 * The registry of every named container of a chain: what the state tree hashes, the snapshot
 * writes and restore fills. Names are `<owner>/<container>` (e.g. `proverPool/stakers`,
 * `ledger/TKO/balances`); a name is registered once.
 */
export class Store {
  private readonly byName = new Map<string, Container>();
  constructor(readonly journal: Journal) {}

  register<C extends Container>(c: C): C {
    if (!c.name) throw new Error('a registered container needs a name');
    if (this.byName.has(c.name)) throw new Error(`container ${c.name} registered twice`);
    this.byName.set(c.name, c);
    return c;
  }

  get(name: string): Container | undefined {
    return this.byName.get(name);
  }

  /** Every container, sorted by name. */
  all(): Container[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A factory that names containers under `prefix/`. */
  scope(prefix: string): Scope {
    return new Scope(this, prefix);
  }
}

/** Creates and registers containers under one owner's prefix (a mechanism's `ctx.store`). */
export class Scope {
  constructor(
    private readonly store: Store,
    readonly prefix: string,
  ) {}

  get journal(): Journal {
    return this.store.journal;
  }

  map<K extends Key, V>(name: string, options?: MapOptions<K, V>): JMap<K, V> {
    return this.store.register(new JMap<K, V>(this.store.journal, `${this.prefix}/${name}`, options));
  }

  cell<T>(name: string, initial: T, options?: { cache?: boolean }): JCell<T> {
    return this.store.register(new JCell<T>(this.store.journal, initial, `${this.prefix}/${name}`, options));
  }

  list<T>(name: string, options?: { cache?: boolean; onChange?: (i: number, prev: T, next: T) => void }): JList<T> {
    return this.store.register(new JList<T>(this.store.journal, `${this.prefix}/${name}`, options));
  }

  /** Registers a container of another kind (e.g. a ranking sequence) under this prefix. */
  register<C extends Container>(make: (name: string) => C, name: string): C {
    return this.store.register(make(`${this.prefix}/${name}`));
  }

  /** A sub-scope `prefix/name`. */
  scope(name: string): Scope {
    return new Scope(this.store, `${this.prefix}/${name}`);
  }
}
