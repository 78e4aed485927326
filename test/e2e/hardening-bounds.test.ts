// Hostile trial, bounded resources and strict input (issue 15, items 5, 6, 9, 10): decompression bombs
// with the runner's peak RSS measured by the kernel (/usr/bin/time), a probe whose children keep stdout
// open, duplicate JSON keys, --args from /dev/zero or a FIFO, a huge value, a repeated option.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInterpreter, SPEC } from '../helpers/interpreters.js';
import { runMeasured } from '../helpers/peak-rss.js';
import { LOCAL_INDEX, runPyhermetic, sharedStore, tempDir } from '../helpers/runner.js';

/** Python writes the bombs as streams, so the test process never holds them either. */
async function python(code: string, ...args: string[]): Promise<void> {
  await execa('/usr/bin/python3', ['-c', code, ...args]);
}

// Data that deflate compresses ~75x: zeros with one random byte every 256 (under tar's ratio limit of 200).
const CHUNK_PY = `
import os, random
random.seed(1)
b = bytearray(1 << 20)
for i in range(0, len(b), 256): b[i] = random.randrange(1, 256)
CHUNK = bytes(b)
`;

/** Writes a tar.gz holding one entry of `size` (a Python expression) bytes of CHUNK_PY's data, as a stream. */
async function tarBomb(out: string, name: string, size: string, mode: string): Promise<void> {
  await python(
    `${CHUNK_PY}
import sys, tarfile, io
class Src(io.RawIOBase):
    def __init__(self, n): self.left = n
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left, len(CHUNK))
        if n == 0: return 0
        b[:n] = CHUNK[:n]; self.left -= n; return n
with tarfile.open(sys.argv[1], 'w:gz', compresslevel=1) as t:
    info = tarfile.TarInfo(${JSON.stringify(name)}); info.size = ${size}; info.mode = ${mode}
    t.addfile(info, io.BufferedReader(Src(info.size), 1 << 20))
`,
    out,
  );
}

const MIB = 1024 * 1024;
/** Far above a runner at rest (~60-90 MiB) and far below a bomb member held whole. */
const MEMORY_BOUND_MIB = 300;

