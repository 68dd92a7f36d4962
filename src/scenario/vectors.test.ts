import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot as root } from '../testing/repoRoot.js';
import { formatScenario } from './format.js';
import { findScenarioFiles, loadScenarioFile } from './load.js';
import { runScenario } from './run.js';

/**
 * Table-driven runner: every scenario under test/vectors/<mechanism>/ and examples/ runs with
 * invariants checked after every step. A published spec vector is a file here, nothing more.
 */

for (const folder of ['test/vectors', 'examples']) {
  describe(folder, () => {
    for (const file of findScenarioFiles(join(root, folder))) {
      const rel = file.slice(root.length);
      it(rel, () => {
        const r = runScenario(loadScenarioFile(file), rel, { checkInvariants: true });
        assert.ok(r.passed, formatScenario(r, { verbose: false }).join('\n'));
      });
    }
  });
}
