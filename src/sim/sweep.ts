import { mechanismRegistry } from '../chain/registry.js';
import { echo } from '../kernel/errors.js';
import type { MechanismModule } from '../kernel/mechanism.js';
import type { Simulation } from './schema.js';

/** One parameter point: the value each swept path takes. */
export type SweepPoint = Record<string, unknown>;

/**
 * The points of a sweep. `grid`: the cartesian product in the file's key order, the last key
 * varying fastest (grid { a: [1, 2], b: [x, y] } gives a1b x, a1 y, a2 x, a2 y). `zip`: the
 * lists paired element-wise; they must have equal lengths. No sweep: one point, `{}`.
 * `max` bounds the number of points (checked before any is built).
 */
export function expandSweep(sweep: Simulation['sweep'], max = Number.MAX_SAFE_INTEGER): SweepPoint[] {
  if (!sweep) return [{}];
  if ('zip' in sweep) {
    const entries = Object.entries(sweep.zip);
    const n = entries[0]?.[1].length ?? 0;
    const bad = entries.find(([, v]) => v.length !== n);
    if (bad) throw new SweepError(`sweep.zip: the lists must have equal lengths (${entries.map(([k, v]) => `${k}: ${v.length}`).join(', ')})`);
    if (n > max) throw new SweepError(`sweep.zip: ${n.toLocaleString('en')} points; at most ${max.toLocaleString('en')}`);
    return Array.from({ length: n }, (_, i) => Object.fromEntries(entries.map(([k, v]) => [k, v[i]])));
  }
  const entries = Object.entries(sweep.grid);
  const total = pointCount(sweep);
  if (total > max) throw new SweepError(`sweep.grid: ${entries.map(([, v]) => v.length).join(' × ')} = ${total.toLocaleString('en')} points; at most ${max.toLocaleString('en')}`);
  let points: SweepPoint[] = [{}];
  for (const [k, values] of entries) points = points.flatMap((p) => values.map((v) => ({ ...p, [k]: v })));
  return points;
}

/** How many points a sweep has, without building them (a float: absurd grids overflow to large values, still over any limit). */
export function pointCount(sweep: Simulation['sweep']): number {
  if (!sweep) return 1;
  if ('zip' in sweep) return Object.values(sweep.zip)[0]?.length ?? 0;
  return Object.values(sweep.grid).reduce((n, v) => n * v.length, 1);
}

export class SweepError extends Error {}

