// The corpus of `audit pins` (test/fixtures/pins/): each floating pattern beside its pinned twin, the two
// seed cases (a floating pyenv clone; an unpinned transitive dependency in a requirements file without
// hashes), and the tricky ones (multi-stage, ARG in FROM, continuations, here-documents, Groovy
// interpolation, commented-out lines, CRLF). The table below is what each file must give, as
// `rule:line`; a file missing from it fails the test, so nothing in the corpus goes unchecked.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { emptyConfig, readAuditConfig } from '../../../../src/core/audit/audit-config.js';
import { type AuditResult, auditPins } from '../../../../src/core/audit/audit.js';
import { specSha256, validateSpec } from '../../../../src/core/interpreter/spec.js';

const CORPUS = resolve(import.meta.dirname, '../../../fixtures/pins');

const EXPECTED: Record<string, string[]> = {
  'docker/add-url.floating.Dockerfile': ['unchecked-add-url:2', 'unchecked-add-url:3'],
  'docker/add-url.pinned.Dockerfile': [],
  'docker/arg-from.floating.Dockerfile': ['floating-docker-image:3', 'floating-docker-image:4'],
  'docker/arg-from.pinned.Dockerfile': [],
  'docker/crlf.floating.Dockerfile': ['floating-docker-image:1', 'pip-unpinned:3'],
  'docker/crlf.pinned.Dockerfile': [],
  'docker/env-index.floating.Dockerfile': ['index-url-http:2', 'trusted-host:2', 'extra-index-url:3'],
  'docker/env-index.pinned.Dockerfile': [],
  'docker/exec-form.floating.Dockerfile': ['pip-unpinned:2'],
  'docker/exec-form.pinned.Dockerfile': [],
  'docker/from-tag.floating.Dockerfile': ['floating-docker-image:1'],
  'docker/from-tag.pinned.Dockerfile': [],
  'docker/heredoc.floating.Dockerfile': ['curl-pipe-shell:5', 'pip-unpinned:6'],
  'docker/heredoc.pinned.Dockerfile': [],
  'docker/multi-stage.floating.Dockerfile': [
    'floating-docker-image:2',
    'floating-docker-image:8',
    'floating-docker-image:10',
  ],
  'docker/multi-stage.pinned.Dockerfile': [],
  'docker/run-continuation.floating.Dockerfile': ['apt-unpinned:3', 'pip-unpinned:8'],
  'docker/run-continuation.pinned.Dockerfile': [],
  'jenkins/commented-out.floating.Jenkinsfile': ['pip-unpinned:7'],
  'jenkins/commented-out.pinned.Jenkinsfile': [],
  'jenkins/crlf.floating.Jenkinsfile': ['floating-library:1', 'pip-unpinned:3'],
  'jenkins/crlf.pinned.Jenkinsfile': [],
  'jenkins/deploy-step.floating.groovy': ['apt-unpinned:3', 'floating-docker-image:4'],
  'jenkins/deploy-step.pinned.groovy': [],
  'jenkins/docker-image.floating.Jenkinsfile': ['floating-docker-image:3', 'floating-docker-image:9'],
  'jenkins/docker-image.pinned.Jenkinsfile': [],
  'jenkins/git-step.floating.Jenkinsfile': ['git-clone-floating:3'],
  'jenkins/git-step.pinned.Jenkinsfile': [],
  'jenkins/interpolation.floating.Jenkinsfile': ['floating-docker-image:4', 'pip-unpinned:5', 'curl-pipe-shell:6'],
  'jenkins/interpolation.pinned.Jenkinsfile': [],
  'jenkins/library-branch.floating.Jenkinsfile': ['floating-library:2', 'floating-library:3'],
  'jenkins/library-branch.pinned.Jenkinsfile': [],
  'jenkins/library-noref.floating.Jenkinsfile': ['floating-library:1', 'floating-library:1', 'floating-library:2'],
  'jenkins/library-noref.pinned.Jenkinsfile': [],
  'jenkins/sh-pip.floating.Jenkinsfile': ['pip-unpinned:3', 'pip-unpinned:4', 'pip-unpinned:5'],
  'jenkins/sh-pip.pinned.Jenkinsfile': [],
  'jenkins/tools-requirements.lock': [],
  'jenkins/triple-quoted.floating.Jenkinsfile': ['git-clone-floating:5'],
  'jenkins/triple-quoted.pinned.Jenkinsfile': [],
  'pyhermetic/lock-mismatch.floating/pyhermetic.json': ['lock-fingerprint-mismatch:4'],
  'pyhermetic/lock-mismatch.floating/python.json': [],
  'pyhermetic/lock-mismatch.floating/requirements.in': [],
  'pyhermetic/lock-mismatch.floating/requirements.lock': [],
  'pyhermetic/lock-mismatch.pinned/pyhermetic.json': [],
  'pyhermetic/lock-mismatch.pinned/python.json': [],
  'pyhermetic/lock-mismatch.pinned/requirements.in': [],
  'pyhermetic/lock-mismatch.pinned/requirements.lock': [],
  'pyhermetic/missing-lock.floating/pyhermetic.json': ['config-no-lock:4'],
  'pyhermetic/missing-lock.floating/python.json': [],
  'pyhermetic/missing-lock.floating/requirements.in': [],
  'pyhermetic/missing-lock.pinned/pyhermetic.json': [],
  'pyhermetic/missing-lock.pinned/python.json': [],
  'pyhermetic/missing-lock.pinned/requirements.in': [],
  'pyhermetic/missing-lock.pinned/requirements.lock': [],
  'pyhermetic/no-build-root.floating.python.json': ['spec-no-build-root:5'],
  'pyhermetic/no-build-root.pinned.python.json': [],
  'pyhermetic/no-lock.floating/pyhermetic.json': ['config-no-lock:2'],
  'pyhermetic/no-lock.floating/python.json': [],
  'pyhermetic/no-lock.floating/requirements.in': [],
  'pyhermetic/no-lock.pinned/pyhermetic.json': [],
  'pyhermetic/no-lock.pinned/python.json': [],
  'pyhermetic/no-lock.pinned/requirements.in': [],
  'pyhermetic/no-lock.pinned/requirements.lock': [],
  'pyhermetic/no-sha.floating.python.json': ['spec-source-unpinned:4', 'spec-no-build-root:5'],
  'pyhermetic/no-sha.pinned.python.json': [],
  'requirements/constraints.floating.txt': ['requirement-unpinned:1', 'requirement-unpinned:2'],
  'requirements/constraints.pinned.txt': [],
  'requirements/input.floating.in': ['extra-index-url:2', 'index-url-http:2'],
  'requirements/input.pinned.in': [],
  'requirements/requirements-crlf.floating.txt': ['requirement-unhashed:3', 'requirement-unpinned:3'],
  'requirements/requirements-crlf.pinned.txt': [],
  'requirements/requirements-index.floating.txt': ['index-url-http:1', 'extra-index-url:2', 'trusted-host:3'],
  'requirements/requirements-index.pinned.txt': [],
  'requirements/requirements-mixed.floating.txt': ['requirement-unhashed:2'],
  'requirements/requirements-mixed.pinned.txt': [],
  'requirements/requirements-range.floating.txt': [
    'requirement-unpinned:1',
    'requirement-unpinned:2',
    'requirement-unpinned:3',
  ],
  'requirements/requirements-range.pinned.txt': [],
  'requirements/requirements-transitive.floating.txt': ['requirement-unhashed:3'],
  'requirements/requirements-transitive.pinned.txt': [],
  'requirements/requirements-vcs.floating.txt': ['vcs-unpinned:1', 'vcs-unpinned:2'],
  'requirements/requirements-vcs.pinned.txt': [],
  'shell/apt.floating.sh': ['apt-unpinned:3', 'apt-unpinned:4'],
  'shell/apt.pinned.sh': [],
  'shell/commented.floating.sh': ['pip-unpinned:4'],
  'shell/commented.pinned.sh': [],
  'shell/continuation.floating.sh': ['pip-unpinned:4', 'pip-unpinned:5'],
  'shell/continuation.pinned.sh': [],
  'shell/crlf.floating.sh': ['git-clone-floating:2', 'pip-unpinned:3'],
  'shell/crlf.pinned.sh': [],
  'shell/curl-pipe.floating.sh': ['curl-pipe-shell:2', 'curl-pipe-shell:3', 'curl-pipe-shell:4'],
  'shell/curl-pipe.pinned.sh': [],
  'shell/download.floating.sh': ['download-unverified:3', 'download-unverified:4', 'download-unverified:5'],
  'shell/download.pinned.sh': [],
  'shell/git-clone.floating.sh': ['git-clone-floating:2', 'git-clone-floating:3'],
  'shell/git-clone.pinned.sh': [],
  'shell/heredoc.floating.sh': ['pip-unpinned:6'],
  'shell/heredoc.pinned.sh': [],
  'shell/pip-index.floating.sh': ['index-url-http:2', 'trusted-host:2', 'extra-index-url:3'],
  'shell/pip-index.pinned.sh': [],
  'shell/pip-names.floating.sh': [
    'pip-unpinned:2',
    'pip-unpinned:3',
    'pip-unpinned:3',
    'pip-unpinned:4',
    'pip-unpinned:5',
    'pip-unpinned:6',
  ],
  'shell/pip-names.pinned.sh': [],
  'shell/pyenv-clone.floating.sh': ['git-clone-floating:4', 'pyenv-floating:6'],
  'shell/pyenv-clone.pinned.sh': [],
  'shell/pyenv-installer.floating.sh': ['curl-pipe-shell:2', 'pyenv-floating:3', 'pyenv-floating:4'],
  'shell/pyenv-installer.pinned.sh': [],
  'shell/requirements.lock': [],
  'shell/setup-floating': ['floating-docker-image:3', 'floating-docker-image:4'],
  'shell/setup-pinned': [],
  'shell/vcs.floating.sh': ['vcs-unpinned:2', 'vcs-unpinned:3'],
  'shell/vcs.pinned.sh': [],
  'suppress/groovy.pinned.Jenkinsfile': ['floating-docker-image:3 suppressed'],
  'suppress/no-reason.floating.sh': [
    'pip-unpinned:2',
    'invalid-suppression:2',
    'invalid-suppression:3',
    'git-clone-floating:4',
  ],
  'suppress/no-reason.pinned.sh': ['pip-unpinned:2 suppressed', 'git-clone-floating:4 suppressed'],
  'suppress/reasoned.pinned.Dockerfile': ['floating-docker-image:2 suppressed', 'apt-unpinned:3 suppressed'],
};

