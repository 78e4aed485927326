// `pyhermetic audit pins` as a person runs it (the built bundle): exit codes by --fail-on, the SARIF it
// writes validated against the official SARIF 2.1.0 schema, JUnit with one testcase per rule, --json.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { RULES } from '../../src/core/audit/rules.js';
import { parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

const CORPUS = resolve(import.meta.dirname, '../fixtures/pins');
const SCHEMA = resolve(import.meta.dirname, '../fixtures/sarif/sarif-schema-2.1.0.json');

function sarifValidator() {
  // CommonJS packages: under NodeNext their default export is the `default` of module.exports.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  const check = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  // A plain boolean (not ajv's type guard, which would narrow the document to `unknown`).
  return Object.assign((doc: unknown): boolean => check(doc), { errors: () => check.errors });
}

describe('pyhermetic audit pins (the built bundle)', () => {
  let work: string;
  let validate: ReturnType<typeof sarifValidator>;
  before(() => {
    work = tempDir('pins-');
    cpSync(CORPUS, join(work, 'corpus'), { recursive: true });
    validate = sarifValidator();
  });

  it('writes SARIF 2.1.0 that the official schema accepts, with every rule and every finding (suppressed ones marked)', async () => {
    const sarifPath = join(work, 'pins.sarif');
    const r = await runPyhermetic(['audit', 'pins', 'corpus', '--sarif', sarifPath, '--json'], { cwd: work });
    assert.equal(r.exitCode, 1, r.stderr);
    const doc = parseJson(r);
    const sarif: any = JSON.parse(readFileSync(sarifPath, 'utf8'));
    assert.ok(validate(sarif), JSON.stringify(validate.errors()?.slice(0, 5), null, 2));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((x: any) => x.id),
      RULES.map((x) => x.id),
    );
    assert.equal(run.results.length, doc.findings.length);
    const first = doc.findings[0];
    const loc = run.results[0].locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, first.file);
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.deepEqual(
      [loc.region.startLine, loc.region.startColumn, loc.region.snippet.text],
      [first.line, first.column, first.text],
    );
    const suppressed = run.results.filter((x: any) => x.suppressions?.length);
    assert.equal(suppressed.length, doc.counts.suppressed);
    assert.match(suppressed[0].suppressions[0].justification, /\S/);
  });

  it('the schema check can fail: a SARIF without a version or with a bad level is refused', () => {
    const sarif: any = JSON.parse(readFileSync(join(work, 'pins.sarif'), 'utf8'));
    assert.ok(validate(sarif));
    assert.ok(!validate({ ...sarif, version: undefined }));
    sarif.runs[0].results[0].level = 'fatal';
    assert.ok(!validate(sarif));
  });

  it('JUnit: one testcase per rule; a rule with findings at or above --fail-on is a failure naming file, line and fix', async () => {
    const junit = join(work, 'pins-junit.xml');
    const r = await runPyhermetic(['audit', 'pins', 'corpus/shell/pyenv-clone.floating.sh', '--junit', junit], {
      cwd: work,
    });
    assert.equal(r.exitCode, 1);
    const xml = readFileSync(junit, 'utf8');
    assert.equal([...xml.matchAll(/<testcase /g)].length, RULES.length);
    assert.equal([...xml.matchAll(/<failure /g)].length, 2);
    assert.match(
      xml,
      /name="pyenv-floating"[^>]*>\s*<failure message="1 finding\(s\); first: corpus\/shell\/pyenv-clone\.floating\.sh:6:1/,
    );
    assert.match(xml, /fix: git clone https:\/\/github\.com\/pyenv\/pyenv\.git &quot;\$HOME\/\.pyenv&quot;/);
    assert.match(r.stderr, /corpus\/shell\/pyenv-clone\.floating\.sh:4:1: error \[git-clone-floating\]/);
  });

  it('--fail-on: error (the default) ignores warnings, warning counts them, never always exits 0', async () => {
    const file = join(work, 'apt.sh');
    writeFileSync(file, '#!/bin/sh\napt-get install -y curl\n');
    const run = (...extra: string[]) => runPyhermetic(['audit', 'pins', file, ...extra], { cwd: work });
    assert.equal((await run()).exitCode, 0);
    assert.equal((await run('--fail-on', 'warning')).exitCode, 1);
    assert.equal((await run('--fail-on', 'never', 'corpus')).exitCode, 0);
    const bad = await run('--fail-on', 'sometimes');
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /--fail-on must be one of error, warning, never, got 'sometimes'/);
  });

  it('a clean tree exits 0 and says so; a missing path or a bad config is exit 2 with what to do', async () => {
    const clean = await runPyhermetic(['audit', 'pins', 'corpus/shell/pip-names.pinned.sh'], { cwd: work });
    assert.equal(clean.exitCode, 0, clean.stderr);
    assert.match(
      clean.stderr,
      /audited 1 file\(s\) in [\d.]+ s: 0 error\(s\), 0 warning\(s\), 0 suppressed; nothing at or above --fail-on error/,
    );
    const missing = await runPyhermetic(['audit', 'pins', 'nowhere'], { cwd: work });
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /no such file or directory: nowhere/);
    writeFileSync(join(work, 'bad.json'), '{"suppres": []}');
    const bad = await runPyhermetic(['audit', 'pins', 'corpus/shell', '--config', 'bad.json'], { cwd: work });
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /bad\.json: unknown key "suppres" \(known: exclude, libraryTags, suppress\)/);
    assert.ok(!bad.stderr.includes('    at '), 'no stack trace');
  });
});
