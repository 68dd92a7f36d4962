import type { Address } from './address.js';
import { ConfigError, InvalidArgumentError, LedgerError } from './errors.js';
import type { EventArgs } from './events.js';
import type { JMap } from './journal.js';
import type { Scope } from './store.js';

/** An asset a mechanism uses, with the error codes its reference token raises. */
export interface AssetSpec {
  symbol: string;
  decimals: number;
  /** Supply may never exceed this; a mint that would fails with `errors.mintCap`. */
  maxSupply?: bigint;
  errors?: {
    /** Burn larger than the spendable balance (default `INSUFFICIENT_BALANCE`). */
    burnExceedsBalance?: string;
    /** Transfer larger than the spendable balance (default `INSUFFICIENT_BALANCE`). */
    transferExceedsBalance?: string;
    /** Mint above `maxSupply` (default `MAX_SUPPLY_EXCEEDED`). */
    mintCap?: string;
  };
}

export interface AssetTotals {
  genesis: bigint;
  minted: bigint;
  burned: bigint;
  supply: bigint;
}

/** Emits a ledger event; arguments are built only when someone observes events (EventArgs). */
type Emit = (name: string, args: EventArgs) => void;

/**
 * The multi-asset ledger: balances, locks, escrow, mint and burn. Supply changes only through
 * mint and burn, each an event. Escrow is value a mechanism holds in its own state (stakes,
 * deposits): it leaves the owner's balance but stays in supply, and is tracked per mechanism so
 * conservation can be checked: Σ balances + Σ escrow = genesis + minted − burned, per asset.
 */
export class Ledger {
  private readonly assets = new Map<string, AssetSpec>();
  private readonly balances = new Map<string, JMap<Address, bigint>>();
  /** Per asset: account → { lockId: amount } (immutable records, replaced on change). */
  private readonly locks = new Map<string, JMap<Address, Readonly<Record<string, bigint>>>>();
  private readonly escrows: JMap<string, bigint>; // key `${asset}/${mechanism}`
  private readonly totals: JMap<string, AssetTotals>;

  constructor(private readonly store: Scope, private readonly emit: Emit) {
    this.escrows = store.map('escrow');
    this.totals = store.map('totals');
  }

  declareAsset(spec: AssetSpec): void {
    const known = this.assets.get(spec.symbol);
    if (known) {
      if (known.decimals !== spec.decimals) {
        throw new ConfigError('ASSET_CONFLICT', 'ledger', `asset ${spec.symbol} declared with ${known.decimals} and ${spec.decimals} decimals`);
      }
      return;
    }
    this.assets.set(spec.symbol, spec);
    this.balances.set(spec.symbol, this.store.map(`${spec.symbol}/balances`));
    this.locks.set(spec.symbol, this.store.map(`${spec.symbol}/locks`));
    this.totals.set(spec.symbol, { genesis: 0n, minted: 0n, burned: 0n, supply: 0n });
  }

  assetSymbols(): string[] {
    return [...this.assets.keys()].sort();
  }

  asset(symbol: string): AssetSpec {
    const a = this.assets.get(symbol);
    if (!a) throw new InvalidArgumentError(`unknown asset ${symbol}; known: ${this.assetSymbols().join(', ') || '(none)'}`, { asset: symbol });
    return a;
  }

  balanceOf(asset: string, who: Address): bigint {
    return this.book(asset).get(who) ?? 0n;
  }

  /** Balance minus every lock on it. */
  spendable(asset: string, who: Address): bigint {
    return this.balanceOf(asset, who) - this.lockedOf(asset, who);
  }

  lockedOf(asset: string, who: Address): bigint {
    let sum = 0n;
    for (const v of Object.values(this.lockBook(asset).get(who) ?? {})) sum += v;
    return sum;
  }

  lockOf(asset: string, who: Address, lockId: string): bigint {
    return this.lockBook(asset).get(who)?.[lockId] ?? 0n;
  }

