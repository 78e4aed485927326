// `interpreter build`, `source import` and `store verify`, black-box against the bundled runner with
// the real CPython 3.11.2 source. The static and shared builds come from builtInterpreter() (built
// once per run into the shared store); the kill / concurrency / reproducibility tests share ONE
// fresh store and compile exactly once more. (The build root's own second build from an empty store is
// test/e2e/agent-os.test.ts, on another OS: this is the suite's one kill and concurrency test of a build.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { testBuildRoot } from '../helpers/build-root.js';
import { builtInterpreter, SPEC } from '../helpers/interpreters.js';
import {
  CPYTHON_SHA256,
  CPYTHON_TARBALL,
  OPENSSL_TARBALL,
  MARKUPSAFE_SDIST,
  parseJson,
  RUNNER,
  runPyhermetic,
  sharedStore,
  tempDir,
} from '../helpers/runner.js';

const SYSTEM_LIBPYTHON = '/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0';
const REQUIRED = ['ssl', 'sqlite3', 'zlib', 'ctypes', 'lzma', 'bz2'];
const BUILD_TIMEOUT = 40 * 60 * 1000;

/** Runs python under `env -i` (nothing inherited) and returns what it printed. */
async function envI(python: string, code: string): Promise<string> {
  const r = await execa('env', ['-i', python, '-c', code], { cwd: '/', reject: false });
  assert.equal(r.exitCode, 0, `${python} failed under env -i:\n${r.stderr}`);
  return String(r.stdout);
}

async function extract(artifact: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await execa('tar', ['-xzf', artifact, '-C', dir]);
  return dir;
}

/** The shared objects named libpython* mapped into a python started from `prefix`, under env -i. */
async function mappedLibpython(prefix: string): Promise<{ maps: string[]; prefix: string }> {
  const out = await envI(
    join(prefix, 'bin', 'python3.11'),
    `
import sys, json
maps = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'libpython' in l})
print(json.dumps({'maps': maps, 'prefix': sys.prefix}))`,
  );
  return JSON.parse(out);
}

