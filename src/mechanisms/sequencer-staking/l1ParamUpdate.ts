import type { z } from 'zod';
import { action, argsOf, uint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { SequencerStakingErrorCode } from './errors.js';
import type { Seq, Updatable } from './state.js';

type BigKey = 'stakingValue' | 'gasLimitAddStaker' | 'gasLimitRemoveStakers' | 'challengeDeposit' | 'rewardPercentage';

/**
 * The L1 owner updates of spec 8.1 (one implementation): `arg` must be non-zero, differ from the
 * current value and not exceed `max`; the event carries the old and new values under `names`.
 */
export function bigUpdate(seq: Seq, field: BigKey, arg: string, code: SequencerStakingErrorCode, event: string, names: [string, string], max?: bigint) {
  return action({
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
  });
}
