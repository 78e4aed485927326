// The project must not float either: `audit pins` over this repository (its Jenkinsfiles, vars/,
// scripts, .ci/run, the demo) with its own .pyhermetic-audit.json finds nothing, not even a warning.
// That config leaves out only the corpus of floating patterns and examples/floating-app, which float on
// purpose; a justified exception is suppressed where it is, with its reason.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { readAuditConfig } from '../../../../src/core/audit/audit-config.js';
import { auditPins } from '../../../../src/core/audit/audit.js';

const ROOT = resolve(import.meta.dirname, '../../../..');

describe('audit pins: this repository', () => {
  it('has no floating input at warning level; its suppressions all carry reasons', async () => {
    const config = readAuditConfig(resolve(ROOT, '.pyhermetic-audit.json'));
    assert.deepEqual(config.exclude, ['test/fixtures/pins/**', 'examples/floating-app/**']);
    const result = await auditPins({ paths: ['.'], cwd: ROOT, config, failOn: 'warning' });
    assert.deepEqual(
      result.findings.filter((f) => !f.suppressed).map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`),
      [],
    );
    for (const f of result.findings) assert.ok(f.suppressed!.reason.length > 40, `${f.file}:${f.line}`);
    for (const file of ['Jenkinsfile', 'Jenkinsfile.example', 'vars/pyhermetic.groovy', '.ci/run', 'scripts/demo.sh'])
      assert.ok(result.scanned > 0 && result.findings.every((f) => f.file !== file || f.suppressed), file);
    assert.ok(
      result.byKind.groovy >= 3 && result.byKind.shell >= 4 && result.byKind.config >= 1,
      JSON.stringify(result.byKind),
    );
  });
});
