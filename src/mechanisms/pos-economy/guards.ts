import type { Address } from '../../kernel/index.js';
import type { Book, Eco } from './state.js';

/** Role check (first in §3.4's order): `UNAUTHORIZED` unless `sender` holds the role. */
export function requireRole(eco: Eco, sender: Address, role: 'environment' | 'slasher', what: string): void {
  const holder = eco.params[role];
  if (sender !== holder) eco.ctx.fail('UNAUTHORIZED', `${what} may only be called by the ${role} role ${holder}, not ${sender}`, { sender, role, holder });
}

/** `NOT_AN_OPERATOR` unless `a` is a genesis operator or has ever deposited. */
export function requireOperator(eco: Eco, a: Address, field: string): Book {
  const book = eco.state.book(a);
  if (!book) eco.ctx.fail('NOT_AN_OPERATOR', `${field} ${a} is not an operator (neither a genesis operator nor ever a depositor)`, { [field]: a });
  return book;
}

/** An argument rule checked after the role (§3.4's order): `INVALID_ARGUMENT` naming the field and the rule. */
export function requireArgument(eco: Eco, ok: boolean, field: string, rule: string, value: unknown): void {
  if (!ok) eco.ctx.fail('INVALID_ARGUMENT', `${field}: ${rule}, got ${typeof value === 'bigint' ? `${value}` : JSON.stringify(value)}`, { field, rule, value: typeof value === 'bigint' ? `${value}` : value });
}
