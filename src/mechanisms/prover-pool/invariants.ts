import { invariant, MAX_UINT16, MAX_UINT32, MAX_UINT64, ZERO_ADDRESS, type Invariant } from '../../kernel/index.js';
import { linearFind } from '../../kernel/structures/fenwick.js';
import { linearArgmin } from '../../kernel/structures/minTree.js';
import { drawLinear, drawSlots } from './draw.js';
import { claims, tkoAccount } from './economy.js';
import type { Pool } from './state.js';
import { slotWeight, type ErpgBounds } from './weights.js';

/** §7: the pool's invariants, named and tiered (each returns violation lines, empty when sound). */
export function invariants(pool: Pool): Invariant[] {
  return [
    invariant('slotOwnership', 'full', () => slotOwnership(pool)),
    invariant('exitTimers', 'full', () => exitTimers(pool)),
    invariant('capacityCache', 'full', () => capacityCache(pool)),
    invariant('minStakeTreeMatchesLinear', 'full', () => minStakeTreeMatchesLinear(pool)),
    invariant('fenwickMatchesLinear', 'full', () => fenwickMatchesLinear(pool)),
    invariant('drawMatchesLinear', 'full', () => drawMatchesLinear(pool)),
    invariant('blockCounters', 'cheap', () => blockCounters(pool)),
    invariant('unverifiedBlocks', 'full', () => unverifiedBlocks(pool)),
    invariant('widths', 'cheap', () => widths(pool)),
    invariant('tokenIdentity', 'full', () => tokenIdentity(pool)),
    invariant('economyLedger', 'cheap', () => economyLedger(pool)),
    invariant('economyIdentity', 'full', () => economyIdentity(pool)),
  ];
}

/** 1. Slots and owners; 2. capacity bounds. */
function slotOwnership(pool: Pool): string[] {
  const { params, state } = pool;
  const out: string[] = [];
  const seen = new Map<string, number>();
  state.slots.toArray().forEach((slot, k) => {
    const i = k + 1;
    if (slot.owner === ZERO_ADDRESS) {
      if (slot.stakedAmount !== 0n || slot.currentCapacity !== 0 || slot.rewardPerGas > 1) out.push(`slot ${i} has no owner but is not empty`);
      return;
    }
    if (seen.has(slot.owner)) out.push(`${slot.owner} owns slots ${seen.get(slot.owner)} and ${i}`);
    seen.set(slot.owner, i);
    const s = state.staker(slot.owner);
    if (s.proverId !== i) out.push(`slot ${i} is owned by ${slot.owner} whose proverId is ${s.proverId}`);
    if (slot.currentCapacity < 0 || slot.currentCapacity > s.maxCapacity) out.push(`slot ${i}: capacity ${slot.currentCapacity} outside 0..${s.maxCapacity}`);
    if (s.maxCapacity < params.minCapacity) out.push(`slot ${i}: maxCapacity below minCapacity`);
    if (slot.rewardPerGas < 1) out.push(`slot ${i}: rewardPerGas 0`);
    if (slot.stakedAmount < 0n || slot.stakedAmount > MAX_UINT64) out.push(`slot ${i}: stake outside uint64`);
  });
  for (const [a, s] of state.stakers.entries()) {
    if (s.proverId !== 0 && state.slot(s.proverId)?.owner !== a) out.push(`${a} has proverId ${s.proverId} but does not own it`);
  }
  return out;
}

/** 3. Exit timers. */
function exitTimers(pool: Pool): string[] {
  const out: string[] = [];
  for (const [a, s] of pool.state.stakers.entries()) {
    if (s.exitAmount > 0n && s.exitRequestedAt === 0) out.push(`${a} has an exit amount without an exit timer`);
    if (s.exitAmount < 0n || s.exitAmount > MAX_UINT64) out.push(`${a}: exit amount outside uint64`);
  }
  return out;
}

function capacityCache(pool: Pool): string[] {
  const { state } = pool;
  let capacity = 0;
  for (const slot of state.slots.toArray()) capacity += slot.currentCapacity;
  return capacity !== state.index.capacity ? [`capacity cache ${state.index.capacity} ≠ Σ currentCapacity ${capacity}`] : [];
}

/** 4. Caches agree with the linear reference procedures. */
function minStakeTreeMatchesLinear(pool: Pool): string[] {
  const { state } = pool;
  const minLinear = linearArgmin(state.slots.toArray().map((s) => s.stakedAmount));
  return state.index.minStake.argmin() !== minLinear ? [`min-stake tree picks slot ${state.index.minStake.argmin()}, linear search ${minLinear}`] : [];
}

function fenwickMatchesLinear(pool: Pool): string[] {
  const out: string[] = [];
  const cached = pool.state.index.cachedWeights();
  if (!cached) return out;
  const ref = weightsAt(pool, cached.bounds);
  let prefix = 0n;
  for (let i = 1; i <= ref.length; i++) {
    prefix += ref[i - 1]!;
    if (cached.tree.prefix(i) !== prefix) {
      out.push(`Fenwick prefix(${i}) ≠ linear prefix`);
      break;
    }
  }
  if (prefix > 0n) {
    for (const r of [0n, prefix - 1n, prefix / 2n, prefix / 3n]) {
      if (cached.tree.find(r) !== linearFind(ref, r)) out.push(`Fenwick draw of r=${r} ≠ linear draw`);
    }
  }
  return out;
}