/** A floating case: its name says so (`x.floating.sh`, `setup-floating`), or the pyhermetic.json of a floating project. */
const isFloating = (f: string): boolean =>
  /[.-]floating/.test(basename(f)) || (basename(f) === 'pyhermetic.json' && /\.floating\//.test(f));

function corpusFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) => {
    const rel = under ? `${under}/${e.name}` : e.name;
    return e.isDirectory() ? corpusFiles(dir, rel) : [rel];
  });
}

function byFile(result: AuditResult): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of result.findings)
    out.set(f.file, [...(out.get(f.file) ?? []), `${f.rule}:${f.line}${f.suppressed ? ' suppressed' : ''}`]);
  return out;
}

describe('audit pins: the corpus', () => {
  let result: AuditResult;
  let found: Map<string, string[]>;
  const files = corpusFiles(CORPUS).filter((f) => !f.startsWith('suppress/by-config/'));

  before(async () => {
    const config = { ...emptyConfig(CORPUS), exclude: ['suppress/by-config/**'] };
    result = await auditPins({ paths: ['.'], cwd: CORPUS, config, failOn: 'error' });
    found = byFile(result);
  });

  it('has at least 40 files, every one of them in the expected-findings table, and a pinned twin for each floating one', () => {
    assert.ok(files.length >= 40, `${files.length} files`);
    assert.deepEqual(
      files.filter((f) => !(f in EXPECTED)),
      [],
      'corpus files without an expected row',
    );
    const floating = files.filter(isFloating);
    const missingTwin = floating.filter((f) => !files.includes(f.replace('floating', 'pinned')));
    assert.deepEqual(missingTwin, []);
    assert.ok(floating.length >= 30, `${floating.length} floating files`);
  });

  it('zero false positives: no pinned twin (or helper file) has an unsuppressed finding', () => {
    const falsePositives = files
      .filter((f) => !isFloating(f))
      .flatMap((f) => (found.get(f) ?? []).filter((x) => !x.endsWith(' suppressed')).map((x) => `${f}: ${x}`));
    assert.deepEqual(falsePositives, []);
  });

  it('zero false negatives: every floating file gives its expected findings', () => {
    const falseNegatives = files.filter(isFloating).flatMap((f) => {
      const got = [...(found.get(f) ?? [])];
      return EXPECTED[f]!.filter((x) => {
        const i = got.indexOf(x);
        if (i === -1) return true;
        got.splice(i, 1);
        return false;
      }).map((x) => `${f}: ${x}`);
    });
    assert.deepEqual(falseNegatives, []);
    for (const f of files.filter(isFloating)) assert.ok(EXPECTED[f]!.length > 0, f);
  });

  it('every file gives exactly its row of the table (rule and line)', () => {
    for (const f of files) assert.deepEqual(found.get(f) ?? [], EXPECTED[f], f);
  });

  it('both seed cases: the floating pyenv clone and the unpinned transitive without hashes', () => {
    const pyenv = result.findings.filter((f) => f.file === 'shell/pyenv-clone.floating.sh');
    assert.deepEqual(
      pyenv.map((f) => [f.rule, f.line, f.column]),
      [
        ['git-clone-floating', 4, 1],
        ['pyenv-floating', 6, 1],
      ],
    );
    assert.match(pyenv[1]!.message, /installed floating on line 4/);
    assert.match(pyenv[0]!.fix, /checkout --detach <40-hex commit>/);
    const transitive = result.findings.find((f) => f.file === 'requirements/requirements-transitive.floating.txt')!;
    assert.equal(transitive.rule, 'requirement-unhashed');
    assert.match(
      transitive.message,
      /2 requirement\(s\) and not one --hash: pip will install their dependencies unpinned/,
    );
  });

  it('points at the floating text: line, column and the text itself, also in CRLF files', () => {
    const crlf = result.findings.find((f) => f.file === 'jenkins/crlf.floating.Jenkinsfile' && f.line === 3)!;
    assert.deepEqual([crlf.column, crlf.text], [21, 'requests']);
    const from = result.findings.find((f) => f.file === 'docker/multi-stage.floating.Dockerfile' && f.line === 2)!;
    // SARIF's endColumn is the column after the region.
    assert.deepEqual([from.column, from.endColumn, from.text], [29, 40, 'python:3.11']);
    const lib = result.findings.find((f) => f.file === 'jenkins/library-branch.floating.Jenkinsfile')!;
    assert.deepEqual([lib.line, lib.column, lib.text], [2, 11, 'shared-lib@master']);
  });

  it('counts by severity; suppressed findings are reported but not counted', () => {
    const unsuppressed = result.findings.filter((f) => !f.suppressed);
    assert.equal(result.counts.suppressed, 5);
    assert.equal(result.counts.error + result.counts.warning, unsuppressed.length);
    assert.equal(result.counts.warning, unsuppressed.filter((f) => f.severity === 'warning').length);
    assert.equal(result.ok, false);
  });
});

