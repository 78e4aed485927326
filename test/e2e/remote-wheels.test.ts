// The fleet-wide wheel cache on a real nginx WebDAV: agent A builds MarkupSafe 2.1.2 (the real sdist,
// allowed by name) and publishes the wheel under the static interpreter's fingerprint and the sdist's
// sha256; agent B installs that wheel without building; a poisoned wheel (an extension that needs
// libpython, as a shared interpreter's build does) placed on the server in that scope is refused with
// exit 1 and the env is not created; a wheel in another fingerprint's scope is never looked at.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { builtInterpreter, type BuiltInterpreter } from '../helpers/interpreters.js';
import { addFile, createIndex, type LocalIndex } from '../helpers/local-index.js';
import { type NginxWebdav, startNginxWebdav } from '../helpers/nginx-webdav.js';
import { LOCAL_INDEX, MARKUPSAFE_SDIST, parseJson } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();
import { buildWheel } from '../helpers/zip-builder.js';

const MARKUPSAFE_SHA = 'abcabc8c2b26036d62d4c746381a6f7cf60aafcc653198ad678306986b09450d';
const TAG = 'cp311-cp311-linux_x86_64';
const EXT = '.cpython-311-x86_64-linux-gnu.so';

function wheelsBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.whl'))
    .map((e) => e.name);
}