/** The draw the next proposal would make: Fenwick path = linear reference, backup included. */
function drawMatchesLinear(pool: Pool): string[] {
  const { state } = pool;
  const nextId = BigInt(state.numBlocks.get());
  const fast = drawSlots(pool, nextId, state.feePerGas.get());
  const slow = drawLinear(pool, nextId, state.feePerGas.get());
  if (fast.slot !== slow.slot || fast.e !== slow.e || fast.backupSlot !== slow.backupSlot || fast.backupE !== slow.backupE) {
    return [`Fenwick draw ${JSON.stringify({ ...fast, e: `${fast.e}`, backupE: `${fast.backupE}` })} ≠ linear draw ${JSON.stringify({ ...slow, e: `${slow.e}`, backupE: `${slow.backupE}` })}`];
  }
  return [];
}

/** 5. Blocks: the counters and the last verified block. */
function blockCounters(pool: Pool): string[] {
  const { params, state } = pool;
  const out: string[] = [];
  const numBlocks = state.numBlocks.get();
  const lastVerified = state.lastVerifiedBlockId.get();
  if (!(lastVerified < numBlocks)) out.push('lastVerifiedBlockId ≥ numBlocks');
  if (numBlocks - lastVerified - 1 > params.blockMaxProposals) out.push('more unverified blocks than blockMaxProposals');
  const lastBlock = state.block(lastVerified);
  if (lastBlock && lastBlock.verifiedForkChoiceId < 1) out.push(`verified block ${lastVerified} has no verified fork choice`);
  return out;
}

/** 5. Blocks: every unverified block (O(unverified blocks), up to blockMaxProposals). */
function unverifiedBlocks(pool: Pool): string[] {
  const { params, state } = pool;
  const out: string[] = [];
  const numBlocks = state.numBlocks.get();
  let open = 0;
  for (let id = state.lastVerifiedBlockId.get() + 1; id < numBlocks; id++) {
    const b = state.block(id);
    if (!b) {
      out.push(`unverified block ${id} is missing`);
      continue;
    }
    if (b.assignedProver === ZERO_ADDRESS) {
      open++;
      if (b.proofWindow !== 0) out.push(`open block ${id} has a proof window`);
    } else {
      if (b.proofWindow < params.proofMinWindow || b.proofWindow > params.proofMaxWindow) out.push(`block ${id}: proof window outside its clamp`);
      if (b.backupWindow < b.proofWindow) out.push(`block ${id}: backup window below proof window`);
    }
  }
  if (open !== state.numOpenBlocks.get()) out.push(`numOpenBlocks ${state.numOpenBlocks.get()} ≠ ${open} open unverified blocks`);
  return out;
}

/** 6. Widths. */
function widths(pool: Pool): string[] {
  const { state } = pool;
  const out: string[] = [];
  if (BigInt(state.feePerGas.get()) > MAX_UINT32 || state.feePerGas.get() < 0) out.push('feePerGas outside uint32');
  if (BigInt(state.avgProofDelay.get()) > MAX_UINT16 || state.avgProofDelay.get() < 0) out.push('avgProofDelay outside uint16');
  return out;
}

/** 7. Accounting identity (TKO). */
function tokenIdentity(pool: Pool): string[] {
  const held = claims(pool);
  const t = pool.state.totals.get();
  const expected = t.burned - t.minted - t.slashed - t.blockFees + t.refunds + t.rewards;
  return held !== expected ? [`TKO identity: stakes + exits + balances = ${held} ≠ burned − minted − slashed − fees + refunds + rewards = ${expected}`] : [];
}

/**
 * economy §2, O(1): the bookkeeping totals are exactly the ledger's TKO mints and burns (this
 * mechanism is the only one that mints or burns TKO), and no block is refunded more than it paid.
 */
function economyLedger(pool: Pool): string[] {
  const out: string[] = [];
  const t = pool.state.totals.get();
  const ledger = pool.ctx.ledger.totalsOf('TKO');
  if (ledger.minted !== t.minted) out.push(`ledger minted ${ledger.minted} TKO ≠ bookkeeping minted ${t.minted}`);
  if (ledger.burned !== t.burned) out.push(`ledger burned ${ledger.burned} TKO ≠ bookkeeping burned ${t.burned}`);
  if (t.refunds > t.blockFees) out.push(`refunds ${t.refunds} exceed block fees ${t.blockFees}`);
  return out;
}

/**
 * economy §2 with §7: the account ties wallets and claims to the ledger's genesis,
 * `supply + stakes + exits + balances = genesis + issued − burned` (issued = rewards, burned =
 * net block fees + slashes).
 */
function economyIdentity(pool: Pool): string[] {
  const a = tkoAccount(pool);
  const genesis = pool.ctx.ledger.totalsOf('TKO').genesis;
  const lhs = a.supply + claims(pool);
  const rhs = genesis + a.issued - a.burned;
  return lhs !== rhs ? [`TKO account: supply + claims = ${lhs} ≠ genesis + issued − burned = ${rhs}`] : [];
}

function weightsAt(pool: Pool, bounds: ErpgBounds): bigint[] {
  return pool.state.slots.toArray().map((s) => slotWeight(s, bounds).w);
}
