import type { Address } from '../../kernel/index.js';
import type { Pool } from './state.js';

/** The pool's protocol-only entry points (the reference's onlyFromProtocol). */
export function requireProtocol(pool: Pool, sender: Address, what: string): void {
  if (sender !== pool.params.protocol) {
    pool.ctx.fail('UNAUTHORIZED', `${what} may only be called by the protocol role ${pool.params.protocol}`, { sender, protocol: pool.params.protocol });
  }
}
