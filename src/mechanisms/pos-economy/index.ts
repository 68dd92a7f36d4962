import { defineMechanism } from '../../kernel/index.js';
import { deposit } from './deposit.js';
import { errors } from './errors.js';
import { exit } from './exit.js';
import { genesisSchema, loadGenesis, type PosEconomyGenesis } from './genesis.js';
import { invariants } from './invariants.js';
import { checkEpochBound, onBlock } from './onBlock.js';
import { assetsOf, checkParams, paramsSchema, presets, type PosEconomyParams } from './params.js';
import { queries } from './queries.js';
import { setFeeRevenue } from './setFeeRevenue.js';
import { setUptime } from './setUptime.js';
import { slash } from './slash.js';
import { EconomyState, type Eco } from './state.js';
import { withdraw } from './withdraw.js';

/**
 * `posEconomy`: an abstract proof-of-stake network (economy spec §3): operators stake a native
 * token (9 decimals, gwei), the protocol issues rewards by a chosen curve, users pay fees of which
 * a chosen share is burned, operators enter and leave through churn-limited FIFO queues, one
 * epoch per block-hook step. Guide: docs/mechanisms/pos-economy.md. Stake is held in the
 * mechanism's ledger escrow; issuance is minted, fee burns and slashings are burned.
 */
export const posEconomyModule = defineMechanism({
  kind: 'posEconomy',
  summary: 'abstract PoS economy: issuance curves (sqrt, tempered, capped, fixedRate, cosmos), fee burn, Electra churn queues, slashing',
  presets,
  defaultPreset: 'ethereum',
  params: { schema: paramsSchema, refine: checkParams },
  assets: assetsOf,
  errors,
  genesisSchema,
  create(ctx, params: PosEconomyParams, genesis: PosEconomyGenesis | undefined) {
    const state = new EconomyState(ctx.store, params, ctx.clock.time);
    const eco: Eco = { ctx, params, state };
    loadGenesis(eco, genesis);
    return {
      actions: {
        deposit: deposit(eco),
        exit: exit(eco),
        withdraw: withdraw(eco),
        setUptime: setUptime(eco),
        setFeeRevenue: setFeeRevenue(eco),
        slash: slash(eco),
      },
      queries: queries(eco),
      // §3.2: every ended epoch, one at a time, in the block hook.
      onBlock: () => onBlock(eco),
      // Reads only: a clock move that would leave too many epochs to process fails in its own unit.
      sync: () => checkEpochBound(eco),
      invariants: invariants(eco),
      escrow: () => ({ [params.asset]: state.escrowTotal() }),
      /** The instance's internals, for the unit tests of the epoch steps and for benchmarks. */
      eco,
    };
  },
});

export type { PosEconomyParams, PosEconomyGenesis };
export { EconomyState };
export type { Eco };
