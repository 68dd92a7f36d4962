/**
 * BLS aggregate verification (node dist/src/bench/sequencerStaking.bls.js [runs]; default 9).
 * FastAggregateVerify of a batch signed by 7 and by 100 sequencers, on each backend that loads
 * (noble always; blst when its native binary does), called directly (no verdict cache). The keys
 * have been seen before, as a committee's are from batch to batch: both backends keep decoded,
 * subgroup-checked keys. Each value is the median of `runs` timed calls after one warm-up call;
 * the floor is the same backend with 1 signer (two pairings and no additions).
 *
 * `benchBls` returns the rows for a combined table; importing the module runs nothing.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { batchMessage } from '../mechanisms/sequencer-staking/batchSignature.js';
import { blsBackendName, nobleBackend, testSecretKey, type BlsBackend } from '../mechanisms/sequencer-staking/bls.js';
import { hexBytes } from '../mechanisms/sequencer-staking/keys.js';
import { formatTable, type BenchRow } from './row.js';


function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Batch {
  pks: Uint8Array[];
  msg: Uint8Array;
  sig: Uint8Array;
}

/** n signers' keys and aggregate signature over one batch message (built with `maker`, the fastest backend). */
function batch(maker: BlsBackend, n: number): Batch {
  const sks = Array.from({ length: n }, (_, i) => testSecretKey(`bench-signer-${i}`));
  const msg = hexBytes(batchMessage(`0x${'ab'.repeat(32)}`, []));
  return { pks: sks.map((sk) => maker.publicKey(sk)), msg, sig: maker.aggregateSignatures(sks.map((sk) => maker.sign(sk, msg))) };
}

/** Median milliseconds of one FastAggregateVerify call. */
function timeVerify(b: BlsBackend, x: Batch, runs: number): number {
  if (!b.fastAggregateVerify(x.pks, x.msg, x.sig)) throw new Error(`${b.name}: the aggregate does not verify`);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const ok = b.fastAggregateVerify(x.pks, x.msg, x.sig);
    out.push(performance.now() - t0);
    if (!ok) throw new Error(`${b.name}: the aggregate does not verify`);
  }
  return median(out);
}

// Loaded here whatever STAKEWORKS_BLS says, so that both backends are measured where blst exists.
const blst: BlsBackend | undefined = await import('../mechanisms/sequencer-staking/blsBlst.js').then((m) => m.blstBackend).catch(() => undefined);

/** FastAggregateVerify of 7 and of 100 signers on each backend, in ms (median of `runs`). */
export function benchBls(runs = 9): BenchRow[] {
  const backends = blst ? [blst, nobleBackend] : [nobleBackend];
  const maker = backends[0]!;
  const batches = new Map([1, 7, 100].map((n) => [n, batch(maker, n)]));
  const rows: BenchRow[] = [];
  for (const b of backends) {
    const floor = timeVerify(b, batches.get(1)!, runs);
    for (const n of [7, 100]) {
      const ms = timeVerify(b, batches.get(n)!, runs);
      rows.push({
        row: `BLS aggregate verify, ${n} signers (${b.name}${b.name === blsBackendName ? ', default' : ''})`,
        value: ms,
        unit: 'ms',
        floorLabel: `1 signer (${b.name})`,
        floorValue: floor,
        ...(n === 100 && b.name === 'blst' ? { target: { text: '≤ 2 ms', met: ms <= 2 } } : {}),
      });
    }
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${formatTable(benchBls(Number(process.argv[2] ?? 9)))}\n`);
}
