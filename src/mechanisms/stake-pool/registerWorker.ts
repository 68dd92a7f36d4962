import { action, address, argsOf, smallUint } from '../../kernel/index.js';
import { workerArg } from './schemas.js';
import type { Sp } from './state.js';

const args = argsOf({ worker: workerArg, operator: address, initialScore: smallUint(32).nullish(), confidenceLevel: smallUint(8) });

/** §7.1 (D1): the registry role stands in for the TEE registry; a bound worker cannot be re-registered. */
export function registerWorker(sp: Sp) {
  return action({
    summary: 'register or update a worker (registry role): operator, initial score P, confidence level',
    args,
    run(sender, { worker, operator, initialScore, confidenceLevel }) {
      const { ctx, state, params } = sp;
      if (sender !== params.registry) sp.ctx.fail('BAD_SENDER', `only the registry (${params.registry}) may register workers`, { sender });
      if (state.workerBindings.has(worker)) sp.ctx.fail('DUPLICATE_BOUND_WORKER', `worker ${worker} is bound to a pool`, { worker });
      const known = state.workers.has(worker);
      state.workers.set(worker, { operator, initialScore: initialScore ?? null, confidenceLevel });
      ctx.emit(known ? 'WorkerUpdated' : 'WorkerAdded', { pubkey: worker });
    },
  });
}
