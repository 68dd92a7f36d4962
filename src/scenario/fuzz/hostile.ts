import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { addressOf } from '../../kernel/index.js';
import { fromRoot } from '../../testing/repoRoot.js';

/**
 * Hostile scenario files for the fuzz harness: valid seed scenarios mutated one way at a time,
 * and bad files built from scratch. Every case says whether it is certainly invalid input
 * (`invalid: true`: the engine must refuse it, exit code ≠ 0) or only hostile/ambiguous
 * (`invalid: false`: it may run; it must still not crash, hang, blow memory or print a trace).
 */
export interface HostileCase {
  /** A file name (with .yaml or .json) describing the mutation. */
  name: string;
  bytes: Uint8Array;
  invalid: boolean;
  /** The hostile class (proto-key, non-finite, out-of-bound, huge-size, lenient-number, …). */
  class: string;
  /** The 1-based step the mutation is in, when it is in a step: a load error must name it. */
  step?: number;
  /** One line on what was done. */
  what: string;
}

export const CASE_CLASSES = [
  'seed',
  'proto-key',
  'non-finite',
  'out-of-bound',
  'huge-size',
  'lenient-number',
  'same-account',
  'duplicate-id',
  'above-max-supply',
  'non-utf8',
  'yaml-tag',
  'alias-bomb',
  'deep-nesting',
  'long-string',
  'control-chars',
  'wrong-type',
  'unknown-step',
  'empty',
  'binary',
  'truncated',
  'random-replace',
] as const;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Small valid scenarios of every mechanism (tx, query, advance steps; genesis balances; initialStakers; stake-pool workers). */
export const SEED_FILES = [
  'test/vectors/prover-pool/s3-exit-withdraw-timing.yaml',
  'test/vectors/prover-pool/x2-block-fee-overflow.yaml',
  'test/vectors/sequencer-staking/l2-02-genesis-params.yaml',
  'test/vectors/sequencer-staking/l1-14-register-twice.yaml',
  'test/vectors/stake-pool/t9.yaml',
  'examples/sequencer-staking-week-of-rewards.yaml',
];

let seedCache: Array<{ file: string; doc: Doc }> | undefined;
export function seeds(): Array<{ file: string; doc: Doc }> {
  seedCache ??= SEED_FILES.map((file) => ({ file, doc: parse(readFileSync(fromRoot(file), 'utf8')) as Doc }));
  return seedCache;
}

// ── serialisation with raw tokens ────────────────────────────────────────────────────────────

/** A value that serialises as the raw text `text` (e.g. `.nan`, `1e400`, `!!js/function x`). */
class Raw {
  constructor(readonly text: string) {}
}
const raw = (text: string): Raw => new Raw(text);

