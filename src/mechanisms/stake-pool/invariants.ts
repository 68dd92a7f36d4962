import { invariant, type Invariant } from '../../kernel/index.js';
import { isDust } from './fixed.js';
import { economyBooks, economyIdentity } from './economy.js';
import { minerAccount } from './minerAccount.js';
import { pending } from './settleReward.js';
import { isMining, LOCK_ID, PHA, type Sp } from './state.js';

/**
 * §13, named and tiered (each returns violation lines, empty when sound). Not asserted when
 * genesis loaded fixtures (§5.7): every check is then empty, except economy §2's two, which
 * hold from any genesis (fixtures move no PHA).
 */
export function invariants(sp: Sp): Invariant[] {
  const unlessFixtures = (check: (sp: Sp) => string[]) => () => (sp.fixtures ? [] : check(sp));
  return [
    invariant('locks', 'full', unlessFixtures(locks)),
    invariant('miners', 'full', unlessFixtures(miners)),
    invariant('bindingsSize', 'cheap', unlessFixtures(bindingsSize)),
    invariant('bindings', 'full', unlessFixtures(bindings)),
    invariant('shares', 'full', unlessFixtures(shares)),
    invariant('stake', 'full', unlessFixtures(stake)),
    invariant('withdrawQueue', 'full', unlessFixtures(withdrawQueue)),
    invariant('rewards', 'full', unlessFixtures(rewards)),
    invariant('economyIdentity', 'cheap', () => economyIdentity(sp)),
    invariant('economyBooks', 'full', () => economyBooks(sp)),
  ];
}

/** Per pool, each user's shares; per user, Σ locked over pools. */
function stakerSums(sp: Sp): { lockedSum: Map<string, bigint>; usersOf: Map<number, Map<string, bigint>> } {
  const lockedSum = new Map<string, bigint>();
  const usersOf = new Map<number, Map<string, bigint>>();
  for (const [key, u] of sp.state.stakers.entries()) {
    const pid = Number(key.slice(0, key.indexOf('/')));
    lockedSum.set(u.user, (lockedSum.get(u.user) ?? 0n) + u.locked);
    if (!usersOf.has(pid)) usersOf.set(pid, new Map());
    usersOf.get(pid)!.set(u.user, u.shares);
  }
  return { lockedSum, usersOf };
}

/** 2. Locks: lock = stakeLedger ≤ balance; stakeLedger ≥ Σ locked over pools. */
function locks(sp: Sp): string[] {
  const { state, ctx } = sp;
  const out: string[] = [];
  const { lockedSum } = stakerSums(sp);
  const accounts = new Set<string>([...state.stakeLedger.keys(), ...lockedSum.keys()]);
  for (const a of accounts) {
    const who = a as `0x${string}`;
    const l = state.stakeLedger.get(who) ?? 0n;
    const lock = ctx.ledger.lockOf(PHA, who, LOCK_ID);
    if (lock !== l) out.push(`lock of ${a} is ${lock}, stake ledger ${l}`);
    if (l > ctx.ledger.balanceOf(PHA, who)) out.push(`stake ledger of ${a} exceeds its balance`);
    if (l < (lockedSum.get(a) ?? 0n)) out.push(`stake ledger of ${a} (${l}) is below Σ locked (${lockedSum.get(a)})`);
  }
  return out;
}

/** Σ stake of the mining records of each pool. */
function miningStakeOf(sp: Sp): Map<number, bigint> {
  const miningStake = new Map<number, bigint>();
  for (const r of sp.state.miners.values()) if (isMining(r.state)) miningStake.set(r.pid, (miningStake.get(r.pid) ?? 0n) + r.stake);
  return miningStake;
}

/** 6. Workers: mining records, online count, stake held exactly while mining or cooling down. */
function miners(sp: Sp): string[] {
  const { state } = sp;
  const out: string[] = [];
  let online = 0;
  for (const [miner, r] of state.miners.entries()) {
    if (minerAccount(r.pid, r.worker) !== miner) out.push(`miner ${miner} is not the account of its pool/worker pair`);
    if (isMining(r.state)) online++;
    const holds = isMining(r.state) || r.state === 'MiningCoolingDown';
    if (holds !== (r.stake > 0n)) out.push(`miner ${miner} in ${r.state} holds stake ${r.stake}`);
  }
  if (online !== state.onlineMiners.get()) out.push(`onlineMiners ${state.onlineMiners.get()} ≠ ${online} mining records`);
  return out;
}

