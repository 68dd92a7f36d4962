import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { Chain } from '../chain/chain.js';
import { mechanismRegistry } from '../chain/registry.js';
import { nameEcho, ScenarioError } from '../kernel/index.js';
import { MAX_SCENARIO_BYTES, readScenarioValue } from '../scenario/load.js';
import { checkMetricNames, type MetricName } from './metricNames.js';
import { BUILT_IN_POLICIES, MAX_AGENTS, MAX_DURATION_BLOCKS, MAX_JOBS, MAX_POINTS, simulationSchema, type Simulation } from './schema.js';
import { expandSweep, pointCount, setPoint, SweepError, sweepPathProblem, type SweepPoint } from './sweep.js';
import { VALUE_SPEC_FORMS } from './valueSpecShape.js';

export type { Simulation } from './schema.js';

/** A simulation file, parsed and checked, with its parsed metric names. */
export interface LoadedSimulation {
  simulation: Simulation;
  metrics: MetricName[];
  points: SweepPoint[];
}

/** Reads a YAML or JSON simulation file (`-` reads standard input). Errors are ScenarioErrors naming the file. */
export function loadSimulationFile(file: string): Simulation {
  return loadSimulation(file).simulation;
}

export function loadSimulation(file: string): LoadedSimulation {
  let bytes: Uint8Array;
  try {
    if (file === '-') bytes = readFileSync(0);
    else {
      const st = statSync(file);
      if (st.isDirectory()) throw new ScenarioError(`${file}: is a folder, not a simulation file`, { file });
      if (st.size > MAX_SCENARIO_BYTES) throw new ScenarioError(`${file}: the file has ${st.size.toLocaleString('en')} bytes; simulation files are limited to ${MAX_SCENARIO_BYTES.toLocaleString('en')} bytes`, { file });
      bytes = readFileSync(file);
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file });
  }
  return parseSimulationFull(bytes, file);
}

/** Parses and checks a simulation (strict YAML/JSON as scenarios, with fractions allowed). */
export function parseSimulation(text: string | Uint8Array, file = '(inline)'): Simulation {
  return parseSimulationFull(text, file).simulation;
}

export function parseSimulationFull(text: string | Uint8Array, file = '(inline)'): LoadedSimulation {
  const raw = readScenarioValue(text, file, { fractionsAnywhere: true });
  const simulation = validate(raw, file);
  return check(simulation, file);
}

function fail(file: string, field: string, message: string): never {
  throw new ScenarioError(`${file}: ${field ? `${field}: ` : ''}${message}`, { file, ...(field ? { field } : {}) });
}