describe('audit pins: the audit config (suppressions with reasons, excludes, known tags)', () => {
  it('suppresses by rule and path, reports an entry without a reason, leaves excluded paths out', async () => {
    const dir = join(CORPUS, 'suppress/by-config');
    const config = readAuditConfig(join(dir, '.pyhermetic-audit.json'));
    const result = await auditPins({ paths: ['.'], cwd: dir, config, failOn: 'error' });
    assert.deepEqual(
      result.findings.map(
        (f) => `${f.file}:${f.line} ${f.rule}${f.suppressed ? ` suppressed (${f.suppressed.reason})` : ''}`,
      ),
      [
        '.pyhermetic-audit.json:6 invalid-suppression',
        "ci/agent.sh:2 apt-unpinned suppressed (the agents' apt sources point at a dated snapshot)",
        'ci/agent.sh:3 pip-unpinned',
      ],
    );
    // stable-2024 is listed in libraryTags: the Jenkinsfile that loads it is clean.
    const without = await auditPins({ paths: ['.'], cwd: dir, config: emptyConfig(dir), failOn: 'error' });
    assert.ok(without.findings.some((f) => f.file === 'Jenkinsfile' && f.rule === 'floating-library'));
    assert.ok(without.findings.some((f) => f.file === 'vendor/install.sh' && f.rule === 'curl-pipe-shell'));
  });
});