/** What a sweep path resolves to in the file's plain value: the container and key to set. */
interface Target {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/**
 * Resolves a sweep path against a simulation (simulator §1): `chain.mechanisms.<m>.<param>…`
 * (a parameter of the mechanism's preset, whether or not the file overrides it),
 * `agents.<group>.count`, `agents.<group>.params.<p>` and `agents.<group>.balances.<asset>` (set in
 * the file: policy defaults are not known here), `processes.<name>…`, `genesis.time`,
 * `genesis.height`, `genesis.…` (set in the file), `duration.blocks` / `duration.seconds` (the
 * form the file uses), `blockSeconds`. Returns the problem as a string.
 */
function resolve(sim: Record<string, unknown>, path: string, create: boolean): Target | string {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) return 'expected dot-separated names';
  const [head, ...rest] = parts as [string, ...string[]];
  const walk = (start: unknown, keys: string[], label: string, known?: unknown): Target | string => {
    // Walk the file's value; where the file stops, `known` (the preset) says whether the key exists.
    let node = start as Record<string, unknown>;
    let ref = known as Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const inFile = node !== undefined && typeof node === 'object' && node !== null && Object.hasOwn(node, k);
      const inKnown = ref !== undefined && typeof ref === 'object' && ref !== null && Object.hasOwn(ref, k);
      if (!inFile && !inKnown) {
        const options = Object.keys({ ...(ref && typeof ref === 'object' ? ref : {}), ...(node && typeof node === 'object' ? node : {}) });
        return `${label}${keys.slice(0, i).map((x) => `.${x}`).join('')} has no ${echo(k)}${options.length ? ` (it has ${options.slice(0, 40).join(', ')}${options.length > 40 ? ', …' : ''})` : ''}`;
      }
      if (i === keys.length - 1) return { parent: node, key: k };
      if (!inFile) {
        if (!create) return { parent: node, key: k };
        // Copy the preset's sub-object so that setting one leaf keeps its siblings.
        node[k] = structuredClone(ref![k]);
      }
      node = node[k] as Record<string, unknown>;
      ref = inKnown ? (ref![k] as Record<string, unknown>) : undefined;
    }
    return 'empty path';
  };
  switch (head) {
    case 'chain': {
      if (rest[0] !== 'mechanisms' || rest.length < 3) return 'expected chain.mechanisms.<mechanism>.<parameter>';
      const mechs = (sim.chain as { mechanisms: Record<string, Record<string, unknown>> }).mechanisms;
      const m = rest[1]!;
      if (!Object.hasOwn(mechs, m)) return `no mechanism ${echo(m)} in the chain (mechanisms: ${Object.keys(mechs).join(', ')})`;
      const module = mechanismRegistry.get(m);
      if (!module) return `unknown mechanism ${echo(m)}`;
      const presetName = typeof mechs[m]!.preset === 'string' ? (mechs[m]!.preset as string) : module.defaultPreset;
      const preset = module.presets[presetName];
      if (!preset) return `${m} has no preset ${echo(presetName)}`;
      if (rest[2] === 'preset') return rest.length === 3 ? { parent: mechs[m]!, key: 'preset' } : 'chain.mechanisms.<m>.preset is a name';
      return walk(mechs[m], rest.slice(2), `chain.mechanisms.${m}`, parameterNames(module, preset));
    }
    case 'agents': {
      const groups = sim.agents as Array<Record<string, unknown>>;
      const g = groups.findIndex((a) => a.name === rest[0]);
      if (g < 0) return `no agent group ${echo(rest[0] ?? '')} (groups: ${groups.map((a) => a.name).join(', ') || 'none'})`;
      const field = rest[1];
      if (field === 'count' && rest.length === 2) return { parent: groups[g]!, key: 'count' };
      if (field === 'params' || field === 'balances') {
        if (rest.length < 3) return `expected agents.${rest[0]}.${field}.<name>`;
        return walk(groups[g]![field] ?? {}, rest.slice(2), `agents.${rest[0]}.${field}`);
      }
      return `expected agents.${rest[0]}.count, agents.${rest[0]}.params.<p> or agents.${rest[0]}.balances.<asset>`;
    }
    case 'processes':
      if (rest.length === 0) return 'expected processes.<name>';
      return walk(sim.processes, rest, 'processes');
    case 'genesis':
      if (rest.length === 0) return 'expected genesis.<field>';
      return walk(sim.genesis, rest, 'genesis', { time: 0, height: 0 });
    case 'duration':
      if (rest.length !== 1) return 'expected duration.blocks or duration.seconds';
      return walk(sim.duration, rest, 'duration');
    case 'blockSeconds':
      if (rest.length !== 0) return 'blockSeconds is a number';
      return { parent: sim, key: 'blockSeconds' };
    default:
      return `cannot sweep ${echo(head)}: sweep paths start with chain.mechanisms, agents, processes, genesis, duration or blockSeconds`;
  }
}

/** The preset with the module's defaults filled in (a preset may leave parameters to the schema's defaults). */
function parameterNames(module: MechanismModule, preset: Record<string, unknown>): Record<string, unknown> {
  try {
    return { ...(module.params(structuredClone(preset)) as Record<string, unknown>), ...preset };
  } catch {
    return preset;
  }
}

/** The problem with a sweep path for this simulation, or undefined if it addresses a value. */
export function sweepPathProblem(sim: Simulation, path: string): string | undefined {
  const { sweep: _sweep, ...rest } = sim;
  const r = resolve(structuredClone(rest) as Record<string, unknown>, path, false);
  return typeof r === 'string' ? r : undefined;
}

/**
 * A new simulation (plain value, to be validated again: see file.ts `applyPoint`) with the
 * point's values set at their paths. The input is not changed.
 */
export function setPoint(sim: Simulation, point: SweepPoint): Record<string, unknown> {
  // The sweep itself is shared, not copied: copying its lists for every point is quadratic.
  const { sweep, ...rest } = sim;
  const out = structuredClone(rest) as Record<string, unknown>;
  if (sweep) out.sweep = sweep;
  for (const [path, value] of Object.entries(point)) {
    const r = resolve(out, path, true);
    if (typeof r === 'string') throw new SweepError(`sweep path ${path}: ${r}`);
    (r.parent as Record<string | number, unknown>)[r.key] = structuredClone(value);
  }
  return out;
}