function serialise(doc: unknown, format: 'yaml' | 'json'): string {
  const table: string[] = [];
  const sub = (v: unknown): unknown => {
    if (v instanceof Raw) {
      table.push(v.text);
      return `RAWTOK${table.length - 1}Z`;
    }
    if (typeof v === 'bigint') {
      table.push(v.toString());
      return `RAWTOK${table.length - 1}Z`;
    }
    if (Array.isArray(v)) return v.map(sub);
    if (v && typeof v === 'object') {
      const out: Doc = {};
      for (const k of Object.keys(v)) setKey(out, k, sub((v as Doc)[k]));
      return out;
    }
    return v;
  };
  const plain = sub(doc);
  const text = format === 'json' ? JSON.stringify(plain, null, 1) : stringify(plain, { lineWidth: 0 });
  return text.replace(/["']?RAWTOK(\d+)Z["']?/g, (_m, i: string) => table[Number(i)]!);
}

/** Own enumerable key, even for `__proto__`. */
function setKey(o: Doc, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const clone = (d: Doc): Doc => JSON.parse(JSON.stringify(d)) as Doc;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

// ── a tiny deterministic PRNG so every mutation is reproducible from the fast-check draw ─────

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

// ── helpers over seed documents ──────────────────────────────────────────────────────────────

interface Out {
  doc?: Doc;
  text?: string;
  bytes?: Uint8Array;
  invalid: boolean;
  step?: number;
  what: string;
}

type StepKind = 'tx' | 'query' | 'advance';
function stepsOf(d: Doc, kind: StepKind): number[] {
  return ((d.steps ?? []) as Doc[]).flatMap((s, i) => (s && typeof s === 'object' && kind in s ? [i] : []));
}

/** An integer-valued argument of a tx/query step (number or decimal string): [step index, arg name]. */
function intArgs(d: Doc): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  ((d.steps ?? []) as Doc[]).forEach((s, i) => {
    const a = (s.tx ?? s.query)?.args as Doc | undefined;
    for (const [k, v] of Object.entries(a ?? {})) if (typeof v === 'number' || (typeof v === 'string' && /^[0-9]+$/.test(v))) out.push([i, k]);
  });
  return out;
}

function mechName(d: Doc): string {
  return Object.keys(d.chain.mechanisms)[0]!;
}
function firstAccount(d: Doc): [string, string] {
  const [who, assets] = Object.entries(d.genesis.balances as Doc)[0]!;
  return [who, Object.keys(assets as Doc)[0]!];
}
function ensureAdvance(d: Doc, advance: Doc): number {
  d.steps ??= [];
  d.steps.push({ advance });
  return d.steps.length - 1;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;
const NON_FINITE_YAML = ['.nan', '.NaN', '.inf', '-.inf', '+.inf', '1e400', '-1e400'];
const NON_FINITE_JSON = ['1e400', '-1e400'];
const TWO53 = 2n ** 53n;

// ── the mutators ─────────────────────────────────────────────────────────────────────────────

type Mutator = (seed: Doc, r: Rng, format: 'yaml' | 'json') => Out;

const mutators: Record<Exclude<(typeof CASE_CLASSES)[number], 'empty' | 'binary' | 'seed'>, Mutator> = {
  'proto-key'(d, r) {
    const k = r.pick(PROTO_KEYS);
    const m = mechName(d);
    const where = r.int(11);
    switch (where) {
      case 0: {
        d.steps ??= [];
        const v: Doc = {};
        setKey(v, k, { call: `${m}.stake` });
        d.steps.unshift(v);
        return { doc: d, invalid: true, step: 1, what: `a step of kind ${k}` };
      }
      case 1:
        d.chain.mechanisms[m].preset = k;
        return { doc: d, invalid: true, what: `preset ${k}` };
      case 2:
        setKey(d.chain.mechanisms, k, {});
        return { doc: d, invalid: true, what: `mechanism named ${k}` };
      case 3: {
        const txs = stepsOf(d, 'tx').concat(stepsOf(d, 'query'));
        if (txs.length === 0) break;
        const i = r.pick(txs);
        const body = d.steps[i].tx ?? d.steps[i].query;
        body.args ??= {};
        setKey(body.args, k, r.pick([1, 'x', {}, null]));
        return { doc: d, invalid: true, step: i + 1, what: `argument named ${k} in step ${i + 1}` };
      }
      case 4: {
        setKey(d.genesis.balances, k, { [firstAccount(d)[1]]: '1' });
        return { doc: d, invalid: false, what: `genesis.balances account named ${k}` };
      }
      case 5: {
        const [who] = firstAccount(d);
        setKey(d.genesis.balances[who], k, '1');
        return { doc: d, invalid: true, what: `genesis.balances.${who} asset named ${k}` };
      }
      case 6: {
        const i = d.steps?.length ? r.int(d.steps.length) : -1;
        if (i < 0 || !('tx' in d.steps[i] || 'advance' in d.steps[i])) break;
        d.steps[i].expect ??= {};
        d.steps[i].expect.balances ??= {};
        const sub: Doc = {};
        setKey(sub, firstAccount(d)[1], '0');
        setKey(d.steps[i].expect.balances, k, sub);
        return { doc: d, invalid: false, step: i + 1, what: `expect.balances.${k} in step ${i + 1}` };
      }
      case 7: {
        const i = d.steps?.length ? r.int(d.steps.length) : -1;
        if (i < 0 || !('tx' in d.steps[i] || 'advance' in d.steps[i])) break;
        const [who] = firstAccount(d);
        d.steps[i].expect ??= {};
        d.steps[i].expect.balances = {};
        const sub: Doc = {};
        setKey(sub, k, '0');
        setKey(d.steps[i].expect.balances, who, sub);
        return { doc: d, invalid: true, step: i + 1, what: `expect.balances.${who}.${k} (no such asset) in step ${i + 1}` };
      }
      case 8: {
        if (k === '__proto__') break; // not a valid call name by the schema's regex either way
        d.steps ??= [];
        d.steps.unshift(r.int(2) ? { tx: { from: 'alice', call: `${m}.${k}` } } : { query: { call: `${m}.${k}` } });
        return { doc: d, invalid: true, step: 1, what: `call ${m}.${k}` };
      }
      case 9:
        setKey(d.chain.mechanisms[m], k, r.pick([1, 'x', {}, []]));
        return { doc: d, invalid: true, what: `mechanism parameter ${k}` };
      case 10: {
        d.steps ??= [];
        d.steps.unshift({ tx: { from: k, call: `${m}.${m === 'stakePool' ? 'create' : 'exit'}` } });
        return { doc: d, invalid: false, step: 1, what: `tx from account named ${k}` };
      }
    }
    setKey(d, k, {});
    return { doc: d, invalid: true, what: `top-level key ${k}` };
  },

  'non-finite'(d, r, format) {
    const tok = raw(r.pick(format === 'json' ? NON_FINITE_JSON : NON_FINITE_YAML));
    const where = r.int(5);
    if (where === 0) {
      const i = ensureAdvance(d, { seconds: 1 });
      d.steps[i].advance = { seconds: tok };
      return { doc: d, invalid: true, step: i + 1, what: `advance.seconds ${tok.text}` };
    }
    if (where === 1) {
      d.genesis.time = tok;
      return { doc: d, invalid: true, what: `genesis.time ${tok.text}` };
    }
    if (where === 2) {
      const [who, asset] = firstAccount(d);
      d.genesis.balances[who][asset] = tok;
      return { doc: d, invalid: true, what: `genesis.balances.${who}.${asset} ${tok.text}` };
    }
    const ia = intArgs(d);
    if (where === 3 && ia.length) {
      const [i, k] = r.pick(ia);
      (d.steps[i].tx ?? d.steps[i].query).args[k] = tok;
      return { doc: d, invalid: true, step: i + 1, what: `argument ${k} of step ${i + 1} ${tok.text}` };
    }
    const m = mechName(d);
    const param = { proverPool: 'initFeePerGas', sequencerStaking: 'sequencerSetMaxSize', stakePool: 'maxPoolWorkers' }[m] ?? 'x';
    d.chain.mechanisms[m][param] = tok;
    return { doc: d, invalid: true, what: `parameter ${m}.${param} ${tok.text}` };
  },

  'out-of-bound'(d, r) {
    const big = r.pick([TWO53, TWO53 + 1n, 2n ** 64n, 2n ** 256n, 10n ** 400n]);
    const where = r.int(7);
    switch (where) {
      case 0: {
        const i = ensureAdvance(d, { seconds: big });
        return { doc: d, invalid: true, step: i + 1, what: `advance.seconds ${big}` };
      }
      case 1: {
        // time + seconds overflows 2^53 while both are safe integers
        const t = Number(d.genesis.time ?? 0);
        const i = ensureAdvance(d, { seconds: Number(TWO53) - 1 - t + 1 + r.int(1000) });
        if (Number(TWO53) - t + 1000 > Number.MAX_SAFE_INTEGER) d.steps[i].advance.seconds = Number.MAX_SAFE_INTEGER;
        return { doc: d, invalid: true, step: i + 1, what: `advance.seconds so that time + seconds ≥ 2^53` };
      }
      case 2: {
        d.genesis.time = Number.MAX_SAFE_INTEGER - r.int(3);
        d.steps = [{ advance: { seconds: 10 + r.int(100) } }, ...(d.steps ?? [])];
        return { doc: d, invalid: true, step: 1, what: `genesis.time near 2^53, then advance seconds` };
      }
      case 3: {
        d.genesis.height = Number.MAX_SAFE_INTEGER - r.int(3);
        d.steps = [{ advance: { blocks: 10 + r.int(100) } }, ...(d.steps ?? [])];
        return { doc: d, invalid: true, step: 1, what: `genesis.height near 2^53, then advance blocks` };
      }
      case 4: {
        const i = ensureAdvance(d, { blocks: big });
        return { doc: d, invalid: true, step: i + 1, what: `advance.blocks ${big}` };
      }
      case 5: {
        d.genesis.height = big;
        return { doc: d, invalid: true, what: `genesis.height ${big}` };
      }
    }
    const ia = intArgs(d);
    if (ia.length === 0) {
      d.genesis.time = big;
      return { doc: d, invalid: true, what: `genesis.time ${big}` };
    }
    const [i, k] = r.pick(ia);
    (d.steps[i].tx ?? d.steps[i].query).args[k] = 2n ** 256n + BigInt(r.int(5));
    return { doc: d, invalid: true, step: i + 1, what: `argument ${k} of step ${i + 1} above 2^256` };
  },

  'huge-size'(d, r) {
    const m = mechName(d);
    const where = r.int(7);
    if (m === 'proverPool' && where < 3) {
      const [k, v] = r.pick([
        ['maxProvers', 4294967295],
        ['maxProvers', 1_000_000],
        ['blockRingBufferSize', 2 ** 48 - 1],
        ['blockMaxProposals', 2 ** 47],
        ['rewardOpenMaxCount', 2 ** 48 - 1],
      ] as const);
      d.chain.mechanisms[m][k] = v;
      if (k === 'blockMaxProposals') d.chain.mechanisms[m].blockRingBufferSize = 2 ** 48 - 1;
      return { doc: d, invalid: false, what: `proverPool.${k} = ${v}` };
    }
    if (m === 'sequencerStaking' && where < 2) {
      const n = r.pick([256, 300, 1000]);
      d.chain.mechanisms[m].initialStakers = Array.from({ length: n }, (_, i) => `staker${i}`);
      return { doc: d, invalid: false, what: `sequencerStaking initialStakers list of ${n}` };
    }
    if (m === 'sequencerStaking' && where < 4) {
      // 10^6 reward epochs in one advance (epoch = 1 day)
      d.steps ??= [];
      d.steps.push({ tx: { from: 'owner', call: 'sequencerStaking.startReward' } }, { advance: { seconds: 86400 * r.pick([1_000_000, 10_000_000]) } });
      return { doc: d, invalid: false, what: `sequencerStaking: startReward then ≥10^6 epochs in one advance` };
    }
    if (m === 'sequencerStaking' && where < 5) {
      d.chain.mechanisms[m].sequencerSetMaxSize = Number.MAX_SAFE_INTEGER;
      return { doc: d, invalid: false, what: `sequencerSetMaxSize 2^53-1` };
    }
    if (m === 'stakePool' && where < 3) {
      const [k, v] = r.pick([
        ['maxPoolWorkers', 4294967295],
        ['maxWhitelistLen', 4294967295],
        ['maxDescriptionLen', 4294967295],
      ] as const);
      d.chain.mechanisms[m][k] = v;
      return { doc: d, invalid: false, what: `stakePool.${k} = ${v}` };
    }
    if (m === 'stakePool' && where < 5) {
      const n = r.pick([1000, 20000]);
      d.genesis.stakePool ??= {};
      d.genesis.stakePool.workers = Array.from({ length: n }, (_, i) => ({ worker: `w${i}`, operator: 'acc1', initialScore: 1, confidenceLevel: 128 }));
      return { doc: d, invalid: false, what: `stake-pool genesis with ${n} workers` };
    }
    const b = r.pick([1_000_000, 100_000_000, Number.MAX_SAFE_INTEGER - 2 ** 40]);
    const i = ensureAdvance(d, { blocks: b });
    return { doc: d, invalid: false, step: i + 1, what: `advance.blocks ${b}` };
  },

  'lenient-number'(d, r, format) {
    const forms = ['1e3', ' 12 ', '00012', '-0', '+5', '0x10', '1_000', '12.0', '0o17', '１２'];
    const f = r.pick(forms);
    // as a quoted string, or (YAML) as the raw plain scalar the YAML core schema would read leniently
    const asRaw = format === 'yaml' && ['1e3', '+5', '0x10', '12.0', '0o17'].includes(f) && r.int(2) === 0;
    const v = asRaw ? raw(f) : f;
    const where = r.int(4);
    if (where === 0) {
      const i = ensureAdvance(d, { seconds: 1 });
      d.steps[i].advance = { seconds: v };
      return { doc: d, invalid: true, step: i + 1, what: `advance.seconds ${JSON.stringify(f)}${asRaw ? ' (plain scalar)' : ''}` };
    }
    if (where === 1) {
      d.genesis.time = v;
      return { doc: d, invalid: true, what: `genesis.time ${JSON.stringify(f)}${asRaw ? ' (plain scalar)' : ''}` };
    }
    if (where === 2) {
      const [who, asset] = firstAccount(d);
      d.genesis.balances[who][asset] = v;
      return { doc: d, invalid: true, what: `genesis.balances.${who}.${asset} ${JSON.stringify(f)}${asRaw ? ' (plain scalar)' : ''}` };
    }
    const ia = intArgs(d);
    if (ia.length === 0) {
      d.genesis.height = v;
      return { doc: d, invalid: true, what: `genesis.height ${JSON.stringify(f)}` };
    }
    const [i, k] = r.pick(ia);
    (d.steps[i].tx ?? d.steps[i].query).args[k] = v;
    return { doc: d, invalid: true, step: i + 1, what: `argument ${k} of step ${i + 1} ${JSON.stringify(f)}${asRaw ? ' (plain scalar)' : ''}` };
  },

  'same-account'(d, r) {
    const [who, asset] = firstAccount(d);
    const addr = addressOf(who);
    const form = r.int(3);
    if (form === 0) {
      d.genesis.balances[addr] = { [asset]: '1' };
      return { doc: d, invalid: true, what: `genesis.balances has ${who} and its address ${addr}` };
    }
    const mixed = `0x${addr.slice(2).toUpperCase()}`;
    if (form === 1) {
      d.genesis.balances[addr] = { [asset]: '1' };
      d.genesis.balances[mixed] = { [asset]: '2' };
      return { doc: d, invalid: true, what: `genesis.balances has ${addr} in lower and upper case` };
    }
    d.genesis.balances[mixed] = { [asset]: '3' };
    return { doc: d, invalid: true, what: `genesis.balances has ${who} and its address in upper case` };
  },

  'duplicate-id'(d, r) {
    if (mechName(d) !== 'stakePool') {
      // another seed: same account twice in sequencerStaking initialStakers / challengers
      const m = mechName(d);
      if (m === 'sequencerStaking') {
        d.chain.mechanisms[m].initialStakers = ['first', 'first'];
        return { doc: d, invalid: true, what: 'initialStakers lists the same staker twice' };
      }
      d.genesis.balances = { ...d.genesis.balances, ...{} };
      const [who, asset] = firstAccount(d);
      d.genesis.balances[addressOf(who).toUpperCase().replace('0X', '0x')] = { [asset]: '1' };
      return { doc: d, invalid: true, what: `genesis.balances repeats ${who} as an upper-case address` };
    }
    d.genesis.stakePool ??= {};
    const which = r.int(3);
    if (which === 0) {
      d.genesis.stakePool.workers = [...(d.genesis.stakePool.workers ?? []), { worker: 'w1', operator: 'acc2', initialScore: 1, confidenceLevel: 128 }];
      return { doc: d, invalid: true, what: 'stake-pool genesis lists worker w1 twice' };
    }
    const pool = { pid: 0, owner: 'acc1' };
    d.genesis.stakePool.poolCount = 1;
    if (which === 1) {
      d.genesis.stakePool.pools = [pool, { pid: 0, owner: 'acc2' }];
      return { doc: d, invalid: true, what: 'stake-pool genesis lists pid 0 twice' };
    }
    d.genesis.stakePool.pools = [pool];
    d.genesis.stakePool.stakers = [
      { pid: 0, user: 'acc1', shares: '1' },
      { pid: 0, user: 'acc1', shares: '2' },
    ];
    return { doc: d, invalid: true, what: 'stake-pool genesis lists staker (0, acc1) twice' };
  },

  'above-max-supply'(d, r) {
    const m = mechName(d);
    if (m === 'proverPool') {
      const form = r.int(3);
      if (form === 0) {
        d.genesis.balances.alice = { TKO: (2n ** 64n).toString() };
        return { doc: d, invalid: true, what: 'alice holds 2^64 TKO (max supply 2^64-1)' };
      }
      if (form === 1) {
        d.genesis.balances.whale1 = { TKO: (2n ** 63n).toString() };
        d.genesis.balances.whale2 = { TKO: (2n ** 63n).toString() };
        return { doc: d, invalid: true, what: 'two accounts of 2^63 TKO (sum above max supply)' };
      }
      d.chain.mechanisms[m].tkoMaxSupply = '1000';
      d.genesis.balances.alice = { TKO: '1001' };
      return { doc: d, invalid: true, what: 'tkoMaxSupply 1000, alice holds 1001' };
    }
    const [who, asset] = firstAccount(d);
    d.genesis.balances[who][asset] = (2n ** 256n).toString();
    return { doc: d, invalid: true, what: `${who} holds 2^256 ${asset}` };
  },

  'non-utf8'(d, r, format) {
    const bad = r.pick([[0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0x80, 0x80]]);
    const where = r.int(3);
    let marker = 'BADBYTESHERE';
    if (where === 0) d.name = `name ${marker}`;
    else if (where === 1) {
      const [who, asset] = firstAccount(d);
      d.genesis.balances[`${who}${marker}`] = { [asset]: '1' };
    } else {
      d.steps ??= [];
      d.steps.unshift({ note: marker });
    }
    const text = serialise(d, format);
    const i = text.indexOf(marker);
    const b = enc(text);
    const pre = enc(text.slice(0, i));
    const post = enc(text.slice(i + marker.length));
    const out = new Uint8Array(pre.length + bad.length + post.length);
    out.set(pre, 0);
    out.set(bad, pre.length);
    out.set(post, pre.length + bad.length);
    marker = '';
    void b;
    return { bytes: out, invalid: true, step: where === 2 ? 1 : undefined, what: `bytes ${bad.map((x) => x.toString(16)).join(' ')} (not UTF-8) in ${['name', 'an account name', 'a note'][where]}` };
  },

  'yaml-tag'(d, r) {
    const tag = r.pick(['!!js/function "function () { return 1 }"', '!foo bar', '!!js/undefined ""', '!!python/object:os.system "ls"', '!<tag:yaml.org,2002:js/regexp> /x/', '!!binary aGVsbG8=']);
    const where = r.int(3);
    if (where === 0) {
      d.name = raw(tag);
      return { doc: d, invalid: true, what: `name: ${tag}` };
    }
    if (where === 1) {
      const [who, asset] = firstAccount(d);
      d.genesis.balances[who][asset] = raw(tag);
      return { doc: d, invalid: true, what: `a genesis balance: ${tag}` };
    }
    d.steps ??= [];
    d.steps.unshift({ query: { call: `${mechName(d)}.x`, args: { a: raw(tag) } } });
    return { doc: d, invalid: true, step: 1, what: `a query argument: ${tag}` };
  },

  'alias-bomb'(d, r) {
    const depth = 6 + r.int(4);
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= depth; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const bomb = `${lines.map((l) => `  ${l}`).join('\n')}`;
    const where = r.int(2);
    const base = serialise({ ...d, steps: [] }, 'yaml').replace(/^steps: \[\]\n?/m, '');
    if (where === 0) return { text: `${base}description:\n${bomb}\n`, invalid: true, what: `billion laughs (10^${depth + 1}) under description` };
    return {
      text: `${base}steps:\n  - query: { call: ${mechName(d)}.getState }\n    expect:\n${bomb.replace(/^/gm, '    ')}\n`,
      invalid: true,
      step: 1,
      what: `billion laughs (10^${depth + 1}) in a query expectation`,
    };
  },

  'deep-nesting'(d, r, format) {
    const depth = r.pick([1000, 10_000, 100_000]);
    const arr = r.int(2) === 0;
    const open = arr ? '[' : '{"a":';
    const close = arr ? ']' : '}';
    const nested = raw(`${open.repeat(depth)}1${close.repeat(depth)}`);
    const where = r.int(3);
    if (where === 0) {
      d.name = nested;
      return { doc: d, invalid: true, what: `name nested ${depth} deep` };
    }
    if (where === 1) {
      d.steps ??= [];
      d.steps.unshift({ query: { call: `${mechName(d)}.getState` }, expect: nested });
      return { doc: d, invalid: true, step: 1, what: `a query expectation nested ${depth} deep (${format})` };
    }
    d.steps ??= [];
    d.steps.unshift({ tx: { from: 'alice', call: `${mechName(d)}.stake`, args: { amount: nested } } });
    return { doc: d, invalid: true, step: 1, what: `a tx argument nested ${depth} deep` };
  },

  'long-string'(d, r) {
    const n = r.pick([100_000, 1_000_000, 5_000_000]);
    const s = 'x'.repeat(n);
    const where = r.int(4);
    if (where === 0) {
      d.name = s;
      return { doc: d, invalid: false, what: `name of ${n} characters` };
    }
    if (where === 1) {
      d.steps ??= [];
      d.steps.unshift({ tx: { from: s, call: `${mechName(d)}.exit` } });
      return { doc: d, invalid: false, step: 1, what: `tx from an account name of ${n} characters` };
    }
    if (where === 2) {
      d.steps ??= [];
      d.steps.unshift({ tx: { from: 'alice', call: `${mechName(d)}.${s}` } });
      return { doc: d, invalid: true, step: 1, what: `call name of ${n} characters` };
    }
    d.genesis.balances[s] = { [firstAccount(d)[1]]: '1' };
    return { doc: d, invalid: false, what: `genesis account name of ${n} characters` };
  },

  'control-chars'(d, r) {
    const cc = r.pick(['\u0000', '\u001b[2J\u001b[31m', '\r', '\u0007', '\u202e', '\u0008\u0008\u0008', '\ud800']);
    const where = r.int(4);
    if (where === 0) {
      d.name = `evil${cc}name`;
      return { doc: d, invalid: false, what: `control characters ${JSON.stringify(cc)} in the name` };
    }
    if (where === 1) {
      d.steps ??= [];
      d.steps.unshift({ tx: { from: `alice${cc}`, call: `${mechName(d)}.exit` } });
      return { doc: d, invalid: false, step: 1, what: `control characters ${JSON.stringify(cc)} in tx.from` };
    }
    if (where === 2) {
      d.steps ??= [];
      d.steps.unshift({ tx: { from: 'alice', call: `${mechName(d)}.stake${cc}` } });
      return { doc: d, invalid: true, step: 1, what: `control characters ${JSON.stringify(cc)} in tx.call` };
    }
    const [who, asset] = firstAccount(d);
    d.genesis.balances[`${who}${cc}`] = { [asset]: '1' };
    return { doc: d, invalid: false, what: `control characters ${JSON.stringify(cc)} in a genesis account name` };
  },

  'wrong-type'(d, r) {
    const bad = (): unknown => r.pick([[], [1, 2], {}, { a: 1 }, null, 7, 'str', true]);
    const targets: Array<[string, (v: unknown) => number | undefined, (v: unknown) => boolean]> = [
      ['chain', (v) => ((d.chain = v), undefined), (v) => v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length >= 0],
      ['chain.mechanisms', (v) => ((d.chain.mechanisms = v), undefined), (v) => v === null || typeof v !== 'object' || Array.isArray(v)],
      ['steps', (v) => ((d.steps = v), undefined), (v) => !Array.isArray(v) || v.length > 0],
      ['genesis', (v) => ((d.genesis = v), undefined), (v) => v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length > 0],
      ['genesis.balances', (v) => ((d.genesis.balances = v), undefined), (v) => v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length > 0],
      ['name', (v) => ((d.name = v), undefined), (v) => typeof v !== 'string'],
      ['step', (v) => ((d.steps[0] = v), 1), () => true],
      ['tx.from', (v) => (stepsOf(d, 'tx').length ? ((d.steps[stepsOf(d, 'tx')[0]!].tx.from = v), stepsOf(d, 'tx')[0]! + 1) : undefined), (v) => typeof v !== 'string'],
      ['tx.call', (v) => (stepsOf(d, 'tx').length ? ((d.steps[stepsOf(d, 'tx')[0]!].tx.call = v), stepsOf(d, 'tx')[0]! + 1) : undefined), (v) => typeof v !== 'string'],
      ['advance.seconds', (v) => (stepsOf(d, 'advance').length ? ((d.steps[stepsOf(d, 'advance')[0]!].advance = { seconds: v }), stepsOf(d, 'advance')[0]! + 1) : undefined), (v) => typeof v !== 'number'],
      ['preset', (v) => ((d.chain.mechanisms[mechName(d)].preset = v), undefined), (v) => typeof v !== 'string'],
    ];
    const [what, set, isInvalid] = r.pick(targets);
    const v = bad();
    const mechanismNameBefore = typeof d.chain === 'object' ? mechName(d) : '';
    const step = set(v);
    const hasSteps = Array.isArray(d.steps) && d.steps.length > 0;
    void mechanismNameBefore;
    const certain = isInvalid(v) && !(what === 'step' && !hasSteps) && (what !== 'tx.from' && what !== 'tx.call' ? true : step !== undefined) && (what !== 'advance.seconds' || step !== undefined);
    return { doc: d, invalid: certain, step, what: `${what} replaced by ${JSON.stringify(v)}` };
  },

  'unknown-step'(d, r) {
    const s = r.pick<Doc>([{ deposit: { from: 'alice' } }, { txx: { from: 'alice', call: 'proverPool.stake' } }, {}, { expect: {} }, { TX: { from: 'a', call: 'a.b' } }, { tx: { from: 'alice', call: 'proverPool.stake' }, advance: { seconds: 1 } }]);
    d.steps ??= [];
    const i = r.int(d.steps.length + 1);
    d.steps.splice(i, 0, s);
    return { doc: d, invalid: true, step: i + 1, what: `unknown step ${JSON.stringify(s)} at step ${i + 1}` };
  },

  truncated(d, r, format) {
    const text = serialise(d, format);
    const cut = 1 + r.int(text.length - 2);
    return { text: text.slice(0, cut), invalid: format === 'json', what: `${format} cut at ${cut} of ${text.length}` };
  },

  'random-replace'(d, r) {
    // replace one random node anywhere with a random value: only crash/hang/trace properties apply
    const paths: Array<[Doc, string]> = [];
    const walk = (o: unknown): void => {
      if (o && typeof o === 'object') for (const k of Object.keys(o)) {
        paths.push([o as Doc, k]);
        walk((o as Doc)[k]);
      }
    };
    walk(d);
    const [o, k] = r.pick(paths);
    const v = r.pick<unknown>([null, [], {}, '', '-1', -1, 0, 1.5, Number.MAX_SAFE_INTEGER, raw('.nan'), 2n ** 70n, 'alice', '0x', true, [{}]]);
    o[k] = v;
    return { doc: d, invalid: false, what: `${k} replaced by ${v instanceof Raw ? v.text : typeof v === 'bigint' ? v.toString() : JSON.stringify(v)}` };
  },
};

function fromScratch(kind: 'empty' | 'binary', r: Rng): Out {
  if (kind === 'empty') {
    const t = r.pick(['', ' ', '\n', '---\n', '# nothing\n', '~\n', 'null', '[]', '{}', '""', '...\n', '\ufeff']);
    return { text: t, invalid: true, what: `file ${JSON.stringify(t)}` };
  }
  const n = 1 + r.int(4096);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = r.int(256);
  if (r.int(3) === 0) b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].slice(0, n)); // a PNG header
  return { bytes: b, invalid: true, what: `${n} random bytes` };
}

const MUTATOR_CLASSES = Object.keys(mutators) as Array<keyof typeof mutators>;

/** Builds one case deterministically from (class, seed index, format, prng seed). */
export function buildCase(klass: string, seedIndex: number, format: 'yaml' | 'json', prng: number): HostileCase {
  const r = new Rng(prng);
  const all = seeds();
  const seed = all[seedIndex % all.length]!;
  const seedTag = seed.file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  let out: Out;
  if (klass === 'empty' || klass === 'binary') out = fromScratch(klass, r);
  else if (klass === 'seed') out = { doc: clone(seed.doc), invalid: false, what: `seed ${seed.file} as ${format}` };
  else out = mutators[klass as keyof typeof mutators](clone(seed.doc), r, format);
  const bytes = out.bytes ?? enc(out.text ?? serialise(out.doc, format));
  const ext = klass === 'binary' ? 'bin' : format;
  const name = `${klass}-${klass === 'empty' || klass === 'binary' ? 'scratch' : seedTag}-${prng.toString(16)}.${ext}`;
  return { name, bytes, invalid: out.invalid, class: klass, ...(out.step !== undefined ? { step: out.step } : {}), what: out.what };
}

/** The fast-check generator of hostile cases (mutated seeds and from-scratch files, all classes). */
export function hostileCase(): fc.Arbitrary<HostileCase> {
  return fc
    .record({
      klass: fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom('seed', 'empty', 'binary') },
        { weight: 12, arbitrary: fc.constantFrom(...MUTATOR_CLASSES) },
      ),
      seedIndex: fc.nat(SEED_FILES.length - 1),
      format: fc.constantFrom<'yaml' | 'json'>('yaml', 'json'),
      prng: fc.integer({ min: 1, max: 0x7fffffff }),
    })
    .map(({ klass, seedIndex, format, prng }) => buildCase(klass, seedIndex, format, prng));
}

/** `n` cases from a fixed seed (the fuzz runs use a sample rather than fc.assert so they can run in parallel). */
export function sampleCases(n: number, seed: number): HostileCase[] {
  return fc.sample(hostileCase(), { numRuns: n, seed });
}
