// Replay of the poison-wheel outage (DESIGN.md): red with plain pip and one shared PIP_CACHE_DIR,
// then green through `pyhermetic env create` with one --cache-root.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { runWithoutSystemLibpython } from '../helpers/hide-libpython.js';
import { addFile, createIndex, makeSdist, sha256File, type LocalIndex } from '../helpers/local-index.js';
import { LOCAL_INDEX, MARKUPSAFE_SDIST, ROOT, parseJson, runPyhermetic, tempDir } from '../helpers/runner.js';

const PYENV_SHARED = '/root/.pyenv/versions/3.11.7';
// The wheels built here link against this machine's glibc; the audit's glibc floor is not the point of
// this replay (linkage is), so the floor is the local glibc.
const GLIBC_HERE = execFileSync('getconf', ['GNU_LIBC_VERSION']).toString().trim().split(' ')[1];

/** Every file below dir whose name matches. */
function find(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) out.push(...find(p, pattern));
    else if (pattern.test(name)) out.push(p);
  }
  return out;
}

async function dynamicSection(so: string): Promise<{ needed: string[]; runpath: string[] }> {
  const r = await execa('readelf', ['-d', so]);
  const needed = [...r.stdout.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
  const runpath = [...r.stdout.matchAll(/\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[([^\]]+)\]/g)].flatMap(
    (m) => m[1].split(':'),
  );
  return { needed, runpath };
}

/** Plain pip as a CI job runs it: the caller's environment plus one shared PIP_CACHE_DIR. */
async function plainPipInstall(python: string, cache: string, target: string, index: LocalIndex, requirement: string) {
  return execa(
    python,
    [
      '-m',
      'pip',
      'install',
      '--target',
      target,
      '--index-url',
      index.url,
      '--extra-index-url',
      LOCAL_INDEX,
      requirement,
    ],
    {
      env: { ...process.env, PIP_CACHE_DIR: cache },
      extendEnv: false,
      reject: false,
      all: true,
    },
  );
}

