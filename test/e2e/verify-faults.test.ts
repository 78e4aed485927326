// verify against seeded faults: the clean package gives no finding at all; each fault gives exactly
// its own finding(s) and nothing else. Faults are seeded into hard-linked copies of one real env.
// The interpreter is built on this host against its libraries (libssl, libffi, …): they are declared
// with --allow-system-lib here, so that each fault's own finding is the only one (verify-root.test.ts
// covers what happens without the declaration).
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWithoutSystemLibpython } from '../helpers/hide-libpython.js';
import {
  allowHostLibraries,
  appendToFile,
  compileExtension,
  findingKeys,
  linkedCopy,
  makeEnv,
  pack,
  SITE,
  verify as verifyPackage,
  type TestEnv,
} from '../helpers/package-env.js';
import { runPyhermetic, tempDir } from '../helpers/runner.js';

const EXT = '.cpython-311-x86_64-linux-gnu.so';

describe('pyhermetic verify: the clean package and seeded faults', () => {
  let t: TestEnv;
  let clean: string;
  let declared: string[] = [];
  const verify = (artifact: string, tested: string, extra: string[] = []) =>
    verifyPackage(artifact, tested, [...declared, ...extra]);

  before(async () => {
    t = await makeEnv('static');
    declared = allowHostLibraries(t.interp.prefix);
    clean = (await pack(t.env, join(tempDir('vf-'), 'clean.tar.gz'))).artifact;
  });

  /** A copy of the tested env with `seed` applied, packed: the package and the tested tree both carry the seed. */
  async function seededPair(
    name: string,
    seed: (env: string) => Promise<void> | void,
  ): Promise<{ env: string; pkg: string }> {
    const env = await linkedCopy(t.env, join(tempDir(`vf-${name}-`), 'env'));
    await seed(env);
    const pkg = (await pack(env, join(tempDir(`vf-${name}-pkg-`), `${name}.tar.gz`))).artifact;
    return { env, pkg };
  }

  it('the clean package: exit 0, every check ok with zero findings, smoke imported the extension modules, four report files', async () => {
    const reportDir = join(tempDir('vf-report-'), 'report');
    const r = await verify(clean, t.env, ['--report', reportDir]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(findingKeys(r), []);
    assert.deepEqual(
      r.report.checks.map((c) => [c.name, c.ok]),
      [
        ['interpreter', true],
        ['distributions', true],
        ['files', true],
        ['linkage', true],
        ['smoke', true],
      ],
    );
    const smoke = r.report.checks[4] as { summary?: string };
    assert.match(smoke.summary ?? '', /markupsafe.*orjson|orjson.*markupsafe/s);
    assert.equal(r.report.artifact.interpreterArtifactSha256, t.interp.sha256);
    assert.deepEqual(readdirSync(reportDir).sort(), ['junit.xml', 'report.html', 'report.json', 'summary.md']);
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    assert.equal((junit.match(/<testcase /g) ?? []).length, 5);
    assert.match(junit, /failures="0"/);
    assert.match(readFileSync(join(reportDir, 'summary.md'), 'utf8'), /PASSED/);
  });

  it('a changed .py in the tested env → exactly one files finding naming it', async () => {
    const env = await linkedCopy(t.env, join(tempDir('vf-py-'), 'env'));
    appendToFile(join(env, SITE, 'markupsafe', '__init__.py'), '\n# hot fix made after packing\n');
    const r = await verify(clean, env, ['--no-smoke']);
    assert.equal(r.exitCode, 1);
    assert.deepEqual(findingKeys(r), [`files: ${SITE}/markupsafe/__init__.py`]);
    assert.match(r.report.checks[2].findings[0].message, /content differs/);
  });

  it('an extra file in the package → exactly one files finding: shipped without being tested', async () => {
    const { pkg } = await seededPair('extra', (env) => writeFileSync(join(env, SITE, 'extra_module.py'), 'X = 1\n'));
    const r = await verify(pkg, t.env, ['--no-smoke']);
    assert.equal(r.exitCode, 1);
    assert.deepEqual(findingKeys(r), [`files: ${SITE}/extra_module.py`]);
    assert.match(r.report.checks[2].findings[0].message, /in the package but not in the tested env/);
  });

  it('a package whose lock was swapped after pack (its manifest made to match) → the lock named with both hashes', async () => {
    // Rewritten with Python's tarfile: the lock inside edited, pyhermetic-package.json updated to match it.
    const pkg = join(tempDir('vf-lock-'), 'swapped.tar.gz');
    const script = `
import hashlib, io, json, sys, tarfile
src, out = sys.argv[1], sys.argv[2]
members = []
with tarfile.open(src, 'r:gz') as t:
    for m in t.getmembers():
        members.append((m, t.extractfile(m).read() if m.isfile() else None))
lock = b''
for m, data in members:
    if m.name == 'pyhermetic/requirements.lock':
        lock = data + b'# swapped\\n'
with tarfile.open(out, 'w:gz', compresslevel=1, format=tarfile.PAX_FORMAT) as t:
    for m, data in members:
        if m.name == 'pyhermetic/requirements.lock':
            data = lock
        elif m.name == 'pyhermetic-package.json':
            doc = json.loads(data)
            for f in doc['files']:
                if f['path'] == 'pyhermetic/requirements.lock':
                    f['sha256'] = hashlib.sha256(lock).hexdigest(); f['size'] = len(lock)
            data = (json.dumps(doc, indent=2) + '\\n').encode()
        if data is not None:
            m.size = len(data)
        t.addfile(m, io.BytesIO(data) if data is not None else None)
print(hashlib.sha256(lock).hexdigest())
`;
    const swapped = (await execa('/usr/bin/python3', ['-c', script, clean, pkg])).stdout.trim();
    const recorded = JSON.parse(readFileSync(join(t.env, 'pyhermetic-env.json'), 'utf8')).lock.sha256;
    const r = await verify(pkg, t.env, ['--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.deepEqual(findingKeys(r), [
      'distributions: pyhermetic/requirements.lock',
      'files: pyhermetic/requirements.lock',
    ]);
    const f = r.report.checks[1].findings[0];
    assert.equal(
      f.message,
      `the lock inside the package has sha256 ${swapped}, but the package records ${recorded} (pyhermetic-package.json): it was altered after pack`,
    );
    // sbom refuses it too: the package no longer describes itself.
    const sbom = await runPyhermetic(['sbom', '--artifact', pkg]);
    assert.equal(sbom.exitCode, 2, sbom.stderr);
    assert.ok(sbom.stderr.includes(`sha256 ${swapped}) is not the one the package records (sha256 ${recorded})`));
  });

  it('a file missing from the package → exactly one files finding', async () => {
    const env = await linkedCopy(t.env, join(tempDir('vf-missing-'), 'env'));
    writeFileSync(join(env, SITE, 'tested_only.py'), 'Y = 2\n');
    const r = await verify(clean, env, ['--no-smoke']);
    assert.equal(r.exitCode, 1);
    assert.deepEqual(findingKeys(r), [`files: ${SITE}/tested_only.py`]);
    assert.match(r.report.checks[2].findings[0].message, /missing from the package/);
  });

  it('a package made from another interpreter artifact (shared vs the tested static) → exactly the interpreter findings', async () => {
    const shared = await makeEnv('shared');
    const pkg = (await pack(shared.env, join(shared.work, 'shared.tar.gz'))).artifact;
    // The shared build links the host's libraries (the static one none): declared, so that only the
    // identity differs.
    const r = await verify(pkg, t.env, allowHostLibraries(shared.interp.prefix));
    assert.equal(r.exitCode, 1, r.stderr);
    assert.deepEqual(findingKeys(r), ['interpreter: interpreter artifact', 'interpreter: interpreter fingerprint']);
    assert.match(r.report.checks[0].findings.map((f) => f.message).join('\n'), /shared.*static|static.*shared/);
  });

  it('an extension needing libpython3.11.so.1.0 in a static-interpreter package → exactly one linkage finding; plain tools: it fails where no libpython is installed', async () => {
    const build = tempDir('vf-libpython-');
    const so = await compileExtension(build, 'needs_libpython', {
      args: ['-L/usr/lib/x86_64-linux-gnu', '-lpython3.11'],
    });
    const { env, pkg } = await seededPair('libpython', (e) => copyFileSync(so, join(e, SITE, `needs_libpython${EXT}`)));
    // Red, with the plain tools: on a host without a libpython (hidden here), the import fails.
    const plain = await runWithoutSystemLibpython([join(env, 'bin', 'python3.11'), '-c', 'import needs_libpython']);
    assert.notEqual(plain.exitCode, 0);
    assert.match(plain.stderr, /libpython3\.11\.so\.1\.0: cannot open shared object file/);
    // Green: verify names it before it ships.
    const r = await verify(pkg, env, ['--no-default-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.deepEqual(findingKeys(r), [`linkage: ${SITE}/needs_libpython${EXT}`]);
    assert.match(
      r.report.checks[3].findings[0].message,
      /needs libpython3\.11\.so\.1\.0, but the interpreter is static/,
    );
  });

  it('an absolute RUNPATH of a build machine → exactly one linkage finding', async () => {
    const build = tempDir('vf-runpath-');
    const so = await compileExtension(build, 'builder_rpath', {
      args: ['-Wl,--enable-new-dtags,-rpath,/home/builder/lib'],
    });
    assert.match((await execa('readelf', ['-d', so])).stdout, /RUNPATH.*\/home\/builder\/lib/);
    const { env, pkg } = await seededPair('runpath', (e) => copyFileSync(so, join(e, SITE, `builder_rpath${EXT}`)));
    const r = await verify(pkg, env, ['--no-smoke']);
    assert.equal(r.exitCode, 1);
    assert.deepEqual(findingKeys(r), [`linkage: ${SITE}/builder_rpath${EXT}`]);
    assert.match(r.report.checks[3].findings[0].message, /RUNPATH entry '\/home\/builder\/lib' is an absolute path/);
  });

  it("an extension needing a glibc above the interpreter's own floor → exactly one linkage finding; --glibc-max lifts it", async () => {
    // The default floor is the interpreter's: the highest GLIBC_x.y its files need (this host's build: 2.35).
    const floor = (await verify(clean, t.env, ['--no-smoke'])).report as {
      whereItRuns?: { glibcFloor: { version: string } };
    };
    assert.equal(floor.whereItRuns?.glibcFloor.version, '2.35');
    const build = tempDir('vf-glibc-');
    // arc4random is new in glibc 2.36: GLIBC_2.36, above the interpreter's 2.35.
    const so = await compileExtension(build, 'new_glibc', {
      body: '#include <stdlib.h>\nunsigned int draw(void) { return arc4random(); }',
    });
    assert.match((await execa('readelf', ['-V', so])).stdout, /GLIBC_2\.36/);
    const { env, pkg } = await seededPair('glibc', (e) => copyFileSync(so, join(e, SITE, `new_glibc${EXT}`)));
    const r = await verify(pkg, env, ['--no-smoke']);
    assert.equal(r.exitCode, 1);
    assert.deepEqual(findingKeys(r), [`linkage: ${SITE}/new_glibc${EXT}`]);
    assert.match(r.report.checks[3].findings[0].message, /GLIBC_2\.36.*above the glibc floor 2\.35/);
    assert.match(r.report.checks[3].findings[0].fix, /wheel of an older manylinux tag/);
    const lifted = await verify(pkg, env, ['--no-smoke', '--glibc-max', '2.36']);
    assert.equal(lifted.exitCode, 0, JSON.stringify(findingKeys(lifted)));
  });

  it("--glibc-max 2.17 holds the interpreter's own files to it too: each is a finding naming the interpreter and the build-root fix", async () => {
    const r = await verify(clean, t.env, ['--no-smoke', '--glibc-max', '2.17']);
    assert.equal(r.exitCode, 1);
    const linkage = r.report.checks[3].findings;
    const python = linkage.find((f) => f.path === 'bin/python3.11');
    assert.ok(python, JSON.stringify(findingKeys(r)));
    assert.match(
      python.message,
      /GLIBC_2\.3[45].*above the glibc floor 2\.17 \(--glibc-max\); belongs to: interpreter/,
    );
    assert.match(python.fix, /interpreter built in an older build root/);
    // orjson's wheel is manylinux2014-compatible (glibc ≤ 2.17): not a finding.
    assert.ok(!linkage.some((f) => f.path.includes('site-packages/orjson')), JSON.stringify(findingKeys(r)));
  });

  it('a garbage ELF file → a linkage finding, not a crash', async () => {
    const elf = readFileSync(join(t.env, 'bin', 'python3.11')).subarray(0, 200);
    const { env, pkg } = await seededPair('garbage', (e) => writeFileSync(join(e, SITE, `truncated${EXT}`), elf));
    const r = await verify(pkg, env, ['--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.deepEqual(findingKeys(r), [`linkage: ${SITE}/truncated${EXT}`]);
    assert.match(r.report.checks[3].findings[0].message, /cannot be read/);
  });

  describe('smoke: an import that works in the tested env but not from the moved, clean extraction', () => {
    // An editable-style .pth with an absolute path to a source checkout outside the env: the tested env
    // imports the module from there; the package carries the .pth but not the checkout.
    let checkout: string;
    let env: string;
    let pkg: string;
    before(async () => {
      checkout = join(tempDir('vf-checkout-'), 'src');
      mkdirSync(checkout);
      writeFileSync(join(checkout, 'devmod.py'), 'VALUE = 42\n');
      ({ env, pkg } = await seededPair('pth', (e) => writeFileSync(join(e, SITE, 'zz_dev.pth'), `${checkout}\n`)));
    });

    it('the tested env imports it (the plain test run is green)', async () => {
      const r = await execa('env', [
        '-i',
        join(env, 'bin', 'python3.11'),
        '-c',
        'import devmod; print(devmod.__file__)',
      ]);
      assert.equal(r.stdout.trim(), join(checkout, 'devmod.py'));
    });

    it('while the checkout exists: one smoke finding, loaded from outside the package', async () => {
      const r = await verify(pkg, env, ['--smoke', 'devmod', '--no-default-smoke']);
      assert.equal(r.exitCode, 1, r.stderr);
      assert.deepEqual(findingKeys(r), ['smoke: devmod']);
      assert.match(r.report.checks[4].findings[0].message, /outside the extracted package/);
    });

    it('where the checkout does not exist (production): one smoke finding, the import fails', async () => {
      rmSync(checkout, { recursive: true });
      const r = await verify(pkg, env, ['--smoke', 'devmod', '--no-default-smoke']);
      assert.equal(r.exitCode, 1, r.stderr);
      assert.deepEqual(findingKeys(r), ['smoke: devmod']);
      assert.match(
        r.report.checks[4].findings[0].message,
        /import fails .*ModuleNotFoundError: No module named 'devmod'/,
      );
    });
  });

  describe('hostile archives are refused (exit 2, naming the entry)', () => {
    const cases: [string, string, RegExp][] = [
      ['dotdot', `t.addfile(info('../evil', b'x'), io.BytesIO(b'x'))`, /"\.\.\/evil"/],
      ['absolute', `t.addfile(info('/etc/evil', b'x'), io.BytesIO(b'x'))`, /"\/etc\/evil"/],
      [
        'symlink',
        `s = tarfile.TarInfo('link'); s.type = tarfile.SYMTYPE; s.linkname = '/etc'; t.addfile(s)
t.addfile(info('link/passwd', b'x'), io.BytesIO(b'x'))`,
        /"link"/,
      ],
      ['hardlink', `h = tarfile.TarInfo('hl'); h.type = tarfile.LNKTYPE; h.linkname = '../../x'; t.addfile(h)`, /"hl"/],
      [
        'device',
        `d = tarfile.TarInfo('dev'); d.type = tarfile.CHRTYPE; d.devmajor = 1; d.devminor = 3; t.addfile(d)`,
        /"dev"/,
      ],
      [
        'bomb',
        `z = tarfile.TarInfo('zeros'); z.size = 96 * 1024 * 1024; t.addfile(z, io.BytesIO(bytes(z.size)))`,
        /zeros|ratio|bomb/i,
      ],
    ];
    for (const [name, body, entry] of cases) {
      it(name, async () => {
        const dir = tempDir(`vf-hostile-${name}-`);
        const file = join(dir, `${name}.tar.gz`);
        const script = `import io, sys, tarfile
def info(n, data):
    i = tarfile.TarInfo(n); i.size = len(data); return i
with tarfile.open(sys.argv[1], 'w:gz') as t:
${body
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;
        await execa('/usr/bin/python3', ['-c', script, file]);
        const r = await runPyhermetic(['verify', '--artifact', file, '--tested', t.env, '--no-smoke']);
        assert.equal(r.exitCode, 2, r.stderr);
        assert.match(r.stderr, /refused/);
        assert.match(r.stderr, entry);
        assert.equal(existsSync(join(dir, 'evil')), false);
      });
    }
  });

  it('bad input: a missing artifact, a tested dir that is not an env, a bad --glibc-max → exit 2', async () => {
    let r = await runPyhermetic(['verify', '--artifact', '/nonexistent.tar.gz', '--tested', t.env]);
    assert.equal(r.exitCode, 2);
    r = await runPyhermetic(['verify', '--artifact', clean, '--tested', tempDir('empty-')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /pyhermetic-env\.json/);
    r = await runPyhermetic(['verify', '--artifact', clean, '--tested', t.env, '--glibc-max', 'new']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /glibc/);
  });
});