describe('audit pins: tricky inputs made in the test', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyhermetic-pins-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a 5 MB minified one-line Groovy file and a 5 MB one-line script: the floating calls inside are found where they are', async () => {
    const chunk = "sh 'echo ok';x=[a:1,b:'two'];";
    const half = chunk.repeat(Math.ceil((2.5 * 1024 * 1024) / chunk.length));
    const groovy = `${half}docker.image('python:3');${half}sh 'pip install requests'`;
    writeFileSync(join(dir, 'vendored.min.groovy'), groovy);
    const script = `${'true;'.repeat(1024 * 1024)}curl -fsSL https://x.example.org/i | sh`;
    writeFileSync(join(dir, 'minified.sh'), script);
    assert.ok(groovy.length > 5_000_000 && script.length > 5_000_000);
    const result = await auditPins({ paths: ['.'], cwd: dir, config: emptyConfig(dir), failOn: 'error' });
    assert.deepEqual(
      result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.text}`),
      [
        `minified.sh:1:${5 * 1024 * 1024 + 1} curl-pipe-shell curl -fsSL https://x.example.org/i | sh`,
        `vendored.min.groovy:1:${half.length + 15} floating-docker-image python:3`,
        `vendored.min.groovy:1:${groovy.length - 'requests'.length} pip-unpinned requests`,
      ],
    );
  });

  it("a lock made for another interpreter than the spec's: found from the pipeline's interpreter.json", async () => {
    const project = join(dir, 'project');
    cpSync(join(CORPUS, 'pyhermetic/lock-mismatch.pinned'), project, { recursive: true });
    const spec = validateSpec(JSON.parse(readFileSync(join(project, 'python.json'), 'utf8')));
    const out = join(project, '.pyhermetic-out', 'interpreter');
    mkdirSync(out, { recursive: true });
    const write = (fingerprint: string) =>
      writeFileSync(join(out, 'interpreter.json'), JSON.stringify({ specSha256: specSha256(spec), fingerprint }));
    const audit = () => auditPins({ paths: ['.'], cwd: project, config: emptyConfig(project), failOn: 'error' });
    write('d658e8c68ec11e24e4255dd6f97b2b935f000cc8c002a59385ad6726fdf3247b'); // the lock's
    assert.deepEqual((await audit()).findings, []);
    write('e'.repeat(64));
    const [f, ...rest] = (await audit()).findings;
    assert.equal(rest.length, 0);
    assert.equal(f!.rule, 'lock-fingerprint-mismatch');
    assert.match(f!.message, /made for interpreter d658e8c68ec11e24…; python\.json builds eeeeeeeeeeeeeeee…/);
    assert.equal(relative(project, join(project, f!.file)), 'pyhermetic.json');
  });
});
