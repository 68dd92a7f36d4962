import { z } from 'zod';
import { address, argsOf, noArgs, uint, type ActionSpec, type Address } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { cleanStakerStore } from './l1Exit.js';
import type { Seq, Updatable } from './state.js';

/** Spec 8.1 updateWhitelist: adds (refusing removed stakers) then removals. */
export function updateWhitelist(seq: Seq): ActionSpec<{ add: Address[]; remove: Address[] }> {
  return {
    summary: 'owner: whitelist and un-whitelist accounts',
    args: argsOf({ add: z.array(address), remove: z.array(address) }),
    run(sender, { add, remove }) {
      const st = seq.state;
      onlyOwner(seq, sender);
      for (const a of add) {
        if (st.removedList.has(a)) seq.ctx.fail('IN_REMOVED_LIST', 'in removed list', { addr: a });
        st.whitelist.set(a, true);
      }
      for (const a of remove) st.whitelist.delete(a);
      seq.ctx.emit('WhitelistUpdated', { add: [...add], remove: [...remove] });
    },
  };
}

/** Owner action `cleanStakerStore` (spec 8.1). */
export function cleanStakerStoreAction(seq: Seq): ActionSpec<Record<string, never>> {
  return {
    summary: 'owner: physically delete stakers whose delete height has come',
    args: noArgs,
    run(sender) {
      onlyOwner(seq, sender);
      cleanStakerStore(seq);
    },
  };
}

/** Owner `claimSlashRemaining` (spec 8.1): slashed ETH not paid to challengers. */
export function claimSlashRemaining(seq: Seq): ActionSpec<{ receiver: Address }> {
  return {
    summary: 'owner: sweep slashed ETH not paid to challengers',
    args: argsOf({ receiver: address }),
    run(sender, { receiver }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const amount = st.slashRemaining.get();
      if (amount > 0n) {
        ctx.ledger.escrowOut('ETH', ctx.name, receiver, amount);
        st.escrowL1Staking.set(st.escrowL1Staking.get() - amount);
      }
      st.slashRemaining.set(0n);
      ctx.emit('SlashRemainingClaimed', { receiver, amount });
    },
  };
}

type BigKey = 'stakingValue' | 'gasLimitAddStaker' | 'gasLimitRemoveStakers' | 'challengeDeposit' | 'rewardPercentage';

/** The L1 owner updates of spec 8.1 (one table, one implementation). */
function bigUpdate(seq: Seq, field: BigKey, arg: string, code: string, event: string, names: [string, string], max?: bigint): ActionSpec<Record<string, bigint>> {
  return {
    summary: `owner: update ${field}`,
    args: argsOf({ [arg]: uint(256) }) as unknown as z.ZodType<Record<string, bigint>>,
    run(sender, a) {
      onlyOwner(seq, sender);
      const v = a[arg]!;
      const old = seq.state.u[field];
      if (v === 0n || v === old || (max !== undefined && v > max)) seq.ctx.fail(code, `invalid ${field}`, { value: `${v}` });
      seq.state.updatable.set({ ...seq.state.u, [field]: v } as Updatable);
      seq.ctx.emit(event, { [names[0]]: old, [names[1]]: v });
    },
  };
}

export function l1OwnerUpdates(seq: Seq): Record<string, ActionSpec> {
  return {
    updateStakingValue: bigUpdate(seq, 'stakingValue', 'stakingValue', 'INVALID_STAKING_VALUE', 'StakingValueUpdated', ['oldStakingValue', 'newStakingValue']),
    updateGasLimitAddStaker: bigUpdate(seq, 'gasLimitAddStaker', 'gasLimit', 'INVALID_NEW_GAS_LIMIT', 'GasLimitAddStakerUpdated', ['oldGasLimit', 'newGasLimit']),
    updateGasLimitRemoveStakers: bigUpdate(seq, 'gasLimitRemoveStakers', 'gasLimit', 'INVALID_NEW_GAS_LIMIT', 'GasLimitRemoveStakersUpdated', ['oldGasLimit', 'newGasLimit']),
    updateChallengeDeposit: bigUpdate(seq, 'challengeDeposit', 'challengeDeposit', 'INVALID_CHALLENGE_DEPOSIT_VALUE', 'ChallengeDepositUpdated', ['oldChallengeDeposit', 'newChallengeDeposit']),
    updateRewardPercentage: bigUpdate(seq, 'rewardPercentage', 'rewardPercentage', 'INVALID_REWARD_PERCENTAGE', 'RewardPercentageUpdated', ['oldPercentage', 'newPercentage'], 100n),
  };
}
