import { z } from 'zod';
import { argsOf } from '../kernel/args.js';
import { echo } from '../kernel/errors.js';
import { query } from '../kernel/mechanism.js';
import { describeValue } from '../kernel/zodMessages.js';

/**
 * The economic account of one asset of a mechanism (economy §2): running totals from genesis,
 * kept where the tokens move, plus `supply` and `staked` read at query time. Bigints here,
 * decimal strings in JSON like every amount.
 */
export interface EconomyAccount {
  readonly asset: string;
  /** Ledger total supply now. */
  readonly supply: bigint;
  /** Tokens at stake now. */
  readonly staked: bigint;
  /** Value created for stakers by the protocol's budget (not genesis, not bookkeeping). */
  readonly issued: bigint;
  /** Value destroyed that is not bookkeeping (fee burns and slashing burns alike). */
  readonly burned: bigint;
  /** Value credited to provers, stakers and delegators (commission included). */
  readonly rewardsToStakers: bigint;
  /** Fees paid by users of the protocol. */
  readonly feesPaid: bigint;
  /** The part of `feesPaid` that was destroyed. */
  readonly feesBurned: bigint;
  /** Value removed by slashing, whatever becomes of it. */
  readonly slashed: bigint;
}

/** The fields a mechanism computes for one asset (`asset` is added by the query). */
export type AccountFields = Omit<EconomyAccount, 'asset'>;

/** The running totals of an account, without the two fields read at query time. */
export type AccountTotals = Omit<AccountFields, 'supply' | 'staked'>;

export const ZERO_TOTALS: AccountTotals = { issued: 0n, burned: 0n, rewardsToStakers: 0n, feesPaid: 0n, feesBurned: 0n, slashed: 0n };

export interface EconomyQuerySpec {
  /** Asset served when the query names none. */
  readonly defaultAsset: string;
  /** Asset symbol → its account now. */
  readonly assets: Readonly<Record<string, () => AccountFields>>;
}

/**
 * The `economy { asset? }` query of economy §2 from a table of accounts per asset. `asset`
 * defaults to the mechanism's main asset; an asset it does not account for fails with
 * INVALID_ARGUMENT listing the ones it has.
 */
export function economyQuery(spec: EconomyQuerySpec) {
  const names = Object.keys(spec.assets);
  if (!Object.hasOwn(spec.assets, spec.defaultAsset)) throw new Error(`defaultAsset ${spec.defaultAsset} is not one of ${names.join(', ')}`);
  const assetArg = z
    .string({ error: (iss) => `asset must be one of ${names.join(', ')}, got ${describeValue(iss.input)}` })
    .superRefine((v, ctx) => {
      if (!Object.hasOwn(spec.assets, v)) ctx.addIssue({ code: 'custom', message: `unknown asset ${echo(v)}; this mechanism accounts for ${names.join(', ')}` });
    });
  return {
    economy: query({
      summary: `economic account of ${names.join(' | ')} (default ${spec.defaultAsset}): supply, staked, issued, burned, rewardsToStakers, feesPaid, feesBurned, slashed`,
      args: argsOf({ asset: assetArg.optional() }),
      run: ({ asset }): EconomyAccount => {
        const name = asset ?? spec.defaultAsset;
        return { asset: name, ...spec.assets[name]!() };
      },
    }),
  };
}
