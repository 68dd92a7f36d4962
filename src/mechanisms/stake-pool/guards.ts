import type { Address } from '../../kernel/index.js';
import type { PoolRecord, Sp } from './state.js';

export function requirePool(sp: Sp, pid: number): PoolRecord {
  const p = sp.state.pools.get(pid);
  if (!p) sp.ctx.fail('POOL_DOES_NOT_EXIST', `pool ${pid} does not exist`, { pid });
  return p;
}

export function requireOwner(sp: Sp, pool: PoolRecord, sender: Address): void {
  if (pool.owner !== sender) sp.ctx.fail('UNAUTHORIZED_POOL_OWNER', `${sender} does not own pool ${pool.pid}`, { pid: pool.pid, owner: pool.owner });
}

/** Pool and owner checks, in the reference's order. */
export function requireOwnedPool(sp: Sp, pid: number, sender: Address): PoolRecord {
  const p = requirePool(sp, pid);
  requireOwner(sp, p, sender);
  return p;
}

export function setPool(sp: Sp, pid: number, patch: Partial<PoolRecord>): PoolRecord {
  const next = { ...sp.state.pools.get(pid)!, ...patch };
  sp.state.pools.set(pid, next);
  return next;
}