function writeSpec(mutate: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(SPEC.static, 'utf8'));
  mutate(doc);
  const file = join(tempDir('spec-'), 'python.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('interpreter build (real CPython 3.11.2)', function () {
  this.timeout(BUILD_TIMEOUT);

  describe('the static and the shared build @slow', () => {
    it('both import ssl, sqlite3, zlib, ctypes, lzma, bz2 from their extracted prefix under env -i', async () => {
      for (const kind of ['static', 'shared'] as const) {
        const built = await builtInterpreter(kind);
        const out = await envI(built.python, `import ${REQUIRED.join(', ')}, sys; print(sys.prefix)`);
        assert.equal(out.trim(), built.prefix, `${kind}: sys.prefix is the extracted directory`);
        assert.equal(built.manifest.spec.configure.shared, kind === 'shared');
      }
    });

    it('their fingerprints differ exactly in the shared/static fields', async () => {
      const [st, sh] = [await builtInterpreter('static'), await builtInterpreter('shared')];
      assert.notEqual(st.fingerprint, sh.fingerprint);
      const r = await runPyhermetic(['fingerprint', '--python', st.python, '--compare', sh.python, '--json']);
      assert.equal(r.exitCode, 1, r.stderr);
      const fields = parseJson<{ differences: { field: string }[] }>(r)
        .differences.map((d) => d.field)
        .sort();
      assert.deepEqual(fields, ['INSTSONAME', 'LDLIBRARY', 'Py_ENABLE_SHARED', 'abi_switches']);
      assert.equal(st.manifest.fields.Py_ENABLE_SHARED, 0);
      assert.equal(sh.manifest.fields.Py_ENABLE_SHARED, 1);
    });

    it('the shared artifact extracted to two directories, one moved again, loads its own libpython under env -i', async () => {
      const sh = await builtInterpreter('shared');
      const elf = await execa('readelf', ['-d', sh.python]);
      assert.match(
        String(elf.stdout),
        /\(RUNPATH\)\s+Library runpath: \[\$ORIGIN\/\.\.\/lib\]/,
        'an $ORIGIN-relative runpath, not an absolute one',
      );
      const one = await extract(sh.artifact, join(tempDir('reloc-'), 'one'));
      const twoBase = tempDir('reloc-');
      const two = await extract(sh.artifact, join(twoBase, 'two'));
      const moved = join(twoBase, 'moved-again');
      renameSync(two, moved);
      for (const prefix of [one, moved]) {
        const seen = await mappedLibpython(prefix);
        assert.equal(seen.prefix, prefix);
        assert.deepEqual(
          seen.maps,
          [join(prefix, 'lib', 'libpython3.11.so.1.0')],
          `${prefix} maps its own libpython only`,
        );
        assert.ok(!seen.maps.includes(SYSTEM_LIBPYTHON));
        await envI(join(prefix, 'bin', 'python3.11'), `import ${REQUIRED.join(', ')}`);
        const pip = await execa('env', ['-i', join(prefix, 'bin', 'pip3'), '--version'], { cwd: '/', reject: false });
        assert.equal(pip.exitCode, 0, `bin/pip3 runs from the moved prefix:\n${pip.stderr}`);
        assert.ok(
          String(pip.stdout).includes(join(prefix, 'lib', 'python3.11', 'site-packages', 'pip')),
          String(pip.stdout),
        );
      }
      const st = await builtInterpreter('static');
      assert.deepEqual((await mappedLibpython(st.prefix)).maps, [], 'the static interpreter maps no libpython at all');
    });

    it('carries interpreter.json inside (as the last member) and beside the artifact, listing every file', async () => {
      const st = await builtInterpreter('static');
      const list = String((await execa('tar', ['-tzf', st.artifact])).stdout)
        .trim()
        .split('\n');
      assert.equal(list[list.length - 1], 'interpreter.json');
      const inside = String(
        (await execa('tar', ['-xzOf', st.artifact, 'interpreter.json'], { stripFinalNewline: false })).stdout,
      );
      assert.equal(inside, readFileSync(join(st.outDir, 'interpreter.json'), 'utf8'));
      const m = st.manifest;
      assert.equal(m.kind, 'pyhermetic-interpreter');
      assert.equal(m.sourceSha256, CPYTHON_SHA256);
      assert.equal(m.python, 'bin/python3.11');
      assert.match(m.buildKey, /^[0-9a-f]{64}$/);
      assert.match(m.hostKey.compiler, /gcc/);
      const files = new Set(m.files.map((f) => f.path));
      for (const p of ['bin/python3.11', 'lib/python3.11/os.py', 'lib/python3.11/lib-dynload']) {
        if (p.endsWith('lib-dynload'))
          assert.ok(
            [...files].some((f) => f.startsWith(`${p}/_json.`)),
            'the shared _json extension is listed',
          );
        else assert.ok(files.has(p), `${p} is listed`);
      }
      // A static build links _ssl into the executable (static-libs.ts): no _ssl module file.
      assert.ok(![...files].some((f) => f.startsWith('lib/python3.11/lib-dynload/_ssl.')));
      const pyFile = m.files.find((f) => f.path === 'bin/python3.11')!;
      const onDisk = String((await execa('sha256sum', [st.python])).stdout).split(' ')[0];
      assert.equal(pyFile.sha256, onDisk);
    });

    it('the same spec again is a store hit: cached, same artifact, nothing compiled', async () => {
      const st = await builtInterpreter('static');
      const out = tempDir('hit-');
      const r = await runPyhermetic([
        'interpreter',
        'build',
        '--spec',
        SPEC.static,
        '--store',
        sharedStore(),
        '--out',
        out,
        '--json',
      ]);
      assert.equal(r.exitCode, 0, r.stderr);
      const doc = parseJson(r);
      assert.equal(doc.cached, true);
      assert.equal(doc.sha256, st.sha256);
      assert.equal(doc.fingerprint, st.fingerprint);
      assert.equal(doc.artifact, join(out, 'interpreter.tar.gz'));
      assert.doesNotMatch(r.stderr, /== configure/);
      assert.match(r.stderr, /build key [0-9a-f]{64}/);
      assert.match(r.stderr, /spec sha256 [0-9a-f]{64}/);
    });
  });

  describe('a corrupt store entry @slow', () => {
    it('a flipped byte: the build refuses naming the entry; store verify reports it; --repair quarantines it', async () => {
      const st = await builtInterpreter('static');
      const key = st.manifest.buildKey;
      const store = tempDir('store-corrupt-');
      cpSync(join(sharedStore(), 'entries', 'interpreters', key), join(store, 'entries', 'interpreters', key), {
        recursive: true,
      });
      const tarball = join(store, 'entries', 'interpreters', key, 'interpreter.tar.gz');
      chmodSync(tarball, 0o644);
      const bytes = readFileSync(tarball);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(tarball, bytes);

      const r = await runPyhermetic(['interpreter', 'build', '--spec', SPEC.static, '--store', store, '--json']);
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(r.stderr, new RegExp(`corrupt store entry entries/interpreters/${key}`));
      assert.match(r.stderr, /store verify --repair/);
      assert.doesNotMatch(r.stderr, /== configure/, 'never silently rebuilt over');
      assert.deepEqual(readFileSync(tarball), bytes, 'the bad entry is left as it was');

      const v = await runPyhermetic(['store', 'verify', '--store', store, '--json']);
      assert.equal(v.exitCode, 1, v.stderr);
      assert.deepEqual(
        parseJson(v).problems.map((p: { path: string }) => p.path),
        [`entries/interpreters/${key}`],
      );
      const repair = await runPyhermetic(['store', 'verify', '--repair', '--store', store, '--json']);
      assert.equal(repair.exitCode, 1);
      assert.match(parseJson(repair).problems[0].quarantined, /^quarantine\//);
      assert.equal(existsSync(join(store, 'entries', 'interpreters', key)), false);
      assert.equal(readdirSync(join(store, 'quarantine')).length, 1);
      const clean = await runPyhermetic(['store', 'verify', '--store', store]);
      assert.equal(clean.exitCode, 0, clean.stderr);
    });
  });

  describe('bad input (no compile)', () => {
    for (const [rule, mutate, field] of [
      ['missing source.sha256', (d: any) => delete d.source.sha256, 'source.sha256'],
      ['missing configure.shared', (d: any) => delete d.configure.shared, 'configure.shared'],
      [
        'non-boolean configure.shared',
        (d: any) => {
          d.configure.shared = 'false';
        },
        'configure.shared',
      ],
      [
        'an unknown field',
        (d: any) => {
          d.lto = true;
        },
        'lto',
      ],
      [
        'a bad version string',
        (d: any) => {
          d.version = '3.11.x';
        },
        'version',
      ],
    ] as const) {
      it(`a spec with ${rule} → exit 2 naming ${field}`, async () => {
        const r = await runPyhermetic([
          'interpreter',
          'build',
          '--spec',
          writeSpec(mutate),
          '--store',
          tempDir('store-'),
        ]);
        assert.equal(r.exitCode, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`\\n\\s+${field.replace('.', '\\.')}: `));
        assert.doesNotMatch(r.stderr, /internal error/);
      });
    }

    it('a world-writable store root is refused (exit 2)', async () => {
      const store = tempDir('store-ww-');
      chmodSync(store, 0o777);
      for (const args of [
        ['interpreter', 'build', '--spec', SPEC.static],
        ['store', 'verify'],
        ['source', 'import', CPYTHON_TARBALL],
      ]) {
        const r = await runPyhermetic([...args, '--store', store]);
        assert.equal(r.exitCode, 2, r.stderr);
        assert.match(r.stderr, /world-writable/);
      }
    });

    it('a file:// URL and a 127.0.0.1 HTTP server serving other bytes → exit 3 naming the URL and both hashes, nothing stored', async () => {
      const wrong = readFileSync(MARKUPSAFE_SDIST);
      const server = createServer((_req, res) => res.end(wrong));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const http = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Python-3.11.2.tgz`;
        for (const url of [pathToFileURL(MARKUPSAFE_SDIST).href, http]) {
          const store = tempDir('store-wrong-');
          const r = await runPyhermetic([
            'interpreter',
            'build',
            '--spec',
            writeSpec((d) => {
              d.source.urls = [url];
            }),
            '--store',
            store,
          ]);
          assert.equal(r.exitCode, 3, r.stderr);
          assert.ok(r.stderr.includes(url), `names ${url}:\n${r.stderr}`);
          assert.match(r.stderr, new RegExp(CPYTHON_SHA256));
          const got = String((await execa('sha256sum', [MARKUPSAFE_SDIST])).stdout).split(' ')[0];
          assert.match(r.stderr, new RegExp(got));
          assert.deepEqual(readdirSync(join(store, 'blobs', 'sha256')), [], 'nothing stored, no temp left');
        }
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });

    it('no URL reachable → exit 3 listing what was tried and suggesting source import', async () => {
      const r = await runPyhermetic([
        'interpreter',
        'build',
        '--spec',
        writeSpec((d) => {
          d.source.urls = ['file:///nonexistent/Python-3.11.2.tgz'];
        }),
        '--store',
        tempDir('store-'),
      ]);
      assert.equal(r.exitCode, 3, r.stderr);
      assert.match(r.stderr, /file:\/\/\/nonexistent\/Python-3\.11\.2\.tgz: no such file/);
      assert.match(r.stderr, /pyhermetic source import/);
    });
  });

  // One build in the pinned build root from a store holding the root only as a bare blob (no
  // buildroot.lock beside it: the lock inside the tarball is what counts), killed, then rerun twice at
  // once. It proves four things with one compile: a kill leaves no entry, concurrent builds of one key
  // compile once, a root blob alone builds what the full root built, and that build is reproducible
  // (the suite's `portable` interpreter was built from another store). The trixie agent's rebuild of
  // the same spec (agent-os.test.ts) is opt-in.
  describe('killed, concurrent and reproducible builds (one fresh store, the root as a bare blob) @slow', () => {
    it("SIGKILL mid-build leaves no entry; a rerun as two concurrent builds succeeds, one compiles, and the bytes equal the other store's build", async () => {
      const [reference, root] = await Promise.all([builtInterpreter('portable'), testBuildRoot()]);
      const store = tempDir('store-fresh-');
      const home = tempDir('home-');
      for (const file of [root.artifact, CPYTHON_TARBALL, OPENSSL_TARBALL])
        assert.equal((await runPyhermetic(['source', 'import', file, '--store', store])).exitCode, 0);
      assert.deepEqual(readdirSync(store).sort(), ['blobs'], 'the root as a blob, no lock entry');
      // The very spec the reference was built from: interpreter.json records it, URLs included.
      const spec = join(tempDir('spec-'), 'python.json');
      writeFileSync(spec, `${JSON.stringify(reference.manifest.spec, null, 2)}\n`);
      // 1. Start a build in its own process group and kill the whole group with SIGKILL once make runs.
      const child = spawn(
        process.execPath,
        [RUNNER, 'interpreter', 'build', '--spec', spec, '--store', store, '--json'],
        {
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { PATH: process.env.PATH!, HOME: home, NO_COLOR: '1' },
        },
      );
      let stderr = '';
      const entries = join(store, 'entries', 'interpreters');
      const visible: string[] = [];
      const poll = setInterval(() => {
        for (const name of existsSync(entries) ? readdirSync(entries) : [])
          if (!name.startsWith('.tmp-')) visible.push(name);
      }, 200);
      const exited = new Promise<void>((r) => child.on('close', () => r()));
      await new Promise<void>((resolve) => {
        child.stderr!.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/== (openssl make|make -j)/.test(stderr)) setTimeout(resolve, 3000);
        });
        child.on('close', () => resolve());
      });
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      clearInterval(poll);
      assert.match(stderr, /== (openssl make|make -j)/, 'the build was killed while compiling');
      assert.deepEqual(visible, [], 'no entry was ever visible during the killed build');
      assert.deepEqual(existsSync(entries) ? readdirSync(entries).filter((n) => !n.startsWith('.tmp-')) : [], []);
      // The temp a writer killed mid-write leaves behind (its owner: a pid that has exited). This kill
      // came before the build wrote into the store, so plant one as a killed put would leave it.
      const dead = spawn('true');
      await new Promise((r) => dead.on('close', r));
      const orphan = join(store, 'blobs', 'sha256', `.tmp-${dead.pid}.1-killedwriter`);
      writeFileSync(orphan, 'half a blob');

      // 2. Rerun as two concurrent builds of the same spec: both succeed, exactly one compiles.
      const outs = [tempDir('out-a-'), tempDir('out-b-')];
      const runs = await Promise.all(
        outs.map((out) =>
          runPyhermetic(['interpreter', 'build', '--spec', spec, '--store', store, '--out', out, '--json'], {
            timeoutMs: BUILD_TIMEOUT,
          }),
        ),
      );
      for (const r of runs) assert.equal(r.exitCode, 0, r.stderr.slice(-3000));
      const docs = runs.map((r) => parseJson(r));
      assert.deepEqual(
        docs.map((d) => d.cached).sort(),
        [false, true],
        "one compiled, the other was served the first one's entry",
      );
      assert.equal(runs.filter((r) => /== configure/.test(r.stderr)).length, 1);
      assert.equal(existsSync(orphan), false, "the killed writer's temp was swept");
      assert.ok(runs.some((r) => /swept 1 leftover temp/.test(r.stderr)));

      // 3. Reproducible: the same bytes as the build of the shared store, made from another empty store.
      assert.equal(docs[0].sha256, docs[1].sha256);
      assert.equal(
        docs[0].sha256,
        reference.sha256,
        'the root blob alone builds the bytes the full root built, from another empty store',
      );
      assert.deepEqual(
        readFileSync(join(outs[0], 'interpreter.json')),
        readFileSync(join(reference.outDir, 'interpreter.json')),
      );
      const v = await runPyhermetic(['store', 'verify', '--store', store, '--json']);
      assert.equal(v.exitCode, 0, v.stdout);
      // OpenSSL is built once per root and kept (openssl-entry.ts): its entry beside the interpreter's.
      assert.deepEqual(readdirSync(join(store, 'entries', 'interpreters')), [reference.manifest.buildKey]);
      assert.equal(readdirSync(join(store, 'entries', 'openssl-builds')).length, 1);
    });
  });
});