/** `agents[0].params.stake.lognormal.sigma` */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${nameEcho(String(k))}` : nameEcho(String(k));
  }
  return out;
}

type Issue = z.core.$ZodIssue;

/** Issues in the file's terms; a failed union reports the branch the value was meant as. */
function issueLines(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((i): string[] => {
    const path = [...prefix, ...i.path];
    const at = pathText(path) || '(top level)';
    if (i.code === 'unrecognized_keys') return [`${at}: unknown field(s) ${i.keys.map((k) => nameEcho(k)).join(', ')}`];
    if (i.code === 'invalid_union') {
      // A branch that got past its shape (its issues are deeper than the union) is the one meant.
      const meant = i.errors.filter((b) => b.length > 0 && b.every((x) => x.path.length > 0 && x.code !== 'unrecognized_keys'));
      if (meant.length === 1) return issueLines(meant[0]!, path);
      if (isValueSpecPath(path)) return [`${at}: expected ${VALUE_SPEC_FORMS}`];
      return [`${at}: ${i.message}`];
    }
    return [`${at}: ${i.message}`];
  });
}

function isValueSpecPath(path: readonly PropertyKey[]): boolean {
  return (path[0] === 'agents' && path[2] === 'params' && path.length === 4) || (path[0] === 'processes' && path.length === 2);
}

function validate(raw: unknown, file: string, context = ''): Simulation {
  const res = simulationSchema.safeParse(raw);
  if (res.success) return res.data;
  const lines = issueLines(res.error.issues);
  const first = res.error.issues[0];
  throw new ScenarioError(`${file}: ${context}${lines.join('\n  ')}`, { file, ...(first ? { field: pathText(first.path) } : {}) });
}

/** Checks across fields: names, mechanisms, policies, sweep paths and values, metric names, limits. */
function check(sim: Simulation, file: string): LoadedSimulation {
  const mechanisms = Object.keys(sim.chain.mechanisms);
  if (mechanisms.length === 0) fail(file, 'chain.mechanisms', 'the chain needs at least one mechanism');
  for (const m of mechanisms) {
    if (!mechanismRegistry.has(m)) fail(file, `chain.mechanisms.${nameEcho(m)}`, `unknown mechanism; the mechanisms are ${[...mechanismRegistry.keys()].join(', ')}`);
  }
  const groups = new Set<string>();
  sim.agents.forEach((a, i) => {
    if (groups.has(a.name)) fail(file, `agents[${i}].name`, `the group name ${nameEcho(a.name)} is used twice (names make the agents' accounts)`);
    groups.add(a.name);
    const owner = a.policy.split('.')[0]!;
    if ((BUILT_IN_POLICIES as readonly string[]).includes(a.policy) && a.policy.includes('.') && !mechanisms.includes(owner)) {
      fail(file, `agents[${i}].policy`, `${a.policy} needs ${owner} in chain.mechanisms (the chain has ${mechanisms.join(', ')})`);
    }
  });
  if ('seconds' in sim.duration && Math.ceil(sim.duration.seconds / sim.blockSeconds) > MAX_DURATION_BLOCKS) {
    fail(file, 'duration.seconds', `${sim.duration.seconds.toLocaleString('en')} seconds at ${sim.blockSeconds} s per block is more than ${MAX_DURATION_BLOCKS.toLocaleString('en')} blocks`);
  }

  // The chain must build: its parameters are checked once here, not in every job.
  let chain: Chain | undefined;
  try {
    chain = Chain.build({ mechanisms: sim.chain.mechanisms }, sim.genesis, { retainEvents: false, recordChanges: false });
  } catch (e) {
    fail(file, 'chain', `the chain cannot be built: ${(e as Error).message}`);
  }

  // Sweep: every path addresses a value, every value is valid where it goes, and the sizes are bounded.
  let points: SweepPoint[] = [{}];
  if (sim.sweep) {
    const kind = 'grid' in sim.sweep ? 'grid' : 'zip';
    const lists = 'grid' in sim.sweep ? sim.sweep.grid : sim.sweep.zip;
    const n = pointCount(sim.sweep);
    if (kind === 'grid' && n > MAX_POINTS) {
      fail(file, 'sweep.grid', `${Object.values(lists).map((v) => v.length).join(' × ')} = ${n.toLocaleString('en')} points; a sweep has at most ${MAX_POINTS.toLocaleString('en')}`);
    }
    // Each value is checked in the file without its sweep (re-validating the lists per value is quadratic).
    const { sweep: _sweep, ...unswept } = sim;
    for (const [path, values] of Object.entries(lists)) {
      const problem = sweepPathProblem(sim, path);
      if (problem) fail(file, `sweep.${kind}.${path}`, `unknown sweep path: ${problem}`);
      values.forEach((v, i) => {
        const applied = validate(setPoint(unswept, { [path]: v }), file, `sweep.${kind}.${path}[${i}]: `);
        // Parameter and genesis checks of the mechanisms run here, not in the first job that meets the value.
        if (path.startsWith('chain.') || path.startsWith('genesis.')) {
          try {
            Chain.build({ mechanisms: applied.chain.mechanisms }, applied.genesis, { retainEvents: false, recordChanges: false });
          } catch (e) {
            fail(file, `sweep.${kind}.${path}[${i}]`, `the chain cannot be built with this value: ${(e as Error).message}`);
          }
        }
      });
    }
    try {
      points = expandSweep(sim.sweep, MAX_POINTS);
    } catch (e) {
      if (e instanceof SweepError) fail(file, `sweep.${kind}`, e.message.replace(/^sweep\.(grid|zip): /, ''));
      throw e;
    }
  }
  const jobs = points.length * sim.monteCarlo.runs;
  if (jobs > MAX_JOBS) fail(file, 'monteCarlo.runs', `${points.length.toLocaleString('en')} points × ${sim.monteCarlo.runs.toLocaleString('en')} runs = ${jobs.toLocaleString('en')} jobs; at most ${MAX_JOBS.toLocaleString('en')}`);

  // Agents: the total at the largest count a sweep gives each group.
  const lists = sim.sweep ? ('grid' in sim.sweep ? sim.sweep.grid : sim.sweep.zip) : {};
  const total = sim.agents.reduce((sum, a) => {
    const swept = lists[`agents.${a.name}.count`];
    return sum + Math.max(a.count, ...(swept ?? []).map((v) => Number(v)));
  }, 0);
  if (total > MAX_AGENTS) fail(file, 'agents', `${total.toLocaleString('en')} agents in all (at the largest swept counts); at most ${MAX_AGENTS.toLocaleString('en')}`);

  let metrics: MetricName[] = [];
  if (sim.metrics) {
    const r = checkMetricNames(sim.metrics.record, { mechanisms, processes: Object.keys(sim.processes), groups: [...groups], chain });
    if (r.problems.length > 0) {
      throw new ScenarioError(`${file}: ${r.problems.map(([i, m]) => `metrics.record[${i}]: ${m}`).join('\n  ')}`, { file, field: `metrics.record[${r.problems[0]![0]}]` });
    }
    metrics = r.metrics;
  }
  return { simulation: sim, metrics, points };
}

/** The simulation with a point's values set at their paths, validated again. */
export function applyPoint(sim: Simulation, point: SweepPoint, file = '(inline)'): Simulation {
  try {
    return validate(setPoint(sim, point), file, 'with the sweep point applied: ');
  } catch (e) {
    if (e instanceof SweepError) fail(file, 'sweep', e.message);
    throw e;
  }
}

/** The points of the file's sweep (one, `{}`, without a sweep). */
export function sweepPoints(sim: Simulation): SweepPoint[] {
  return expandSweep(sim.sweep, MAX_POINTS);
}
