import { z } from 'zod';
import { argsOf } from '../kernel/args.js';
import { echo } from '../kernel/errors.js';
import { query } from '../kernel/mechanism.js';
import { describeValue } from '../kernel/zodMessages.js';

/** The amounts of an economic account (economy §2), as a mechanism computes them. */
export interface AccountFields {
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

/**
 * The `economy` query result: the economic account of one asset, every amount a decimal string
 * (economy §2: "All fields are decimal strings"; posEconomy answers the same way).
 */
export type EconomyAccount = { readonly asset: string } & { readonly [K in keyof AccountFields]: string };

/** The running totals of an account, without the two fields read at query time. */
export type AccountTotals = Omit<AccountFields, 'supply' | 'staked'>;

export const ZERO_TOTALS: AccountTotals = { issued: 0n, burned: 0n, rewardsToStakers: 0n, feesPaid: 0n, feesBurned: 0n, slashed: 0n };

/** An account from the two amounts read now and the running totals (extra bookkeeping fields of `t` are left out). */
export function accountOf(supply: bigint, staked: bigint, t: AccountTotals): AccountFields {
  return { supply, staked, issued: t.issued, burned: t.burned, rewardsToStakers: t.rewardsToStakers, feesPaid: t.feesPaid, feesBurned: t.feesBurned, slashed: t.slashed };
}

export interface EconomyQuerySpec {
  /** Asset served when the query names none. */
  readonly defaultAsset: string;
  /** Asset symbol → its account now. */
  readonly assets: Readonly<Record<string, () => AccountFields>>;
}

/** An account as the query serves it: the asset, then every field as a decimal string, in §2's order. */
export function accountView(asset: string, a: AccountFields): EconomyAccount {
  return {
    asset,
    supply: `${a.supply}`,
    staked: `${a.staked}`,
    issued: `${a.issued}`,
    burned: `${a.burned}`,
    rewardsToStakers: `${a.rewardsToStakers}`,
    feesPaid: `${a.feesPaid}`,
    feesBurned: `${a.feesBurned}`,
    slashed: `${a.slashed}`,
  };
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
        return accountView(name, spec.assets[name]!());
      },
    }),
  };
}
