// The demo as its own config has it: the interpreter built in the pinned Debian 11 build root, the
// package smoke-tested by verify inside a Debian 11 minbase root (nothing installed beyond debootstrap's
// minbase), and then started there by hand the way production would: chroot + env -i, at a path other
// than the build's. The build is the suite's `portable` one (the demo's spec is the portable fixture
// plus the build root), so this costs one pipeline run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { testBuildRoot } from '../helpers/build-root.js';
import { debianRoot } from '../helpers/debian-root.js';
import { copyDemo, editJson } from '../helpers/demo-app.js';
import { builtInterpreter } from '../helpers/interpreters.js';
import { parseJson, runPyhermetic, sharedStore, tempDir } from '../helpers/runner.js';

const MODULES = ['ssl', 'hashlib', 'sqlite3', 'ctypes', 'lzma', 'bz2', 'zlib', 'readline', 'uuid', 'decimal'];
const PROBE = `
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
for m in sys.argv[2:]:
    importlib.import_module(m)
import ssl, demo_app
print(json.dumps({"openssl": ssl.OPENSSL_VERSION, "prefix": sys.prefix, "app": demo_app.__file__}))
`;

describe('the demo, portable: built in the Debian 11 build root, verified and started in a Debian 11 minbase root', () => {
  let out: string;
  let minbase: string;

  before(async () => {
    const root = await testBuildRoot();
    await builtInterpreter('portable');
    minbase = await debianRoot('bullseye');
    const dir = join(tempDir('demo-portable-'), 'demo-app');
    copyDemo(dir);
    // The demo pins the build root by sha256; the run's root is made by the same `buildroot create`.
    editJson(join(dir, 'python.json'), (d) => {
      (d.buildRoot as { sha256: string }).sha256 = root.sha256;
    });
    editJson(join(dir, 'pyhermetic.json'), (d) => {
      d.productionRoot = minbase;
    });
    out = join(tempDir('demo-portable-out-'), 'out');
    const r = await runPyhermetic(
      ['pipeline', '--config', join(dir, 'pyhermetic.json'), '--out', out, '--store', sharedStore(), '--json'],
      { timeoutMs: 60 * 60 * 1000 },
    );
    assert.equal(r.exitCode, 0, r.stderr.slice(-6000));
    assert.equal(parseJson(r).ok, true);
  });

  it('the report\'s "floating inputs" section is there and clean: the demo pins everything', () => {
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8'));
    assert.equal(report.checks[0].name, 'audit-pins');
    assert.equal(report.checks[0].ok, true);
    assert.deepEqual(report.pinAudit.counts, { error: 0, warning: 0, suppressed: 0, failing: 0 });
    assert.deepEqual(report.pinAudit.findings, []);
    assert.ok(report.pinAudit.scanned >= 4, `${report.pinAudit.scanned} files scanned`);
    assert.match(
      readFileSync(join(out, 'report', 'report.html'), 'utf8'),
      /Floating inputs \(audit pins\)<\/h2>[\s\S]*No floating inputs: every image, library, clone, download and requirement is pinned\./,
    );
  });

  it("the pipeline's verify is clean with the Debian 11 root: floor 2.31 or lower, no system library needed", () => {
    const report = JSON.parse(readFileSync(join(out, 'report', 'verify', 'report.json'), 'utf8'));
    const where = report.whereItRuns;
    assert.ok(where, 'the report has a "where it runs" section');
    const [major, minor] = String(where.glibcFloor.version).split('.').map(Number);
    assert.ok(major === 2 && minor! <= 31, `glibc floor ${where.glibcFloor.version}`);
    assert.deepEqual(where.systemLibraries, []);
    assert.equal(where.roots.length, 1);
    assert.equal(where.roots[0].ok, true);
    assert.equal(where.roots[0].root, minbase);
  });

  it('the package starts in the minbase root under chroot + env -i at /opt, imports the stdlib modules and the app, OpenSSL 3', async () => {
    const pkgDir = tempDir('demo-portable-pkg-');
    await execa('tar', ['-xzf', join(out, 'dist', 'demo-app.tar.gz'), '-C', pkgDir]);
    const python = readFileSync(join(pkgDir, 'bin', 'python3'), 'latin1').startsWith('\x7fELF')
      ? '/opt/bin/python3'
      : '/opt/bin/python3.11';
    // A private mount namespace: the package is bind-mounted at /opt (empty in minbase); the root itself
    // is not modified.
    const script =
      'p=$1 r=$2 py=$3 code=$4; shift 4; mount --bind "$p" "$r/opt" && exec chroot "$r" /usr/bin/env -i "$py" -c "$code" "$@"';
    const r = await execa(
      'unshare',
      ['-m', 'sh', '-c', script, 'sh', pkgDir, minbase, python, PROBE, '/opt/app', ...MODULES],
      { reject: false },
    );
    assert.equal(r.exitCode, 0, String(r.stderr));
    const doc = JSON.parse(String(r.stdout).trim().split('\n').pop()!);
    assert.match(doc.openssl, /^OpenSSL 3\./);
    assert.equal(doc.prefix, '/opt');
    assert.match(doc.app, /^\/opt\/app\/demo_app\//);
  });
});
