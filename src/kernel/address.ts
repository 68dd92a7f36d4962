import { keccak256, toHex, utf8, type Hex } from './bytes.js';
import { InvalidArgumentError } from './errors.js';

/** A 20-byte account address, lower-case hex. */
export type Address = Hex;

export const ZERO_ADDRESS: Address = `0x${'0'.repeat(40)}`;

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

const byName = new Map<string, Address>();
const nameByAddress = new Map<Address, string>();

/** The address a scenario name stands for: the last 20 bytes of keccak-256 of its UTF-8 bytes. */
export function addressOf(name: string): Address {
  let a = byName.get(name);
  if (a === undefined) {
    a = toHex(keccak256(utf8(name)).slice(12));
    byName.set(name, a);
    if (!nameByAddress.has(a)) nameByAddress.set(a, name);
  }
  return a;
}

export function isAddressLiteral(value: string): boolean {
  return ADDRESS_RE.test(value);
}

export function isAccountName(value: string): boolean {
  return NAME_RE.test(value) && !/^0x/i.test(value);
}

/** Accepts a 0x address (any case) or a name; returns the lower-case address. */
export function parseAddress(value: unknown): Address {
  if (typeof value !== 'string') throw new InvalidArgumentError(`expected an address or account name, got ${typeof value}`);
  if (ADDRESS_RE.test(value)) return value.toLowerCase() as Address;
  if (isAccountName(value)) return addressOf(value);
  throw new InvalidArgumentError(`not an address or account name: ${JSON.stringify(value)}`, { value });
}

/** Display only: the name an address was derived from, if this process has seen it. */
export function nameOf(address: string): string | undefined {
  return nameByAddress.get(address.toLowerCase() as Address);
}
