import { invariant, type Invariant } from '../../kernel/index.js';
import { churnLimit } from './churn.js';
import { epochsDue, MAX_EPOCHS_PER_STEP } from './onBlock.js';
import { PPM } from './params.js';
import type { Eco } from './state.js';

/**
 * §3.4's invariants, named and tiered (each returns violation lines, empty when sound):
 * Σ operator books = escrow; the supply identity of §2; no epoch's activations or exits exceed
 * its churn; plus the structure the steps rely on (queues, withdrawals, pending slashes, clock).
 */
export function invariants(eco: Eco): Invariant[] {
  return [
    invariant('supplyIdentity', 'cheap', () => supplyIdentity(eco)),
    invariant('economicAccount', 'cheap', () => economicAccount(eco)),
    invariant('churn', 'cheap', () => churn(eco)),
    invariant('epochClock', 'cheap', () => epochClock(eco)),
    invariant('books', 'full', () => books(eco)),
    invariant('queues', 'full', () => queues(eco)),
    invariant('slashes', 'full', () => slashes(eco)),
  ];
}

/** §2: supply = genesis supply + issued − burned (the mechanism is the asset's only minter and burner). */
function supplyIdentity(eco: Eco): string[] {
  const { ctx, params, state } = eco;
  const t = state.totals.get();
  const ledger = ctx.ledger.totalsOf(params.asset);
  const expected = ledger.genesis + t.issued - t.burned;
  return ledger.supply !== expected ? [`supply ${ledger.supply} ≠ genesis supply ${ledger.genesis} + issued ${t.issued} − burned ${t.burned} = ${expected}`] : [];
}

/** The account's own identities: burned = fee burns + slashings, rewards = issuance + fee shares. */
function economicAccount(eco: Eco): string[] {
  const t = eco.state.totals.get();
  const out: string[] = [];
  if (t.burned !== t.feesBurned + t.slashed) out.push(`burned ${t.burned} ≠ feesBurned ${t.feesBurned} + slashed ${t.slashed}`);
  if (t.feesBurned > t.feesPaid) out.push(`feesBurned ${t.feesBurned} > feesPaid ${t.feesPaid}`);
  if (t.rewardsToStakers !== t.issued + t.feesPaid - t.feesBurned) out.push(`rewardsToStakers ${t.rewardsToStakers} ≠ issued + feesPaid − feesBurned = ${t.issued + t.feesPaid - t.feesBurned}`);
  for (const [k, v] of Object.entries(t)) if (v < 0n) out.push(`total ${k} is negative: ${v}`);
  return out;
}

/** No epoch's activations or exits exceed its churn (checked on the last processed epoch's record). */
function churn(eco: Eco): string[] {
  const r = eco.state.lastEpoch.get();
  if (r === null) return [];
  const out: string[] = [];
  const c = churnLimit(r.stake, eco.params.churn);
  if (c !== r.churn) out.push(`epoch ${r.epoch}: recorded churn ${r.churn} ≠ the churn ${c} of D = ${r.stake}`);
  if (c !== null && r.activated > c) out.push(`epoch ${r.epoch} activated ${r.activated} > churn ${c}`);
  if (c !== null && r.exited > c) out.push(`epoch ${r.epoch} exited ${r.exited} > churn ${c}`);
  return out;
}

/** Every processed epoch has ended; what is left to process stays within the step bound. */
function epochClock(eco: Eco): string[] {
  const { state, params, ctx } = eco;
  const out: string[] = [];
  const end = state.genesisTime.get() + state.epoch.get() * params.epochSeconds;
  if (end > ctx.clock.time) out.push(`${state.epoch.get()} epochs processed, but the last of them ends at ${end}, after the time ${ctx.clock.time}`);
  const r = state.lastEpoch.get();
  if (r !== null && r.epoch !== state.epoch.get() - 1) out.push(`the last epoch record is of epoch ${r.epoch}, not ${state.epoch.get() - 1}`);
  if (epochsDue(eco) > MAX_EPOCHS_PER_STEP) out.push(`${epochsDue(eco)} epochs due, above ${MAX_EPOCHS_PER_STEP}`);
  return out;
}

/**
 * Σ operator books = escrow: Σ (active + pendingDeposit + exiting + withdrawals) equals the
 * ledger's escrow and the running totals, per-operator sums match the queues, lists line up.
 */
