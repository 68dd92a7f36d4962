import { isDust } from './fixed.js';
import { minerAccount } from './minerAccount.js';
import { pending } from './settleReward.js';
import { isMining, LOCK_ID, PHA, type Sp } from './state.js';

/** §13, as violation lines (empty when sound). Not asserted when genesis loaded fixtures (§5.7). */
export function invariants(sp: Sp): string[] {
  if (sp.fixtures) return [];
  const { state, ctx, params } = sp;
  const out: string[] = [];

  // 2. Locks: lock = stakeLedger ≤ balance; stakeLedger ≥ Σ locked over pools.
  const lockedSum = new Map<string, bigint>();
  const sharesSum = new Map<number, bigint>();
  const usersOf = new Map<number, Map<string, bigint>>();
  for (const [key, u] of state.stakers.entries()) {
    const pid = Number(key.slice(0, key.indexOf('/')));
    lockedSum.set(u.user, (lockedSum.get(u.user) ?? 0n) + u.locked);
    sharesSum.set(pid, (sharesSum.get(pid) ?? 0n) + u.shares);
    if (!usersOf.has(pid)) usersOf.set(pid, new Map());
    usersOf.get(pid)!.set(u.user, u.shares);
  }
  const accounts = new Set<string>([...state.stakeLedger.keys(), ...lockedSum.keys()]);
  for (const a of accounts) {
    const who = a as `0x${string}`;
    const l = state.stakeLedger.get(who) ?? 0n;
    const lock = ctx.ledger.lockOf(PHA, who, LOCK_ID);
    if (lock !== l) out.push(`lock of ${a} is ${lock}, stake ledger ${l}`);
    if (l > ctx.ledger.balanceOf(PHA, who)) out.push(`stake ledger of ${a} exceeds its balance`);
    if (l < (lockedSum.get(a) ?? 0n)) out.push(`stake ledger of ${a} (${l}) is below Σ locked (${lockedSum.get(a)})`);
  }

  // 6. Workers: bindings, assignments, online count, stake held exactly while mining or cooling down.
  let online = 0;
  const miningStake = new Map<number, bigint>();
  for (const [miner, r] of state.miners.entries()) {
    if (minerAccount(r.pid, r.worker) !== miner) out.push(`miner ${miner} is not the account of its pool/worker pair`);
    if (isMining(r.state)) {
      online++;
      miningStake.set(r.pid, (miningStake.get(r.pid) ?? 0n) + r.stake);
    }
    const holds = isMining(r.state) || r.state === 'MiningCoolingDown';
    if (holds !== (r.stake > 0n)) out.push(`miner ${miner} in ${r.state} holds stake ${r.stake}`);
  }
  if (online !== state.onlineMiners.get()) out.push(`onlineMiners ${state.onlineMiners.get()} ≠ ${online} mining records`);
  for (const [w, miner] of state.workerBindings.entries()) {
    if (state.minerBindings.get(miner) !== w) out.push(`binding of ${w} is not mutual`);
  }
  if (state.workerBindings.size !== state.minerBindings.size) out.push('worker and miner bindings differ in size');
  for (const [w, pid] of state.assignments.entries()) {
    const pool = state.pools.get(pid);
    if (!pool || !pool.workers.includes(w)) out.push(`worker ${w} assigned to pool ${pid} but not in its list`);
    if (state.workerBindings.get(w) !== minerAccount(pid, w)) out.push(`worker ${w} assigned to pool ${pid} but not bound to its miner`);
  }

  for (const [pid, pool] of state.pools.entries()) {
    for (const w of pool.workers) if (state.assignments.get(w) !== pid) out.push(`pool ${pid} lists worker ${w} assigned elsewhere`);
    // 3. Shares.
    if ((sharesSum.get(pid) ?? 0n) !== pool.totalShares) out.push(`pool ${pid}: Σ shares ${sharesSum.get(pid) ?? 0n} ≠ totalShares ${pool.totalShares}`);
    // 4. Stake (exact only without slashing; with it, predicted slashes and late V reports blur it).
    if (!params.slashEnabled) {
      const rhs = pool.freeStake + (miningStake.get(pid) ?? 0n) + pool.releasingStake;
      if (pool.totalStake !== rhs) out.push(`pool ${pid}: totalStake ${pool.totalStake} ≠ free + mining + releasing = ${rhs}`);
    }
    if (pool.freeStake < 0n || pool.totalStake < 0n || pool.releasingStake < 0n) out.push(`pool ${pid}: negative stake`);
    // 5. Queue.
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
    // 7. Rewards: paid + owed never exceed what was credited, up to 1 pico per share change (see RewardBook).
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
