import { nameOf } from '../kernel/index.js';
import type { Json } from '../kernel/index.js';
import type { ScenarioRecord, StepRecord } from './run.js';

/** Human-readable report lines for one scenario (addresses shown by name where known). */
export function formatScenario(r: ScenarioRecord, opts: { verbose?: boolean } = {}): string[] {
  const lines: string[] = [];
  lines.push(`${r.passed ? 'PASS' : 'FAIL'} ${r.file}${r.name !== r.file ? ` — ${r.name}` : ''}`);
  if (r.build.outcome === 'error') lines.push(`  chain build failed with ${r.build.error!.code}${r.build.failures.length ? '' : ' (as expected)'}`);
  for (const f of r.build.failures) lines.push(`    ✘ ${f}`);
  for (const s of r.steps) {
    const ok = s.failures.length === 0;
    if (!ok || opts.verbose !== false) lines.push(`  ${ok ? '✔' : '✘'} ${describeStep(s)}`);
    for (const f of s.failures) lines.push(`      ✘ ${f}`);
  }
  const failed = r.steps.filter((s) => s.failures.length > 0).length + (r.build.failures.length > 0 ? 1 : 0);
  lines.push(`  ${r.steps.length} steps, ${failed === 0 ? 'all expectations met' : `${failed} failed`}`);
  return lines;
}

function describeStep(s: StepRecord): string {
  const head = `#${s.index} `;
  const note = s.note ? `  — ${s.note}` : '';
  switch (s.kind) {
    case 'tx': {
      const what = `${s.from} → ${s.call}${argText(s.args)}`;
      const res = s.outcome === 'ok' ? `ok${eventText(s.events)}` : `${s.error!.code}`;
      return `${head}tx ${what}: ${res}${note}`;
    }
    case 'query':
      return `${head}query ${s.call}${argText(s.args)}: ${s.outcome === 'ok' ? short(s.result) : s.error!.code}${note}`;
    case 'advance':
      return `${head}advance ${short(s.advance)} → time ${s.time}, height ${s.height}${eventText(s.events)}${note}`;
    default:
      return `${head}note${note}`;
  }
}

function argText(args: Json | undefined): string {
  if (!args || (typeof args === 'object' && Object.keys(args).length === 0)) return '';
  return ` ${short(args)}`;
}

/** Events shown in full on a step's line; beyond that, counts by name and the first few. */
const EVENTS_IN_FULL = 4;

function eventText(events: Json[]): string {
  const own = events.filter((e) => (e as { mechanism: string }).mechanism !== 'ledger') as Array<{ name: string; args: Json }>;
  if (own.length === 0) return '';
  const full = (e: { name: string; args: Json }) => `${e.name}${short(e.args)}`;
  if (own.length <= EVENTS_IN_FULL) return wrap(` · ${own.map(full).join(', ')}`);
  const counts = new Map<string, number>();
  for (const e of own) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  const summary = [...counts].map(([n, c]) => `${c} × ${n}`).join(', ');
  return wrap(` · ${own.length} events (${summary}); first: ${own.slice(0, 2).map(full).join(', ')}, …`);
}

/** Breaks a long line at commas so that it reads in an 110-column terminal, continuation indented. */
function wrap(text: string, width = 110): string {
  if (text.length <= width) return text;
  const out: string[] = [];
  let line = '';
  for (const part of text.split(/(?<=, )/)) {
    if (line.length + part.length > width && line.length > 0) {
      out.push(line.trimEnd());
      line = '';
    }
    line += part;
  }
  out.push(line);
  return out.join('\n        ');
}

/** Compact one-line JSON with names for known addresses, cut at 160 characters. */
function short(v: Json | undefined): string {
  const text =
    JSON.stringify(v, (_k, x) => {
      if (typeof x !== 'string') return x;
      if (/^0x[0-9a-f]{40}$/.test(x)) return nameOf(x) ?? x;
      if (/^0x[0-9a-f]{64}$/.test(x)) return `${x.slice(0, 6)}…${x.slice(-4)}`; // hashes: enough to tell apart
      return x;
    }) ?? '';
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
