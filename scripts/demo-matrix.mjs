// `npm run demo -- --matrix` (scripts/demo.sh has made the build root and the Debian 11 production root
// by then): builds every spec of examples/matrix/ (3.9, 3.11, 3.13, 3.14 and free-threaded 3.14t) in the
// pinned Debian 11 build root, then prints one line per version: fingerprint, glibc floor, size, whether it
// starts in Debian 11 minbase with ssl, sqlite3, ctypes, readline, decimal and curses, and whether it was a
// store hit; with the artifact sha256 and the build's wall time. A second run is all store hits.
// Usage: node scripts/demo-matrix.mjs STORE PRODUCTION_ROOT [SPEC.json …]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNNER = join(ROOT, 'resources', 'pyhermetic', 'runner.mjs');
const [store, prodRoot, ...given] = process.argv.slice(2);
if (!store || !prodRoot) {
  process.stderr.write('usage: node scripts/demo-matrix.mjs STORE PRODUCTION_ROOT [SPEC.json …]\n');
  process.exit(2);
}
const specDir = join(ROOT, 'examples', 'matrix');
const specs = given.length
  ? given
  : readdirSync(specDir)
      .filter((f) => f.endsWith('.json'))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((f) => join(specDir, f));
const say = (line) => process.stderr.write(`demo-matrix: ${line}\n`);

// The sources: scripts/fetch-sources.sh put them in test/inputs (setup-machine runs it).
for (const f of readdirSync(join(ROOT, 'test', 'inputs'))) {
  if (!/^(python3\.\d+_|openssl_)/.test(f)) continue;
  execFileSync(process.execPath, [RUNNER, 'source', 'import', join(ROOT, 'test', 'inputs', f), '--store', store], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const PROBE =
  'import sys, ssl, sqlite3, ctypes, readline, decimal, curses; print(sys.version.split()[0], ssl.OPENSSL_VERSION)';

/** Starts the interpreter in the Debian 11 minbase root at /opt (chroot + env -i): 'yes' or 'no (why)'. */
function startsInDebian11(artifact, python) {
  const prefix = mkdtempSync(join(tmpdir(), 'demo-matrix-'));
  try {
    execFileSync('tar', ['-xzf', artifact, '-C', prefix]);
    const script = 'mount --bind "$1" "$2/opt" && exec chroot "$2" /usr/bin/env -i "/opt/$3" -c "$4"';
    const r = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', prefix, prodRoot, python, PROBE], {
      encoding: 'utf8',
    });
    return r.status === 0
      ? { ok: 'yes', detail: r.stdout.trim() }
      : { ok: 'no', detail: r.stderr.trim().split('\n').pop() };
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

const rows = [];
for (const spec of specs) {
  const name = spec
    .split('/')
    .pop()
    .replace(/\.json$/, '');
  say(`${name}: interpreter build --spec ${spec}`);
  const out = mkdtempSync(join(tmpdir(), 'demo-matrix-out-'));
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [RUNNER, 'interpreter', 'build', '--spec', spec, '--store', store, '--out', out, '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const seconds = (Date.now() - started) / 1000;
  if (r.status !== 0) {
    rows.push({ name, failed: `exit ${r.status}` });
    rmSync(out, { recursive: true, force: true });
    continue;
  }
  const doc = JSON.parse(r.stdout);
  const manifest = JSON.parse(readFileSync(join(out, 'interpreter.json'), 'utf8'));
  const artifact = join(out, 'interpreter.tar.gz');
  const starts = startsInDebian11(artifact, manifest.python);
  rows.push({
    name,
    version: `${manifest.spec.version}${manifest.fields.ABIFLAGS ?? ''}`,
    fingerprint: doc.fingerprint,
    sha256: doc.sha256,
    floor: manifest.glibcFloor,
    size: statSync(artifact).size,
    starts,
    hit: doc.cached ? 'yes' : 'no',
    seconds,
  });
  rmSync(out, { recursive: true, force: true });
}

const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
process.stdout.write(
  '\nversion   fingerprint       glibc floor  size       starts in Debian 11  store hit  build (wall)\n',
);
for (const row of rows) {
  if (row.failed) {
    process.stdout.write(`${row.name.padEnd(9)} build failed (${row.failed})\n`);
    continue;
  }
  process.stdout.write(
    `${row.version.padEnd(9)} ${row.fingerprint.slice(0, 16)}  ${String(row.floor).padEnd(11)}  ${mib(row.size).padEnd(9)}  ${row.starts.ok.padEnd(19)}  ${row.hit.padEnd(9)}  ${row.seconds.toFixed(0)} s\n`,
  );
}
process.stdout.write('\nartifact sha256 per version:\n');
for (const row of rows.filter((x) => !x.failed)) process.stdout.write(`  ${row.version.padEnd(9)} ${row.sha256}\n`);
for (const row of rows.filter((x) => !x.failed && x.starts.ok !== 'yes'))
  say(`${row.version} does not start in Debian 11: ${row.starts.detail}`);
process.exit(rows.some((x) => x.failed || x.starts.ok !== 'yes') ? 1 : 0);