  /** Sets lock `lockId` on `who`'s balance to `amount` (0 removes it). The lock may not exceed the balance. */
  setLock(asset: string, who: Address, lockId: string, amount: bigint): void {
    this.requireAmount(amount);
    const book = this.lockBook(asset);
    const current = book.get(who) ?? {};
    if (amount === 0n) {
      if (!Object.hasOwn(current, lockId)) return;
      const { [lockId]: _dropped, ...rest } = current;
      if (Object.keys(rest).length === 0) book.delete(who);
      else book.set(who, rest);
      return;
    }
    const others = this.lockedOf(asset, who) - (current[lockId] ?? 0n);
    if (others + amount > this.balanceOf(asset, who)) {
      throw new LedgerError(this.asset(asset).errors?.transferExceedsBalance ?? 'INSUFFICIENT_BALANCE', `cannot lock ${amount} ${asset} of ${who}`, {
        asset,
        account: who,
        amount: `${amount}`,
      });
    }
    book.set(who, { ...current, [lockId]: amount });
  }

  supply(asset: string): bigint {
    return this.totalsOf(asset).supply;
  }

  totalsOf(asset: string): AssetTotals {
    const t = this.totals.get(asset);
    if (!t) throw new InvalidArgumentError(`unknown asset ${asset}`, { asset });
    return t;
  }

  escrowOf(asset: string, mechanism: string): bigint {
    return this.escrows.get(`${asset}/${mechanism}`) ?? 0n;
  }

  /** Genesis allocation: counts into supply as genesis, emits nothing. */
  allocate(asset: string, who: Address, amount: bigint): void {
    this.requireAmount(amount);
    const spec = this.asset(asset);
    const before = this.totalsOf(asset).supply;
    if (spec.maxSupply !== undefined && before + amount > spec.maxSupply) {
      throw new InvalidArgumentError(`genesis allocation of ${amount} ${asset} would exceed the maximum supply ${spec.maxSupply}`, { asset, account: who });
    }
    this.credit(asset, who, amount);
    const t = this.totalsOf(asset);
    this.totals.set(asset, { ...t, genesis: t.genesis + amount, supply: t.supply + amount });
  }

  mint(asset: string, to: Address, amount: bigint, by: string): void {
    this.requireAmount(amount);
    const spec = this.asset(asset);
    const t = this.totalsOf(asset);
    if (spec.maxSupply !== undefined && t.supply + amount > spec.maxSupply) {
      throw new LedgerError(spec.errors?.mintCap ?? 'MAX_SUPPLY_EXCEEDED', `minting ${amount} ${asset} would exceed the maximum supply ${spec.maxSupply}`, {
        asset,
        amount: `${amount}`,
        supply: `${t.supply}`,
      });
    }
    this.credit(asset, to, amount);
    this.totals.set(asset, { ...t, minted: t.minted + amount, supply: t.supply + amount });
    this.emit('Mint', () => ({ asset, to, amount, by }));
  }

  burn(asset: string, from: Address, amount: bigint, by: string): void {
    this.requireAmount(amount);
    const spec = this.asset(asset);
    this.debit(asset, from, amount, spec.errors?.burnExceedsBalance ?? 'INSUFFICIENT_BALANCE', 'burn');
    const t = this.totalsOf(asset);
    this.totals.set(asset, { ...t, burned: t.burned + amount, supply: t.supply - amount });
    this.emit('Burn', () => ({ asset, from, amount, by }));
  }

  transfer(asset: string, from: Address, to: Address, amount: bigint, by: string): void {
    this.requireAmount(amount);
    const spec = this.asset(asset);
    this.debit(asset, from, amount, spec.errors?.transferExceedsBalance ?? 'INSUFFICIENT_BALANCE', 'transfer');
    this.credit(asset, to, amount);
    this.emit('Transfer', () => ({ asset, from, to, amount, by }));
  }

  /** Moves `amount` from `from`'s balance into `mechanism`'s escrow. */
  escrowIn(asset: string, mechanism: string, from: Address, amount: bigint): void {
    this.requireAmount(amount);
    const spec = this.asset(asset);
    this.debit(asset, from, amount, spec.errors?.transferExceedsBalance ?? 'INSUFFICIENT_BALANCE', 'escrow');
    const key = `${asset}/${mechanism}`;
    this.setEscrow(key, (this.escrows.get(key) ?? 0n) + amount);
    this.emit('EscrowIn', () => ({ asset, from, amount, by: mechanism }));
  }

  /** Pays `amount` out of `mechanism`'s escrow to `to`. */
  escrowOut(asset: string, mechanism: string, to: Address, amount: bigint): void {
    this.requireAmount(amount);
    const key = `${asset}/${mechanism}`;
    const held = this.escrows.get(key) ?? 0n;
    if (held < amount) {
      throw new LedgerError('ESCROW_INSUFFICIENT', `${mechanism} holds ${held} ${asset} in escrow, cannot pay ${amount}`, { asset, mechanism });
    }
    this.setEscrow(key, held - amount);
    this.credit(asset, to, amount);
    this.emit('EscrowOut', () => ({ asset, to, amount, by: mechanism }));
  }

