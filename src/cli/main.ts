import { readFileSync, statSync } from 'node:fs';
import { Command } from 'commander';
import { Chain } from '../chain/chain.js';
import { mechanismRegistry } from '../chain/registry.js';
import { internalError, StakeworksError, type InvariantTier } from '../kernel/index.js';
import { formatScenario } from '../scenario/format.js';
import { findScenarioFiles, loadScenarioFile } from '../scenario/load.js';
import { runScenario, type ScenarioRecord } from '../scenario/run.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { simulationJsonSchema } from '../sim/schema.js';
import { argsText, paramText } from './describeArgs.js';

interface RunFlags {
  json?: boolean;
  /** `true` (the flag without a value) is the full tier. */
  checkInvariants?: boolean | string;
  quiet?: boolean;
}

/** Runs scenario files; returns the process exit code (0 only when every expectation held). */
export function runFiles(files: string[], flags: RunFlags, write: (s: string) => void = (s) => process.stdout.write(s)): number {
  const records: ScenarioRecord[] = [];
  const loadErrors: Array<{ file: string; error: ReturnType<StakeworksError['toJSON']> }> = [];
  for (const file of files) {
    try {
      const scenario = loadScenarioFile(file);
      const opts = flags.checkInvariants === undefined ? {} : { checkInvariants: invariantTier(flags.checkInvariants) };
      const r = runScenario(scenario, file, opts);
      records.push(r);
      if (!flags.json) write(`${formatScenario(r, { verbose: !flags.quiet }).join('\n')}\n`);
    } catch (err) {
      const e = err instanceof StakeworksError ? err : internalError(err, 'cli');
      loadErrors.push({ file, error: e.toJSON() });
      if (!flags.json) write(`FAIL ${file}\n  ${e.code}: ${e.message}\n`);
    }
  }
  const passed = records.filter((r) => r.passed).length;
  const failed = files.length - passed;
  if (flags.json) {
    write(`${JSON.stringify({ scenarios: records, invalid: loadErrors, summary: { passed, failed } }, null, 2)}\n`);
  } else {
    write(`${passed} passed, ${failed} failed\n`);
  }
  return failed === 0 ? 0 : 1;
}

/** `--check-invariants [tier]`: no value is the full tier. */
function invariantTier(v: boolean | string): boolean | InvariantTier {
  if (v === true || v === 'full') return 'full';
  if (v === 'cheap') return 'cheap';
  if (v === false) return false;
  throw new StakeworksError('INVALID_ARGUMENT', 'cli', `--check-invariants takes cheap or full, got ${JSON.stringify(v)}`);
}

/** The guided tour of `examples/` (or any folder, searched recursively): what each scenario shows, then its run. */
export function tour(dir: string, write: (s: string) => void = (s) => process.stdout.write(s)): number {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new StakeworksError('INVALID_ARGUMENT', 'cli', `tour: there is no folder ${dir}`);
  }
  if (!st.isDirectory()) throw new StakeworksError('INVALID_ARGUMENT', 'cli', `tour: ${dir} is a file; tour takes a folder of scenarios (to run one file: stakeworks run ${dir})`);
  const files = findScenarioFiles(dir);
  if (files.length === 0) throw new StakeworksError('INVALID_ARGUMENT', 'cli', `tour: ${dir} holds no scenario files (.yaml, .yml, .json)`);
  write(`Stakeworks tour: ${files.length} example scenarios from ${dir}\n\n`);
  let failures = 0;
  for (const file of files) {
    try {
      const scenario = loadScenarioFile(file);
      write(`━━ ${scenario.name ?? file}\n`);
      if (scenario.description) write(`${scenario.description.trim().replace(/^/gm, '   ')}\n`);
      const r = runScenario(scenario, file);
      write(`${formatScenario(r).join('\n')}\n\n`);
      if (!r.passed) failures++;
    } catch (err) {
      failures++;
      const e = err instanceof StakeworksError ? err : internalError(err, 'cli');
      write(`FAIL ${file}\n  ${e.code}: ${e.message}\n\n`);
    }
  }
  write(`${files.length - failures} passed, ${failures} failed\n`);
  return failures === 0 ? 0 : 1;
}