describe('replay: poison wheels (one pip cache shared by a shared and a static interpreter) @slow', () => {
  let staticPy: BuiltInterpreter;
  let sharedPy: BuiltInterpreter;
  let index: LocalIndex;
  let poisonSdist: string;
  let markupsafeSdist: string;

  before(async () => {
    [staticPy, sharedPy] = await Promise.all([builtInterpreter('static'), builtInterpreter('shared')]);
    index = createIndex('poison-index-');
    poisonSdist = addFile(
      index,
      'poison-ext',
      await makeSdist(join(ROOT, 'test', 'fixtures', 'poison-ext'), 'poison_ext', '1.0'),
    );
    // The Debian orig tarball is the real MarkupSafe 2.1.2 sdist; an index serves it under its sdist name.
    const renamed = join(tempDir('ms-'), 'MarkupSafe-2.1.2.tar.gz');
    copyFileSync(MARKUPSAFE_SDIST, renamed);
    markupsafeSdist = addFile(index, 'markupsafe', renamed);
  });

  it("RED: plain pip serves the shared build's cached wheel to the static interpreter; without the system libpython the import fails", async () => {
    const cache = tempDir('plain-cache-');
    const first = await plainPipInstall(sharedPy.python, cache, tempDir('t-shared-'), index, 'poison-ext==1.0');
    assert.equal(first.exitCode, 0, first.all);
    assert.match(first.all!, /Building wheel for poison-ext/);
    const target = tempDir('t-static-');
    const second = await plainPipInstall(staticPy.python, cache, target, index, 'poison-ext==1.0');
    assert.equal(second.exitCode, 0, second.all);
    assert.match(second.all!, /Using cached poison_ext-1\.0-cp311-cp311-linux_x86_64\.whl/);
    assert.doesNotMatch(second.all!, /Building wheel/);
    const [so] = find(target, /^poison\..*\.so$/);
    assert.ok(
      (await dynamicSection(so)).needed.includes('libpython3.11.so.1.0'),
      'the static interpreter received an extension that needs libpython',
    );
    const imp = await runWithoutSystemLibpython([
      staticPy.python,
      '-c',
      `import sys; sys.path.insert(0, ${JSON.stringify(target)}); import poison`,
    ]);
    assert.notEqual(imp.exitCode, 0);
    assert.match(imp.stderr, /libpython3\.11\.so\.1\.0: cannot open shared object file/);
    // cache audit finds the poisoned wheel in the plain shared cache.
    const audit = await runPyhermetic([
      'cache',
      'audit',
      cache,
      '--interpreter',
      staticPy.artifact,
      '--glibc-max',
      GLIBC_HERE,
      '--json',
    ]);
    assert.equal(audit.exitCode, 1, audit.stderr);
    const findings = parseJson(audit).findings as { wheel?: string; message: string }[];
    assert.ok(
      findings.some((f) => JSON.stringify(f).includes('poison_ext-1.0') && /libpython3\.11/.test(JSON.stringify(f))),
      JSON.stringify(findings),
    );
  });

  it('RED (real world): MarkupSafe 2.1.2 built by a pyenv interpreter hands its absolute RUNPATH to the static interpreter', async () => {
    const cache = tempDir('plain-cache-ms-');
    const first = await plainPipInstall(
      `${PYENV_SHARED}/bin/python3`,
      cache,
      tempDir('t-pyenv-'),
      index,
      'markupsafe==2.1.2',
    );
    assert.equal(first.exitCode, 0, first.all);
    assert.match(first.all!, /Building wheel for markupsafe/i);
    const target = tempDir('t-static-ms-');
    const second = await plainPipInstall(staticPy.python, cache, target, index, 'markupsafe==2.1.2');
    assert.equal(second.exitCode, 0, second.all);
    assert.match(second.all!, /Using cached MarkupSafe-2\.1\.2-cp311-cp311-linux_x86_64\.whl/i);
    const [so] = find(target, /^_speedups\..*\.so$/);
    assert.ok(
      (await dynamicSection(so)).runpath.includes(`${PYENV_SHARED}/lib`),
      "the wheel carries the pyenv build machine's RUNPATH",
    );
    const audit = await runPyhermetic([
      'cache',
      'audit',
      cache,
      '--interpreter',
      staticPy.artifact,
      '--glibc-max',
      GLIBC_HERE,
      '--json',
    ]);
    assert.equal(audit.exitCode, 1, audit.stderr);
    assert.ok(JSON.stringify(parseJson(audit).findings).includes(`${PYENV_SHARED}/lib`), audit.stdout);
  });

  it("GREEN: env create gives each interpreter its own cache scope; the static env's extensions need no libpython, carry no foreign RUNPATH and import without it", async () => {
    const cacheRoot = tempDir('scoped-cache-');
    const lock = join(tempDir('lock-'), 'requirements.lock');
    writeFileSync(
      lock,
      [
        `markupsafe==2.1.2 --hash=sha256:${sha256File(markupsafeSdist)}`,
        `poison-ext==1.0 --hash=sha256:${sha256File(poisonSdist)}`,
        '',
      ].join('\n'),
    );
    const create = async (interpreter: string, dest: string) => {
      const r = await runPyhermetic([
        'env',
        'create',
        '--interpreter',
        interpreter,
        '--lock',
        lock,
        '--dest',
        dest,
        '--index-url',
        index.url,
        '--index-url',
        LOCAL_INDEX,
        '--allow-source',
        'poison-ext',
        '--allow-source',
        'markupsafe',
        '--cache-root',
        cacheRoot,
        '--json',
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
      return parseJson(r);
    };
    const work = tempDir('envs-');
    const sharedEnv = await create(sharedPy.artifact, join(work, 'shared'));
    const staticEnv = await create(staticPy.artifact, join(work, 'static'));
    const scopes = new Set([sharedEnv.cacheDir, staticEnv.cacheDir]);
    assert.equal(scopes.size, 2, 'two fingerprints, two cache scopes');
    for (const dir of scopes) assert.ok(dir.startsWith(`${join(cacheRoot, 'pip')}/`), dir);
    assert.equal(staticEnv.cacheDir, join(cacheRoot, 'pip', staticPy.fingerprint));

    const [sharedPoison] = find(join(work, 'shared'), /^poison\..*\.so$/);
    assert.ok(
      (await dynamicSection(sharedPoison)).needed.includes('libpython3.11.so.1.0'),
      'the shared build still links libpython (the scope is what protects the static one)',
    );
    const [staticPoison] = find(join(work, 'static'), /^poison\..*\.so$/);
    const [staticSpeedups] = find(join(work, 'static'), /^_speedups\..*\.so$/);
    for (const so of [staticPoison, staticSpeedups]) {
      const d = await dynamicSection(so);
      assert.ok(!d.needed.some((n) => n.startsWith('libpython')), `${so}: ${d.needed}`);
      assert.deepEqual(
        d.runpath.filter((p) => !p.startsWith('$ORIGIN')),
        [],
        `${so}: foreign RUNPATH ${d.runpath}`,
      );
    }
    const imp = await runWithoutSystemLibpython([
      join(work, 'static', 'bin', 'python3'),
      '-c',
      'import poison, markupsafe._speedups; print(poison.answer())',
    ]);
    assert.equal(imp.exitCode, 0, imp.stderr);
    assert.equal(imp.stdout.trim(), '42');
    // The static scope holds only what the static interpreter built itself.
    const staticWheels = find(staticEnv.cacheDir, /\.whl$/);
    assert.equal(staticWheels.length, 2, staticWheels.join('\n'));
    for (const w of find(sharedEnv.cacheDir, /\.whl$/))
      assert.ok(!staticWheels.some((s) => sha256File(s) === sha256File(w)));
    const audit = await runPyhermetic([
      'cache',
      'audit',
      staticEnv.cacheDir,
      '--interpreter',
      staticPy.artifact,
      '--glibc-max',
      GLIBC_HERE,
      '--json',
    ]);
    assert.equal(audit.exitCode, 0, audit.stdout + audit.stderr);
    assert.equal(parseJson(audit).wheels, 2);
  });
});