/** 6. Workers: the two binding maps have the same size. */
function bindingsSize(sp: Sp): string[] {
  return sp.state.workerBindings.size !== sp.state.minerBindings.size ? ['worker and miner bindings differ in size'] : [];
}

/** 6. Workers: bindings are mutual, assignments match the pools' worker lists. */
function bindings(sp: Sp): string[] {
  const { state } = sp;
  const out: string[] = [];
  for (const [w, miner] of state.workerBindings.entries()) {
    if (state.minerBindings.get(miner) !== w) out.push(`binding of ${w} is not mutual`);
  }
  for (const [w, pid] of state.assignments.entries()) {
    const pool = state.pools.get(pid);
    if (!pool || !pool.workers.includes(w)) out.push(`worker ${w} assigned to pool ${pid} but not in its list`);
    if (state.workerBindings.get(w) !== minerAccount(pid, w)) out.push(`worker ${w} assigned to pool ${pid} but not bound to its miner`);
  }
  for (const [pid, pool] of state.pools.entries()) {
    for (const w of pool.workers) if (state.assignments.get(w) !== pid) out.push(`pool ${pid} lists worker ${w} assigned elsewhere`);
  }
  return out;
}

/** 3. Shares: Σ shares of a pool's stakers = totalShares. */
function shares(sp: Sp): string[] {
  const out: string[] = [];
  const sharesSum = new Map<number, bigint>();
  for (const [key, u] of sp.state.stakers.entries()) {
    const pid = Number(key.slice(0, key.indexOf('/')));
    sharesSum.set(pid, (sharesSum.get(pid) ?? 0n) + u.shares);
  }
  for (const [pid, pool] of sp.state.pools.entries()) {
    if ((sharesSum.get(pid) ?? 0n) !== pool.totalShares) out.push(`pool ${pid}: Σ shares ${sharesSum.get(pid) ?? 0n} ≠ totalShares ${pool.totalShares}`);
  }
  return out;
}

/** 4. Stake (exact only without slashing; with it, predicted slashes and late V reports blur it). */
function stake(sp: Sp): string[] {
  const out: string[] = [];
  const miningStake = sp.params.slashEnabled ? new Map<number, bigint>() : miningStakeOf(sp);
  for (const [pid, pool] of sp.state.pools.entries()) {
    if (!sp.params.slashEnabled) {
      const rhs = pool.freeStake + (miningStake.get(pid) ?? 0n) + pool.releasingStake;
      if (pool.totalStake !== rhs) out.push(`pool ${pid}: totalStake ${pool.totalStake} ≠ free + mining + releasing = ${rhs}`);
    }
    if (pool.freeStake < 0n || pool.totalStake < 0n || pool.releasingStake < 0n) out.push(`pool ${pid}: negative stake`);
  }
  return out;
}

/** 5. Queue: start times never decrease, one request per user, none dust, none above the user's shares. */
function withdrawQueue(sp: Sp): string[] {
  const out: string[] = [];
  const { usersOf } = stakerSums(sp);
  for (const [pid, pool] of sp.state.pools.entries()) {
    const seen = new Set<string>();
    let last = -1;
    for (const r of pool.withdrawQueue) {
      if (r.startTime < last) out.push(`pool ${pid}: queue start times decrease`);
      last = r.startTime;
      if (seen.has(r.user)) out.push(`pool ${pid}: ${r.user} has two requests`);
      seen.add(r.user);
      if (isDust(r.shares)) out.push(`pool ${pid}: request of ${r.user} is dust`);
      if (r.shares > (usersOf.get(pid)?.get(r.user) ?? 0n)) out.push(`pool ${pid}: request of ${r.user} exceeds its shares`);
    }
  }
  return out;
}

/** 7. Rewards: paid + owed never exceed what was credited, up to 1 pico per share change (see RewardBook). */
function rewards(sp: Sp): string[] {
  const { state } = sp;
  const out: string[] = [];
  const { usersOf } = stakerSums(sp);
  for (const [pid, pool] of state.pools.entries()) {
    let owed = pool.ownerReward;
    for (const user of usersOf.get(pid)?.keys() ?? []) {
      const u = state.staker(pid, user as `0x${string}`)!;
      owed += u.availableRewards + pending(u, pool.rewardAcc);
    }
    const book = state.book(pid);
    if (book.paid + owed > book.credited + book.shareChanges) {
      out.push(`pool ${pid}: paid ${book.paid} + owed ${owed} exceed credited ${book.credited} (+ ${book.shareChanges} pico of rounding)`);
    }
  }
  return out;
}