function books(eco: Eco): string[] {
  const { ctx, params, state } = eco;
  const out: string[] = [];
  const order = state.order.toArray();
  const active = state.active.toArray();
  const uptime = state.uptime.toArray();
  if (active.length !== order.length || uptime.length !== order.length) out.push(`order/active/uptime lengths ${order.length}/${active.length}/${uptime.length} differ`);
  if (state.books.size !== order.length) out.push(`${state.books.size} books for ${order.length} operators`);
  let sumActive = 0n;
  let sumPending = 0n;
  let sumExiting = 0n;
  let sumWithdrawals = 0n;
  const pendingOf = new Map<string, bigint>();
  const exitOf = new Map<string, number[]>();
  for (const [, e] of state.entryQueue.sortedEntries()) pendingOf.set(e.operator, (pendingOf.get(e.operator) ?? 0n) + e.amount);
  for (const [seq, e] of state.exitQueue.sortedEntries()) exitOf.set(e.operator, [...(exitOf.get(e.operator) ?? []), seq]);
  order.forEach((a, i) => {
    const b = state.book(a);
    if (!b) return void out.push(`operator ${i} (${a}) has no book`);
    if (b.index !== i) out.push(`${a}: book index ${b.index} ≠ position ${i}`);
    if (active[i]! < 0n) out.push(`${a}: negative active stake`);
    if (uptime[i]! < 0n || uptime[i]! > PPM) out.push(`${a}: uptime ${uptime[i]} outside 0 … 10⁶`);
    sumActive += active[i]!;
    sumPending += b.pendingDeposit;
    sumExiting += b.exiting;
    if (b.pendingDeposit !== (pendingOf.get(a) ?? 0n)) out.push(`${a}: pendingDeposit ${b.pendingDeposit} ≠ Σ of its entry-queue entries ${pendingOf.get(a) ?? 0n}`);
    const seqs = exitOf.get(a) ?? [];
    if (seqs.join() !== b.exitSeqs.join()) out.push(`${a}: exitSeqs [${b.exitSeqs.join()}] ≠ its exit-queue entries [${seqs.join()}]`);
    let ex = 0n;
    for (const s of seqs) ex += state.exitQueue.get(s)!.amount;
    if (ex !== b.exiting) out.push(`${a}: exiting ${b.exiting} ≠ Σ of its exit-queue entries ${ex}`);
    let prev = -1;
    for (const w of b.withdrawals) {
      if (w.amount <= 0n) out.push(`${a}: a withdrawal of ${w.amount}`);
      if (w.epoch <= prev) out.push(`${a}: withdrawals not in strictly ascending epoch order`);
      prev = w.epoch;
      sumWithdrawals += w.amount;
    }
  });
  const t = state.totals.get();
  if (sumActive !== t.staked) out.push(`Σ active ${sumActive} ≠ staked ${t.staked}`);
  if (sumPending !== t.entryQueue) out.push(`Σ pendingDeposit ${sumPending} ≠ entry queue total ${t.entryQueue}`);
  if (sumExiting !== t.exitQueue) out.push(`Σ exiting ${sumExiting} ≠ exit queue total ${t.exitQueue}`);
  if (sumWithdrawals !== t.withdrawals) out.push(`Σ withdrawals ${sumWithdrawals} ≠ withdrawals total ${t.withdrawals}`);
  const held = ctx.ledger.escrowOf(params.asset, ctx.name);
  const sum = sumActive + sumPending + sumExiting + sumWithdrawals;
  if (held !== sum) out.push(`Σ operator books ${sum} ≠ escrow ${held}`);
  return out;
}

/** Queue entries sit at head … next − 1, positive, of known operators; the entry queue has no holes. */
function queues(eco: Eco): string[] {
  const { state } = eco;
  const out: string[] = [];
  const q = state.queues.get();
  if (!(q.entryHead <= q.entryNext) || !(q.exitHead <= q.exitNext)) out.push(`queue bounds out of order: ${JSON.stringify(q)}`);
  if (state.entryQueue.size !== q.entryNext - q.entryHead) out.push(`entry queue holds ${state.entryQueue.size} entries, not ${q.entryNext - q.entryHead}`);
  for (const [name, map, head, next] of [
    ['entry', state.entryQueue, q.entryHead, q.entryNext],
    ['exit', state.exitQueue, q.exitHead, q.exitNext],
  ] as const) {
    for (const [seq, e] of map.entries()) {
      if (seq < head || seq >= next) out.push(`${name} queue entry ${seq} outside ${head} … ${next - 1}`);
      if (e.amount <= 0n) out.push(`${name} queue entry ${seq} of ${e.amount}`);
      if (!state.book(e.operator)) out.push(`${name} queue entry ${seq} of ${e.operator}, not an operator`);
    }
  }
  return out;
}

/** slashPending ⇔ listed (once) among the pending slashes. */
function slashes(eco: Eco): string[] {
  const { state } = eco;
  const out: string[] = [];
  const listed = new Set<string>();
  for (const a of state.slashQueue.get()) {
    if (listed.has(a)) out.push(`${a} is listed twice among pending slashes`);
    listed.add(a);
  }
  for (const [a, b] of state.books.entries()) if (b.slashPending !== listed.has(a)) out.push(`${a}: slashPending ${b.slashPending} but ${listed.has(a) ? '' : 'not '}listed`);
  return out;
}