describe('hardening: bounded resources, strict input', function () {
  this.timeout(30 * 60 * 1000);

  it('5. cache audit: a wheel with a 768 MiB ELF member compressed ~1000x → a finding, memory bounded', async () => {
    const dir = tempDir('hb-audit-');
    const whl = join(dir, 'bomb-1.0-cp311-cp311-manylinux_2_17_x86_64.whl');
    await python(
      `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('bomb-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nRoot-Is-Purelib: false\\nTag: cp311-cp311-manylinux_2_17_x86_64\\n')
    with z.open('bomb/_core.cpython-311-x86_64-linux-gnu.so', 'w', force_zip64=True) as f:
        f.write(b'\\x7fELF' + b'\\x02\\x01\\x01' + bytes(9))
        zero = bytes(1 << 20)
        for _ in range(768): f.write(zero)
`,
      whl,
    );
    assert.ok(statSync(whl).size < 5 * MIB);
    const r = await runMeasured(['cache', 'audit', dir, '--interpreter', '/usr/bin/python3', '--json']);
    console.log(`      cache audit of the bomb: exit ${r.exitCode}, peak RSS ${r.peakMiB} MiB`);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.match(r.stdout, /compression ratio|decompression bomb/i);
    assert.ok(r.peakMiB < MEMORY_BOUND_MIB, `peak RSS ${r.peakMiB} MiB`);
  });

  it('6. verify: a package with a 1 GiB entry compressed ~75x → refused, memory bounded', async () => {
    const dir = tempDir('hb-verify-');
    const pkg = join(dir, 'bomb.tar.gz');
    await tarBomb(pkg, 'bin/python3.11', '1 << 30', '0o755');
    // A tested tree that passes the env manifest check, so verify goes on to read the package.
    const tested = tempDir('hb-tested-');
    writeFileSync(
      join(tested, 'pyhermetic-env.json'),
      JSON.stringify({ kind: 'pyhermetic-env', interpreter: { fingerprint: '0'.repeat(64) }, distributions: [] }),
    );
    const r = await runMeasured(['verify', '--artifact', pkg, '--tested', tested, '--no-smoke', '--json']);
    console.log(`      verify of the bomb: exit ${r.exitCode}, peak RSS ${r.peakMiB} MiB`);
    assert.ok([1, 2].includes(r.exitCode), `exit ${r.exitCode}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.ok(r.peakMiB < MEMORY_BOUND_MIB, `peak RSS ${r.peakMiB} MiB`);
  });

  it('6. env create of a bomb artifact: refused before writing past what interpreter.json declares @slow', async () => {
    const interp = await builtInterpreter('static');
    const dir = tempDir('hb-art-');
    const art = join(dir, 'art');
    mkdirSync(art);
    copyFileSync(join(interp.outDir, 'interpreter.json'), join(art, 'interpreter.json'));
    await tarBomb(join(art, 'interpreter.tar.gz'), 'lib/big.bin', '3 << 30', '0o644');
    const lockDir = tempDir('hb-lock-');
    const lock = join(lockDir, 'requirements.lock');
    writeFileSync(join(lockDir, 'requirements.in'), 'markupsafe\n');
    const l = await runPyhermetic([
      'lock',
      '-r',
      join(lockDir, 'requirements.in'),
      '--interpreter',
      interp.artifact,
      '--index-url',
      LOCAL_INDEX,
      '-o',
      lock,
    ]);
    assert.equal(l.exitCode, 0, l.stderr);
    const cache = join(dir, 'cache');
    const child = execa(
      process.execPath,
      [
        join(process.cwd(), 'resources/pyhermetic/runner.mjs'),
        'env',
        'create',
        '--interpreter',
        art,
        '--lock',
        lock,
        '--index-url',
        LOCAL_INDEX,
        '--cache-root',
        cache,
        '--dest',
        join(dir, 'env'),
      ],
      { reject: false, env: { PATH: process.env.PATH ?? '', HOME: dir }, extendEnv: false },
    );
    let peak = 0;
    let done = false;
    child.then(() => {
      done = true;
    });
    while (!done) {
      const { stdout } = await execa('du', ['-sb', cache], { reject: false });
      peak = Math.max(peak, Number(stdout.split('\t')[0]) || 0);
      await new Promise((res) => setTimeout(res, 100));
    }
    const r = await child;
    console.log(
      `      env create of a 3 GiB bomb artifact: exit ${r.exitCode}, peak cache size ${Math.round(peak / MIB)} MiB`,
    );
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /interpreter\.json|maxTotalBytes|expands/);
    assert.ok(peak < 1024 * MIB, `the extraction wrote ${peak} bytes`);
  });

  it('9. fingerprint --timeout 2 on a script whose child keeps stdout open: killed with its whole group', async () => {
    const dir = tempDir('hb-fp-');
    const script = join(dir, 'python3');
    writeFileSync(script, '#!/bin/sh\nsleep 100.4242 &\nsleep 100.4242\n', { mode: 0o755 });
    const r = await runPyhermetic(['fingerprint', '--python', script, '--timeout', '2'], { timeoutMs: 60_000 });
    const left = await execa('pgrep', ['-f', 'sleep 100.4242'], { reject: false });
    for (const pid of left.stdout.split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGKILL');
    assert.equal(r.exitCode, 3, r.stderr);
    assert.match(r.stderr, /timed out|timeout/i);
    assert.equal(left.stdout.trim(), '', 'children of the probe were left running');
  });

  it('9. a --timeout past the sane range is exit 2, not a kill after 1 ms', async () => {
    const r = await runPyhermetic(['fingerprint', '--python', '/usr/bin/python3', '--timeout', '1e10']);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /--timeout/);
  });

  it('10. duplicate JSON keys in the spec, the config and --args → exit 2 naming the key', async () => {
    const dir = tempDir('hb-dup-');
    const spec = readFileSync(SPEC.static, 'utf8').replace(
      '"version": "3.11.2"',
      '"version": "3.11.1", "version": "3.11.2"',
    );
    writeFileSync(join(dir, 'python.json'), spec);
    const s = await runPyhermetic([
      'interpreter',
      'build',
      '--spec',
      join(dir, 'python.json'),
      '--store',
      sharedStore(),
    ]);
    assert.equal(s.exitCode, 2, s.stderr);
    assert.match(s.stderr, /duplicate key "version"/);
    writeFileSync(
      join(dir, 'pyhermetic.json'),
      '{"interpreter": {"spec": "a.json"}, "interpreter": {"spec": "b.json"}}',
    );
    const c = await runPyhermetic(['pipeline', '--config', join(dir, 'pyhermetic.json')]);
    assert.equal(c.exitCode, 2, c.stderr);
    assert.match(c.stderr, /duplicate key "interpreter"/);
    writeFileSync(
      join(dir, 'args.json'),
      '{"argv": ["fingerprint", "--python", "/nonexistent"], "argv": ["--version"]}',
    );
    const a = await runPyhermetic(['--args', join(dir, 'args.json')]);
    assert.equal(a.exitCode, 2, a.stderr);
    assert.match(a.stderr, /duplicate key "argv"/);
  });

  it('10. --args from /dev/zero, a FIFO or a 10 MB file → exit 2 at once; a 100 kB value is cut in messages', async () => {
    const z = await runPyhermetic(['--args', '/dev/zero'], { timeoutMs: 30_000 });
    assert.equal(z.exitCode, 2, z.stderr);
    const dir = tempDir('hb-args-');
    await execa('mkfifo', [join(dir, 'fifo')]);
    const f = await runPyhermetic(['--args', join(dir, 'fifo')], { timeoutMs: 30_000 });
    assert.equal(f.exitCode, 2, f.stderr);
    writeFileSync(join(dir, 'big.json'), JSON.stringify(['fingerprint', '--python', 'x'.repeat(10 * MIB)]));
    const b = await runPyhermetic(['--args', join(dir, 'big.json')]);
    assert.equal(b.exitCode, 2, b.stderr);
    assert.ok(b.stderr.length < 4000, `${b.stderr.length} chars of error output`);
    const v = await runPyhermetic(['fingerprint', '--python', `/nonexistent/${'y'.repeat(100_000)}`]);
    assert.notEqual(v.exitCode, 0);
    assert.ok(v.stderr.length < 4000, `${v.stderr.length} chars of error output`);
  });

  it('10. a repeated single-value option (--python twice) → exit 2', async () => {
    const r = await runPyhermetic(['fingerprint', '--python', '/usr/bin/python3', '--python', '/usr/bin/python3']);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /--python.*(once|more than one|twice)/);
  });
});