  /** Destroys escrowed value (a slash that burns): supply falls. */
  burnEscrow(asset: string, mechanism: string, amount: bigint): void {
    this.requireAmount(amount);
    const key = `${asset}/${mechanism}`;
    const held = this.escrows.get(key) ?? 0n;
    if (held < amount) throw new LedgerError('ESCROW_INSUFFICIENT', `${mechanism} holds ${held} ${asset} in escrow, cannot burn ${amount}`, { asset, mechanism });
    this.setEscrow(key, held - amount);
    const t = this.totalsOf(asset);
    this.totals.set(asset, { ...t, burned: t.burned + amount, supply: t.supply - amount });
    this.emit('Burn', () => ({ asset, from: mechanism, amount, by: mechanism }));
  }

  /** Token conservation, per asset. Returns violations (empty when sound). */
  checkConservation(): string[] {
    const out: string[] = [];
    for (const asset of this.assetSymbols()) {
      let sum = 0n;
      for (const v of this.book(asset).values()) {
        if (v < 0n) out.push(`${asset}: negative balance`);
        sum += v;
      }
      for (const [k, v] of this.escrows.entries()) if (k.startsWith(`${asset}/`)) sum += v;
      const t = this.totalsOf(asset);
      if (t.supply !== t.genesis + t.minted - t.burned) out.push(`${asset}: supply ${t.supply} ≠ genesis + minted − burned`);
      if (sum !== t.supply) out.push(`${asset}: Σ balances + Σ escrow = ${sum} ≠ supply ${t.supply}`);
      for (const who of this.lockBook(asset).keys()) {
        if (this.lockedOf(asset, who) > this.balanceOf(asset, who)) out.push(`${asset}: locks of ${who} exceed its balance`);
      }
      const max = this.asset(asset).maxSupply;
      if (max !== undefined && t.supply > max) out.push(`${asset}: supply above maximum`);
    }
    return out;
  }

  serialize(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const asset of this.assetSymbols()) {
      const balances = new Map<string, bigint>();
      for (const [k, v] of this.book(asset).sortedEntries()) if (v !== 0n) balances.set(k, v);
      const locks = new Map(this.lockBook(asset).sortedEntries());
      const escrow = new Map<string, bigint>();
      for (const [k, v] of this.escrows.sortedEntries()) if (k.startsWith(`${asset}/`) && v !== 0n) escrow.set(k.slice(asset.length + 1), v);
      out[asset] = { balances, locks, escrow, totals: this.totalsOf(asset) };
    }
    return out;
  }

  private debit(asset: string, from: Address, amount: bigint, code: string, what: string): void {
    const have = this.spendable(asset, from);
    if (have < amount) {
      throw new LedgerError(code, `${what} of ${amount} ${asset} exceeds the spendable balance ${have} of ${from}`, {
        asset,
        account: from,
        amount: `${amount}`,
        spendable: `${have}`,
      });
    }
    const book = this.book(asset);
    const left = (book.get(from) ?? 0n) - amount;
    // A zero balance is no entry: equal states have equal roots whatever history led to them.
    if (left === 0n) book.delete(from);
    else book.set(from, left);
  }

  private setEscrow(key: string, amount: bigint): void {
    if (amount === 0n) this.escrows.delete(key);
    else this.escrows.set(key, amount);
  }

  private credit(asset: string, to: Address, amount: bigint): void {
    if (amount === 0n) return;
    const book = this.book(asset);
    book.set(to, (book.get(to) ?? 0n) + amount);
  }

  private requireAmount(amount: bigint): void {
    if (typeof amount !== 'bigint' || amount < 0n) throw new InvalidArgumentError(`amount must be a non-negative bigint, got ${amount}`);
  }

  private book(asset: string): JMap<Address, bigint> {
    const b = this.balances.get(asset);
    if (!b) this.asset(asset);
    return b as JMap<Address, bigint>;
  }

  private lockBook(asset: string): JMap<Address, Readonly<Record<string, bigint>>> {
    const b = this.locks.get(asset);
    if (!b) this.asset(asset);
    return b as JMap<Address, Readonly<Record<string, bigint>>>;
  }
}
