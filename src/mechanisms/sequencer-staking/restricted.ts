import { noArgs, type ActionSpec } from '../../kernel/index.js';
import type { SequencerStakingErrorCode } from './errors.js';
import type { Seq } from './state.js';

/**
 * Spec 8.11: an entry point only another contract may call. It fails with `code` for every
 * sender, before argument checks (any arguments are accepted).
 */
export function restricted(seq: Seq, code: SequencerStakingErrorCode, what: string): ActionSpec {
  return {
    summary: `restricted (${what}): fails with ${code}`,
    args: noArgs.passthrough() as never,
    run: () => seq.ctx.fail(code, `${what}: caller is not allowed`),
  };
}
