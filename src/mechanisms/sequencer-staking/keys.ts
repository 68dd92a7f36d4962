import { z } from 'zod';
import { fromHex, toHex, type Hex } from '../../kernel/index.js';
import { testBlsKey, testBlsPop, testTmKey } from './bls.js';

/**
 * Key arguments (spec 3.3): `0x` hex, or `testkey:NAME` for the key derived from NAME. Test keys
 * are resolved to bytes at parse time, so protocol code only ever sees real keys and verifies
 * them for real.
 */
const TESTKEY = /^testkey:(.+)$/;
const HEX = /^0x([0-9a-fA-F]{2})*$/;

function keyArg(derive: (name: string) => Hex) {
  return z.string().transform((v, ctx): Hex => {
    const m = TESTKEY.exec(v);
    if (m) return derive(m[1]!);
    if (!HEX.test(v)) {
      ctx.addIssue({ code: 'custom', message: `expected 0x hex or testkey:NAME, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return v.toLowerCase() as Hex;
  });
}

export const tmKeyArg = keyArg(testTmKey).refine((v) => v.length === 66, 'a tendermint key is 32 bytes');
export const blsKeyArg = keyArg((name) => toHex(testBlsKey(name)));
export const blsPopArg = keyArg((name) => toHex(testBlsPop(name)));

export function hexBytes(h: Hex): Uint8Array {
  return fromHex(h);
}

export const ZERO_KEY: Hex = `0x${'0'.repeat(64)}`;
