/**
 * posEconomy benchmark (alone: node dist/src/bench/posEconomy.epoch.js [operators]). One epoch
 * through the public Chain API as a simulation runs it: `advance({ seconds: epochSeconds,
 * blocks: 1 })` on a chain built with `retainEvents: false, recordChanges: false`, with every
 * step doing work: 10,000 genesis operators (2²⁵ ETH in all, uptimes varied), fee revenue taken
 * from the environment and shared (10,000 wallet transfers), a deposit and an exit queued each
 * epoch, a slashing every epoch (exits from even-numbered operators, slashes of odd-numbered ones).
 *
 * The epoch is O(n) in the number of operators: issuance and fee shares are one pass each over
 * the operators (in creation order, no sorting), the queues cost what they move, a slashing
 * costs its operator's own entries. The 100-operator row shows the per-operator cost is flat.
 * Floor: the same per-operator bigint arithmetic (issuance and fee-share floors) over plain
 * arrays, with no journal, ledger or state around it.
 */
import { pathToFileURL } from 'node:url';
import { Chain } from '../chain/chain.js';
import { parseAddress } from '../kernel/index.js';
import { formatTable, medianMicros, type BenchRow } from './row.js';

const ETH = 1_000_000_000n;
const TOTAL = (1n << 25n) * ETH;

export function economyChain(operators: number): Chain {
  const per = TOTAL / BigInt(operators);
  const ops = Array.from({ length: operators }, (_, k) => ({
    id: `0x${(k + 1).toString(16).padStart(40, '0')}`,
    stake: per + BigInt((k * 7919) % 1000) * ETH,
    uptimePpm: 900_000 + ((k * 104_729) % 100_001),
  }));
  const chain = Chain.build(
    { mechanisms: { posEconomy: { preset: 'ethereum', burnShare: 700_000, initialFeeRevenue: `${3n * ETH}`, withdrawalDelayEpochs: 1 } } },
    { time: 0, height: 1, balances: { environment: { ETH: 10n ** 9n * ETH }, depositor: { ETH: 10n ** 6n * ETH } }, posEconomy: { operators: ops } },
    { retainEvents: false, recordChanges: false },
  );
  return chain;
}

/** µs per epoch (one advance of one epoch and one block) at `operators`, with a deposit, an exit and a slash queued before each. */
export function epochMicros(operators: number, n = 20, runs = 5): number {
  const chain = economyChain(operators);
  const depositor = parseAddress('depositor');
  const slasher = parseAddress('slasher');
  const ids = Array.from({ length: operators }, (_, k) => parseAddress(`0x${(k + 1).toString(16).padStart(40, '0')}`));
  const must = (o: ReturnType<Chain['tx']>) => {
    if (!o.ok) throw o.error;
  };
  return medianMicros(n, runs, (i) => {
    must(chain.trustedTx(depositor, 'posEconomy.deposit', { amount: 32n * ETH }));
    must(chain.trustedTx(ids[(i * 2) % operators]!, 'posEconomy.exit', { amount: ETH }));
    must(chain.trustedTx(slasher, 'posEconomy.slash', { operator: ids[(i * 2 + 1) % operators]! }));
    must(chain.advance({ seconds: 384, blocks: 1 }));
  });
}

/** The bare per-operator arithmetic of an epoch: the issuance floor and the fee-share floor. */
function floorMicros(operators: number): number {
  const active = Array.from({ length: operators }, (_, k) => TOTAL / BigInt(operators) + BigInt(k) * ETH);
  const uptime = Array.from({ length: operators }, (_, k) => BigInt(900_000 + (k % 100_001)));
  const D = active.reduce((a, b) => a + b, 0n);
  const I = 11_710_496_768n;
  const rest = 900_000_000n;
  let sink = 0n;
  const t = medianMicros(20, 5, () => {
    const den = D * 1_000_000n;
    for (let i = 0; i < operators; i++) {
      const a = active[i]!;
      sink += (I * a * uptime[i]!) / den + (rest * a) / D;
    }
  });
  if (sink < 0n) throw new Error('unreachable');
  return t;
}

export function benchPosEconomy(): Array<{ row: string; value: number; unit: string; floorLabel?: string; floorValue?: number }> {
  const rows: BenchRow[] = [];
  for (const operators of [100, 10_000]) {
    const ms = epochMicros(operators, operators > 1_000 ? 20 : 200) / 1000;
    const floor = floorMicros(operators) / 1000;
    rows.push({
      row: `posEconomy epoch (advance), ${operators.toLocaleString('en')} operators`,
      value: ms,
      unit: 'ms',
      floorLabel: 'bare per-operator floors',
      floorValue: floor,
      note: `${((ms * 1000) / operators).toFixed(2)} µs per operator`,
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${formatTable(benchPosEconomy())}\n`);
}
