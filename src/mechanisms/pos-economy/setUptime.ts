import { action, address, argsOf, uint } from '../../kernel/index.js';
import { PPM } from './params.js';
import { requireArgument, requireOperator, requireRole } from './guards.js';
import type { Eco } from './state.js';

/** §3.4 `setUptime { operator, uptimePpm }` (environment only): the share of its issuance an operator earns. */
export function setUptime(eco: Eco) {
  return action({
    summary: 'set an operator’s uptime (ppm of its issuance share it earns; environment only)',
    args: argsOf({ operator: address, uptimePpm: uint(64) }),
    run(sender, { operator, uptimePpm }) {
      requireRole(eco, sender, 'environment', 'setUptime');
      requireArgument(eco, uptimePpm <= PPM, 'uptimePpm', 'uptimePpm ≤ 1,000,000', uptimePpm);
      const book = requireOperator(eco, operator, 'operator');
      eco.state.uptime.set(book.index, uptimePpm);
      eco.ctx.emit('UptimeSet', () => ({ operator, uptimePpm: Number(uptimePpm) }));
    },
  });
}