describe('remote store: shared wheels of allowed sdists, audited before use', function () {
  this.timeout(40 * 60 * 1000);
  let nginx: NginxWebdav;
  let built: BuiltInterpreter;
  let index: LocalIndex;
  let lockFile: string;
  let scopeDir: string;

  const envCreate = (name: string, extra: string[]) =>
    scratchDirs.run(
      [
        'env',
        'create',
        '--interpreter',
        built.outDir,
        '--lock',
        lockFile,
        '--dest',
        join(scratchDirs.dir(`${name}-`), 'env'),
        '--cache-root',
        scratchDirs.dir(`${name}-cache-`),
        '--remote',
        nginx.url,
        '--json',
        ...extra,
      ],
      { env: nginx.env },
    );

  const envCreateInto = (dest: string) =>
    scratchDirs.run(
      [
        'env',
        'create',
        '--interpreter',
        built.outDir,
        '--lock',
        lockFile,
        '--dest',
        dest,
        '--cache-root',
        scratchDirs.dir('agent-cache-'),
        '--remote',
        nginx.url,
        '--json',
      ],
      { env: nginx.env },
    );

  before(async () => {
    built = await builtInterpreter('static');
    nginx = await startNginxWebdav();
    // One index path for every agent (pip's own cache key would differ per path; ours does not).
    index = createIndex('shared-wheels-index-');
    scratchDirs.track(index.root);
    const renamed = join(scratchDirs.dir('ms-'), 'MarkupSafe-2.1.2.tar.gz');
    copyFileSync(MARKUPSAFE_SDIST, renamed);
    addFile(index, 'markupsafe', renamed);
    const dir = scratchDirs.dir('shared-wheels-proj-');
    writeFileSync(join(dir, 'requirements.in'), 'markupsafe==2.1.2\n');
    lockFile = join(dir, 'requirements.lock');
    const lock = await scratchDirs.run([
      'lock',
      '-r',
      join(dir, 'requirements.in'),
      '--interpreter',
      built.outDir,
      '--index-url',
      index.url,
      '--index-url',
      LOCAL_INDEX,
      '--allow-source',
      'markupsafe',
      '-o',
      lockFile,
    ]);
    assert.equal(lock.exitCode, 0, lock.stderr);
    assert.match(readFileSync(lockFile, 'utf8'), new RegExp(`markupsafe==2\\.1\\.2 --hash=sha256:${MARKUPSAFE_SHA}`));
    scopeDir = join(nginx.root, 'wheels', built.fingerprint, MARKUPSAFE_SHA);
  });
  after(async () => {
    await nginx?.stop();
    scratchDirs.cleanup();
  });

  it('agent A builds MarkupSafe from its sdist and publishes the wheel under wheels/<fingerprint>/<sdist sha256>/', async () => {
    const a = await envCreate('agent-a', ['--publish']);
    assert.equal(a.exitCode, 0, a.stderr);
    const names = readdirSync(scopeDir).sort();
    assert.deepEqual(names, [`markupsafe-2.1.2-${TAG}.whl`, 'wheel.json']);
    const doc = JSON.parse(readFileSync(join(scopeDir, 'wheel.json'), 'utf8'));
    assert.equal(doc.fingerprint, built.fingerprint);
    assert.equal(doc.sdistSha256, MARKUPSAFE_SHA);
    assert.equal(
      doc.wheel.sha256,
      createHash('sha256')
        .update(readFileSync(join(scopeDir, doc.wheel.file)))
        .digest('hex'),
    );
  });

  it('agent B (empty cache) installs the shared wheel after the audit, builds nothing, and the extension imports', async () => {
    const b = await envCreate('agent-b', []);
    assert.equal(b.exitCode, 0, b.stderr);
    assert.match(
      b.stderr,
      /markupsafe: using the shared wheel markupsafe-2\.1\.2-cp311-cp311-linux_x86_64\.whl \(audited\)/,
    );
    const { dest, cacheDir } = parseJson(b);
    assert.deepEqual(wheelsBelow(join(cacheDir, 'wheels')), [], 'pip built no wheel');
    const envDoc = JSON.parse(readFileSync(join(dest, 'pyhermetic-env.json'), 'utf8'));
    assert.deepEqual(
      envDoc.sharedWheels.map((w: any) => [w.name, w.sdistSha256, w.url.includes(`/wheels/${built.fingerprint}/`)]),
      [['markupsafe', MARKUPSAFE_SHA, true]],
    );
    const r = await execa(join(dest, 'bin', 'python3'), ['-c', 'import markupsafe._speedups as s; print(s.__file__)'], {
      reject: false,
    });
    assert.equal(r.exitCode, 0, r.stderr);
  });

  for (const [what, file] of [
    ["a '../' in wheel.json's file name", '../../../evil-2.1.2-cp311-cp311-linux_x86_64.whl'],
    ['an absolute file name in wheel.json', '/tmp/evil-2.1.2-cp311-cp311-linux_x86_64.whl'],
  ] as const) {
    it(`${what}: exit 3 naming the remote manifest (not the user, never a stack trace), no env`, async () => {
      const doc = JSON.parse(readFileSync(join(scopeDir, 'wheel.json'), 'utf8'));
      const saved = JSON.stringify(doc);
      writeFileSync(join(scopeDir, 'wheel.json'), JSON.stringify({ ...doc, wheel: { ...doc.wheel, file } }));
      try {
        const dest = join(scratchDirs.dir('agent-evil-'), 'env');
        const r = await envCreateInto(dest);
        assert.equal(r.exitCode, 3, r.stderr);
        assert.match(
          r.stderr,
          /wheels\/[0-9a-f]{64}\/[0-9a-f]{64}\/wheel\.json: not a shared wheel manifest of markupsafe==2\.1\.2/,
        );
        assert.doesNotMatch(r.stderr, /\n\s+at .*:\d+:\d+/);
        assert.equal(existsSync(dest), false);
      } finally {
        writeFileSync(join(scopeDir, 'wheel.json'), saved);
      }
    });
  }

  it('a wheel whose member was changed after it was built (its RECORD says otherwise): exit 3, no env', async () => {
    const doc = JSON.parse(readFileSync(join(scopeDir, 'wheel.json'), 'utf8'));
    const original = readFileSync(join(scopeDir, doc.wheel.file));
    const work = scratchDirs.dir('record-ms-');
    await execa('unzip', ['-q', join(scopeDir, doc.wheel.file), '-d', join(work, 'w')]);
    writeFileSync(join(work, 'w', 'markupsafe', '__init__.py'), 'import os  # changed after the build\n');
    const changed = join(work, doc.wheel.file);
    await execa('zip', ['-qr', changed, '.'], { cwd: join(work, 'w') });
    const bytes = readFileSync(changed);
    writeFileSync(join(scopeDir, doc.wheel.file), bytes);
    const saved = JSON.stringify(doc);
    doc.wheel.sha256 = createHash('sha256').update(bytes).digest('hex');
    doc.wheel.size = bytes.length;
    writeFileSync(join(scopeDir, 'wheel.json'), JSON.stringify(doc));
    try {
      const dest = join(scratchDirs.dir('agent-record-'), 'env');
      const r = await envCreateInto(dest);
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(
        r.stderr,
        /does not match its own RECORD: "markupsafe\/__init__\.py" does not have the sha256 RECORD gives it/,
      );
      assert.equal(existsSync(dest), false);
    } finally {
      writeFileSync(join(scopeDir, doc.wheel.file), original);
      writeFileSync(join(scopeDir, 'wheel.json'), saved);
    }
  });

  it('a poisoned wheel (needs libpython) placed in this fingerprint scope is refused: exit 1, no env', async () => {
    const work = scratchDirs.dir('poison-ms-');
    const c = join(work, 'speedups.c');
    writeFileSync(
      c,
      '#include <Python.h>\nstatic struct PyModuleDef d = { PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, NULL };\nPyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&d); }\n',
    );
    const so = join(work, `_speedups${EXT}`);
    await execa('gcc', ['-shared', '-fPIC', '-o', so, c, '-I/usr/include/python3.11', '-lpython3.11']);
    const wheel = buildWheel(
      'markupsafe',
      '2.1.2',
      [TAG],
      [{ name: `markupsafe/_speedups${EXT}`, data: readFileSync(so) }],
    );
    const file = `markupsafe-2.1.2-${TAG}.whl`;
    writeFileSync(join(scopeDir, file), wheel);
    const doc = JSON.parse(readFileSync(join(scopeDir, 'wheel.json'), 'utf8'));
    doc.wheel = { file, sha256: createHash('sha256').update(wheel).digest('hex'), size: wheel.length };
    writeFileSync(join(scopeDir, 'wheel.json'), JSON.stringify(doc));

    const dest = join(scratchDirs.dir('agent-c-'), 'env');
    const r = await scratchDirs.run(
      [
        'env',
        'create',
        '--interpreter',
        built.outDir,
        '--lock',
        lockFile,
        '--dest',
        dest,
        '--cache-root',
        scratchDirs.dir('agent-c-cache-'),
        '--remote',
        nginx.url,
        '--json',
      ],
      { env: nginx.env },
    );
    assert.equal(r.exitCode, 1, r.stderr);
    const findings = parseJson(r).findings as { path: string; message: string }[];
    assert.ok(
      findings.some(
        (f) => f.path.includes(`/wheels/${built.fingerprint}/${MARKUPSAFE_SHA}/`) && /libpython3\.11/.test(f.message),
      ),
      JSON.stringify(findings),
    );
    assert.equal(existsSync(dest), false, 'no env was created');
  });

  it('a wheel in another fingerprint scope is never fetched: the agent builds from the sdist', async () => {
    const other = join(nginx.root, 'wheels', 'f'.repeat(64), MARKUPSAFE_SHA);
    mkdirSync(join(other, '..'), { recursive: true });
    // The poisoned scope moves to another interpreter's fingerprint (as a shared build would publish it).
    moveDir(scopeDir, other);
    const d = await envCreate('agent-d', []);
    assert.equal(d.exitCode, 0, d.stderr);
    assert.doesNotMatch(d.stderr, /shared wheel/);
    assert.deepEqual(wheelsBelow(join(parseJson(d).cacheDir, 'wheels')), [`markupsafe-2.1.2-${TAG}.whl`]);
    const log = readFileSync(join(nginx.root, '..', '..', 'logs', 'access.log'), 'utf8');
    assert.doesNotMatch(log, new RegExp(`/wheels/${'f'.repeat(64)}/`));
  });
});

function moveDir(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
  rmSync(from, { recursive: true });
}
