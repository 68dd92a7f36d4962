import { address, argsOf, noArgs, query, uint } from '../../kernel/index.js';
import { issuanceAtStake, YEAR_SECONDS } from './curves.js';
import { requireOperator } from './guards.js';
import type { Eco } from './state.js';
import { accountOf, economyQuery } from '../../economy/account.js';
import { distributionQueries } from '../../economy/distribution.js';
import { toFloat } from '../../economy/metrics.js';
import { operatorDistribution } from './operatorDistribution.js';

/** §3.4 queries (amounts as decimal strings) and the economic account of §2. */
export function queries(eco: Eco) {
  const { ctx, params, state } = eco;
  const epochSeconds = BigInt(params.epochSeconds);
  return {
    getOperator: query({
      summary: 'an operator’s books: active, pendingDeposit, exiting, withdrawable (come due), locked (not yet), uptimePpm, slashPending',
      args: argsOf({ id: address }),
      run: ({ id }) => {
        const book = requireOperator(eco, id, 'id');
        const { locked, withdrawable } = state.withdrawalSums(book);
        return {
          id,
          active: `${state.activeOf(book)}`,
          pendingDeposit: `${book.pendingDeposit}`,
          exiting: `${book.exiting}`,
          withdrawable: `${withdrawable}`,
          locked: `${locked}`,
          uptimePpm: Number(state.uptime.at(book.index)!),
          slashPending: book.slashPending,
        };
      },
    }),
    getState: query({
      summary: 'processed epochs, stake D, supply, queue totals, fee revenue per epoch, and (cosmos) the inflation in 10⁻¹⁸ units',
      args: noArgs,
      run: () => {
        const t = state.totals.get();
        return {
          epoch: state.epoch.get(),
          stake: `${t.staked}`,
          supply: `${ctx.ledger.supply(params.asset)}`,
          entryQueue: `${t.entryQueue}`,
          exitQueue: `${t.exitQueue}`,
          feeRevenue: `${state.feeRevenue.get()}`,
          ...(params.issuance.kind === 'cosmos' ? { inflation: `${state.inflation.get()}` } : {}),
        };
      },
    }),
    issuanceAt: query({
      summary: 'the issuance of one epoch at a stake D (current supply and inflation, not stepped), per year, and its yield',
      args: argsOf({ stake: uint(256) }),
      run: ({ stake }) => {
        const perEpoch = issuanceAtStake(params.issuance, stake, ctx.ledger.supply(params.asset), state.inflation.get(), epochSeconds);
        const perYear = (perEpoch * YEAR_SECONDS) / epochSeconds;
        return { stake: `${stake}`, perEpoch: `${perEpoch}`, perYear: `${perYear}`, yield: stake === 0n ? 0 : toFloat(perYear, stake) };
      },
    }),
    getConfig: query({
      summary: 'the effective parameters, roles as addresses',
      args: noArgs,
      run: () => ({ ...params }),
    }),
    // economy §2: the account, `economy { asset? }` as on every mechanism.
    ...economyQuery({ defaultAsset: params.asset, assets: { [params.asset]: () => accountOf(ctx.ledger.supply(params.asset), state.totals.get().staked, state.totals.get()) } }),
    // economy §1.1–§1.2 (gwei: 9 decimals in state).
    ...distributionQueries({ asset: params.asset, decimals: 9, defaultBy: 'operator', mechanism: ctx.name, by: { operator: () => operatorDistribution(eco) } }),
  };
}
