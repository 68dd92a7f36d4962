/**
 * One base error with a stable upper-snake `code`, the mechanism (or kernel layer) that raised it,
 * a human message and machine-readable details. Leaf classes exist per domain so callers can
 * `instanceof` without string matching; the `code` is what scenarios and the JSON record compare.
 */
export class StakeworksError extends Error {
  readonly code: string;
  readonly mechanism: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, mechanism: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.mechanism = mechanism;
    this.details = details;
  }

  toJSON(): { code: string; mechanism: string; message: string; details: Record<string, unknown> } {
    return { code: this.code, mechanism: this.mechanism, message: this.message, details: this.details };
  }
}

/** Malformed input: unknown action, missing or ill-typed argument, out-of-width value, bad address. */
export class InvalidArgumentError extends StakeworksError {
  constructor(message: string, details: Record<string, unknown> = {}, mechanism = 'kernel') {
    super('INVALID_ARGUMENT', mechanism, message, details);
  }
}

/** A checked fixed-width operation overflowed (the reference reverts with an arithmetic panic). */
export class ArithmeticOverflowError extends StakeworksError {
  constructor(message: string, details: Record<string, unknown> = {}, mechanism = 'kernel') {
    super('ARITHMETIC_OVERFLOW', mechanism, message, details);
  }
}

/** A protocol rule of a mechanism refused the action (the reference contract's revert). */
export class MechanismError extends StakeworksError {}

/** The token ledger refused a transfer, burn or mint. The code is the asset's own (e.g. ERC20 strings). */
export class LedgerError extends StakeworksError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'ledger', message, details);
  }
}

/** A chain configuration (mechanism list, preset, parameter override) is invalid. */
export class ConfigError extends StakeworksError {}

/** A scenario file is malformed; `details` names the file, the step and the field. */
export class ScenarioError extends StakeworksError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('SCENARIO_INVALID', 'scenario', message, details);
  }
}

/** Codes the kernel itself raises, whatever the mechanism (argument parsing, checked math, bugs). */
export const kernelErrors = {
  INVALID_ARGUMENT: 'malformed input: unknown call, missing or ill-typed argument, out-of-width value, bad address',
  ARITHMETIC_OVERFLOW: 'a checked fixed-width operation overflowed or divided by zero (the reference panics)',
  INTERNAL_ERROR: 'a bug: something other than a StakeworksError was thrown (an undeclared error code, say)',
  SCENARIO_INVALID: 'a scenario file is malformed',
  SNAPSHOT_INVALID: 'a snapshot is malformed, belongs to another configuration, or does not reproduce its state root',
} as const;

/** The ledger's default codes, used when an asset declares no code of its own for the case. */
export const ledgerErrors = {
  INSUFFICIENT_BALANCE: 'a transfer, burn, lock or escrow exceeds the spendable balance',
  MAX_SUPPLY_EXCEEDED: 'a mint would exceed the asset’s maximum supply',
  ESCROW_INSUFFICIENT: 'a mechanism pays or burns more than it holds in escrow',
  ASSET_CONFLICT: 'an asset is declared twice with different decimals',
} as const;

/** An error catalogue: every code a mechanism can raise, with one line of meaning. */
export type ErrorCatalogue = Readonly<Record<string, string>>;

/** A value as an error message shows it: bounded in length, control characters escaped. */
export function echo(v: unknown, max = 80): string {
  let text: string;
  try {
    text = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}` : (JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}` : x)) ?? String(v));
  } catch {
    text = String(v);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/**
 * Wraps something thrown that is not a StakeworksError: a bug. The code is INTERNAL_ERROR and
 * the message says so; the JS stack stays off the record (`details`, `toJSON`) so that no stack
 * trace reaches a user's output, and is kept on the non-enumerable `internalStack` for debugging
 * (the CLI prints it when STAKEWORKS_DEBUG is set).
 */
export function internalError(err: unknown, layer = 'kernel'): StakeworksError {
  const e = err instanceof Error ? err : new Error(String(err));
  const wrapped = new StakeworksError('INTERNAL_ERROR', layer, `internal error (a bug in Stakeworks, please report it): ${echo(e.message, 200).replace(/^"|"$/g, '')}`);
  Object.defineProperty(wrapped, 'internalStack', { value: e.stack, enumerable: false });
  return wrapped;
}

/** A name (key, call, mechanism) as a message shows it: as is when it is a plain word, else quoted, escaped and cut. */
export function nameEcho(k: string, max = 60): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(k) && k.length <= max ? k : echo(k, max);
}
