import { z } from 'zod';
import { address, uint } from '../../kernel/index.js';
import { failConfig, PPM, type ConfigFailure } from './params.js';
import type { Eco } from './state.js';

/**
 * `genesis.posEconomy.operators: [{ id, stake, uptimePpm? }]` (§3.1): operators active at
 * genesis. Values are read wide here and checked by `loadGenesis` (INVALID_CONFIG), as the spec
 * makes them build checks.
 */
export const genesisSchema = z.strictObject({
  operators: z.array(z.strictObject({ id: address, stake: uint(256), uptimePpm: uint(64).optional() })).optional(),
});

export type PosEconomyGenesis = z.output<typeof genesisSchema>;

/**
 * The genesis checks of §3.1 (every operator with stake > 0 and uptimePpm ≤ 10⁶, no operator
 * twice: a name and its address are the same operator), then each operator in list order: its
 * stake allocated as genesis supply and moved into the mechanism's escrow, active from epoch 0.
 */
export function loadGenesis(eco: Eco, g: PosEconomyGenesis | undefined): void {
  const ops = g?.operators ?? [];
  const failed: ConfigFailure[] = [];
  const seen = new Map<string, number>();
  ops.forEach((o, i) => {
    const at = `genesis.posEconomy.operators[${i}]`;
    if (o.stake === 0n) failed.push({ parameter: `${at}.stake`, rule: 'a genesis operator’s stake > 0' });
    if (o.uptimePpm !== undefined && o.uptimePpm > PPM) failed.push({ parameter: `${at}.uptimePpm`, rule: 'uptimePpm ≤ 1,000,000' });
    const before = seen.get(o.id);
    if (before !== undefined) failed.push({ parameter: `${at}.id`, rule: `no operator twice: ${o.id} is also operators[${before}] (a name and its address are the same operator)` });
    else seen.set(o.id, i);
  });
  if (failed.length > 0) failConfig(failed);

  const { ctx, params, state } = eco;
  let staked = 0n;
  for (const o of ops) {
    const book = state.addOperator(o.id, o.uptimePpm ?? PPM);
    state.active.set(book.index, o.stake);
    ctx.ledger.allocate(params.asset, o.id, o.stake);
    ctx.ledger.escrowIn(params.asset, ctx.name, o.id, o.stake);
    staked += o.stake;
  }
  if (staked > 0n) state.addTotals({ staked });
}