/** The package's version, read from its package.json. */
function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(): Command {
  const program = new Command();
  program.name('stakeworks').description('Exact, deterministic staking-protocol engine').version(version(), '-V, --version').showHelpAfterError();

  program
    .command('run')
    .description('run scenario files (YAML or JSON) and check their expectations')
    .argument('[files...]', 'scenario files (- reads one from standard input)')
    .option('--json', 'print the full record of every step (outcome, error, events, result, state root)')
    .option('--check-invariants [tier]', 'check the invariants of tier (cheap or full, default full) after every step (failures count as failed steps)')
    .option('-q, --quiet', 'print failing steps and summaries only')
    .action((files: string[], flags: RunFlags, cmd: Command) => {
      // `--check-invariants a.yaml`: commander takes the file for the optional tier; give it back.
      if (typeof flags.checkInvariants === 'string' && flags.checkInvariants !== 'cheap' && flags.checkInvariants !== 'full') {
        files = [flags.checkInvariants, ...files];
        flags = { ...flags, checkInvariants: true };
      }
      if (files.length === 0) cmd.error("error: missing required argument 'files'");
      process.exitCode = runFiles(files, flags);
    });

  program
    .command('tour')
    .description('run the example scenarios with a short explanation of each')
    .argument('[dir]', 'folder of scenarios', 'examples')
    .action((dir: string) => {
      process.exitCode = tour(dir);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format (--sim: of the simulation file)')
    .option('--sim', 'the simulation file format instead')
    .action((opts: { sim?: boolean }) => {
      process.stdout.write(`${JSON.stringify(opts.sim ? simulationJsonSchema() : scenarioJsonSchema(), null, 2)}\n`);
    });

  program
    .command('describe')
    .description('list the mechanisms, their presets, actions and queries')
    .argument('[mechanism]', 'one mechanism only')
    .action((only?: string) => {
      if (only !== undefined && !mechanismRegistry.has(only)) {
        throw new StakeworksError('INVALID_ARGUMENT', 'cli', `describe: unknown mechanism ${JSON.stringify(only)}; the mechanisms are ${[...mechanismRegistry.keys()].join(', ')}`);
      }
      for (const [kind, module] of mechanismRegistry) {
        if (only && kind !== only) continue;
        const preset = module.defaultPreset;
        const chain = Chain.build({ mechanisms: { [kind]: { preset } } });
        const m = chain.mechanism(kind);
        process.stdout.write(`${kind}: ${module.summary}\n  presets: ${Object.keys(module.presets).join(', ')} (default ${preset})\n`);
        // Parameters of the default preset; for each other preset, the ones it sets differently.
        const params = chain.paramsOf(kind) as Record<string, unknown>;
        process.stdout.write(`  parameters (${preset}; override any under chain.mechanisms.${kind}; addresses shown by name):\n`);
        for (const [k, v] of Object.entries(params)) process.stdout.write(`    ${k} = ${paramText(v)}\n`);
        for (const other of Object.keys(module.presets)) {
          if (other === preset) continue;
          const p = Chain.build({ mechanisms: { [kind]: { preset: other } } }).paramsOf(kind) as Record<string, unknown>;
          const diff = Object.keys(p).filter((k) => paramText(p[k]) !== paramText(params[k]));
          process.stdout.write(`  preset ${other} differs in: ${diff.map((k) => `${k} = ${paramText(p[k])}`).join('; ') || '(nothing)'}\n`);
        }
        process.stdout.write('  actions (arguments; ? marks optional ones; integers as numbers or decimal strings; accounts as names or 0x addresses):\n');
        for (const [name, a] of Object.entries(m.actions)) process.stdout.write(`    ${kind}.${name}${argsText(a.args)} — ${a.summary}\n`);
        process.stdout.write('  queries:\n');
        for (const [name, q] of Object.entries(m.queries)) process.stdout.write(`    ${kind}.${name}${argsText(q.args)} — ${q.summary}\n`);
        process.stdout.write('  invariants:\n');
        for (const inv of chain.invariantChecks()) if (inv.owner === kind) process.stdout.write(`    ${inv.name} — ${inv.tier}\n`);
        process.stdout.write('  errors:\n');
        for (const [code, meaning] of Object.entries(module.errors)) process.stdout.write(`    ${code} — ${meaning}\n`);
      }
    });
  return program;
}
