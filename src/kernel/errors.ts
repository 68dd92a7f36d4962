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
