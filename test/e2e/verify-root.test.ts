// Does the package run where it is deployed? The production host of these tests is a real Debian 11
// minbase root (glibc 2.31, made once per run by debootstrap), as a directory and as a tarball. The
// package is the host-built kind that still needs the host's libraries (the suite's `shared` interpreter,
// built on this Debian 12 machine against its libssl, libffi …; the static one links them in): it runs
// here and nowhere older. First the plain tools show it (red),
// then verify says so (green). A bookworm root with the interpreter's libraries installed is the host
// where it does run; a copy of it with one library removed is the host that lacks one declared library.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { debianRoot, debianRootTarball } from '../helpers/debian-root.js';
import {
  allowHostLibraries,
  hostLibraries,
  linkedCopy,
  makeEnv,
  pack,
  replaceFile,
  verify,
  type TestEnv,
} from '../helpers/package-env.js';
import { RUNNER, runPyhermetic, tempDir } from '../helpers/runner.js';

/** What gives a bookworm minbase root the libraries the host-built interpreter needs besides glibc. */
const BOOKWORM_RUNTIME = [
  'libbz2-1.0',
  'libcrypt1',
  'libffi8',
  'liblzma5',
  'libncursesw6',
  'libnsl2',
  'libreadline8',
  'libsqlite3-0',
  'libssl3',
  'libtcl8.6',
  'libtinfo6',
  'libtirpc3',
  'libtk8.6',
  'libuuid1',
  'zlib1g',
];

const SSL = 'lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so';

type Where = {
  glibcFloor: { version: string; source: string; interpreterNeeds: string };
  systemLibraries: { name: string; declared: boolean; neededBy: string[] }[];
  roots: { root: string; kind: string; sha256: string | null; deployPath: string; glibc: string; ok: boolean }[];
};
const whereOf = (r: { report: unknown }) => (r.report as { whereItRuns: Where }).whereItRuns;
const check = (r: Awaited<ReturnType<typeof verify>>, prefix: string) => {
  const c = r.report.checks.find((x) => x.name.startsWith(prefix));
  assert.ok(c, `no check ${prefix}: ${r.report.checks.map((x) => x.name).join(', ')}`);
  return c;
};

/** A cheap listing of a tree (path, size, mtime), to prove verify left the given root untouched. */
async function listing(dir: string): Promise<string> {
  return (await execa('find', [dir, '-printf', '%P %s %T@ %m\n'])).stdout.split('\n').sort().join('\n');
}

describe('pyhermetic verify --root: the package run inside the production root filesystem @slow', () => {
  let t: TestEnv;
  let pkg: string;
  let bullseye: string;
  let bullseyeTar: string;
  let declared: string[];

  before(async () => {
    [t, bullseye, bullseyeTar] = await Promise.all([
      makeEnv('shared'),
      debianRoot('bullseye'),
      debianRootTarball('bullseye'),
    ]);
    pkg = (await pack(t.env, join(tempDir('vr-'), 'demo.tar.gz'))).artifact;
    declared = allowHostLibraries(t.interp.prefix);
  });

  it('red, with the plain tools: the package extracted into a copy of the Debian 11 root and run with chroot + env -i fails', async () => {
    const copy = join(tempDir('vr-plain-'), 'root');
    await execa('cp', ['-a', bullseye, copy]);
    try {
      mkdirSync(join(copy, 'opt', 'demo'), { recursive: true });
      await execa('tar', ['-xzf', pkg, '-C', join(copy, 'opt', 'demo')]);
      const run = await execa('chroot', [copy, 'env', '-i', '/opt/demo/bin/python3.11', '-c', 'import ssl'], {
        reject: false,
      });
      assert.notEqual(run.exitCode, 0);
      // The loader stops at the first thing it cannot satisfy: a GLIBC version, or libpython itself (a
      // bare chroot has no /proc, so the loader cannot expand the shared build's $ORIGIN RUNPATH).
      assert.match(
        run.stderr,
        /libc\.so\.6: version `GLIBC_2\.34' not found|libpython3\.11\.so\.1\.0: cannot open shared object file/,
      );
      const ldd = await execa('chroot', [copy, '/lib64/ld-linux-x86-64.so.2', '--list', `/opt/demo/${SSL}`], {
        reject: false,
      });
      assert.match(ldd.stdout + ldd.stderr, /libssl\.so\.3: cannot open shared object file/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("green: verify --root DIR exits 1, the root check names GLIBC_2.34, GLIBC_2.35 and libssl.so.3 with the loader's words; the root is not changed", async () => {
    const before = await listing(bullseye);
    const reportDir = join(tempDir('vr-report-'), 'report');
    const r = await verify(pkg, t.env, [...declared, '--root', bullseye, '--no-smoke', '--report', reportDir]);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.equal(check(r, 'linkage').findings.length, 0, 'every host library is declared: linkage is clean');
    const root = check(r, 'root: bullseye-minbase');
    const text = root.findings.map((f) => `${f.path}: ${f.message}`).join('\n');
    assert.match(text, /\/opt\/demo\/bin\/python3\.11: .*libc\.so\.6: version `GLIBC_2\.34' not found/);
    assert.match(text, /\/opt\/demo\/bin\/python3\.11: .*libm\.so\.6: version `GLIBC_2\.35' not found/);
    assert.match(text, /_ssl\.cpython-311-x86_64-linux-gnu\.so: .*libssl\.so\.3: cannot open shared object file/);
    const glibc = root.findings.find((f) => /GLIBC_2\.35/.test(f.message));
    assert.match(glibc?.fix ?? '', /root's glibc is 2\.31: use an interpreter built in a build root/);
    const where = whereOf(r);
    assert.deepEqual(
      where.roots.map((x) => [x.root, x.kind, x.sha256, x.deployPath, x.glibc, x.ok]),
      [[bullseye, 'directory', null, '/opt/demo', '2.31', false]],
    );
    assert.equal(await listing(bullseye), before, 'the given root directory is unchanged');
    assert.equal(existsSync(join(bullseye, 'opt', 'demo')), false);
    // The report files: the section, and junit has one testcase for the root.
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testcase classname="pyhermetic" name="root: bullseye-minbase"[^>]*>\s*<failure/);
    assert.match(readFileSync(join(reportDir, 'report.html'), 'utf8'), /Where it runs[\s\S]*FAILS/);
    assert.match(readFileSync(join(reportDir, 'summary.md'), 'utf8'), /FAILS in .*bullseye-minbase/);
  });

  it("the same root as a tarball (docker export style): the same findings, the tarball's sha256 in the report, a --deploy-path of choice", async () => {
    const sha = (await execa('sha256sum', [bullseyeTar])).stdout.split(' ')[0];
    const r = await verify(pkg, t.env, [...declared, '--root', bullseyeTar, '--deploy-path', '/srv/app', '--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    const root = check(r, 'root: ');
    const text = root.findings.map((f) => `${f.path}: ${f.message}`).join('\n');
    assert.match(text, /\/srv\/app\/bin\/python3\.11: .*GLIBC_2\.34' not found/);
    assert.match(text, /GLIBC_2\.35' not found/);
    assert.match(text, /libssl\.so\.3: cannot open shared object file/);
    assert.deepEqual(
      whereOf(r).roots.map((x) => [x.kind, x.sha256, x.deployPath, x.glibc]),
      [['tarball', sha, '/srv/app', '2.31']],
    );
  });

  it("without --root: the undeclared host libraries are findings (exit 1); the floor is the interpreter's own, not 2.17", async () => {
    const r = await verify(pkg, t.env, ['--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    const linkage = check(r, 'linkage');
    const ssl = linkage.findings.find((f) => f.path === SSL);
    assert.match(ssl?.message ?? '', /needs libssl\.so\.3, libcrypto\.so\.3 from the host: .* belongs to: interpreter/);
    assert.match(ssl?.fix ?? '', /--allow-system-lib libssl\.so\.3/);
    const where = whereOf(r);
    assert.equal(where.glibcFloor.version, where.glibcFloor.interpreterNeeds);
    assert.match(where.glibcFloor.version, /^2\.3[4-9]$/);
    // Builds now record their floor in interpreter.json; older artifacts get it computed from their files.
    assert.match(where.glibcFloor.source, /the interpreter's own files|glibcFloor of interpreter\.json/);
    assert.deepEqual(
      where.systemLibraries.filter((l) => !l.declared).map((l) => l.name),
      hostLibraries(t.interp.prefix),
    );
    assert.match(r.stderr + JSON.stringify(linkage.summary), /libssl\.so\.3 \(undeclared\)/);
  });

  it("an interpreter.json that declares glibcFloor sets the default floor; the interpreter's files above it are findings", async () => {
    // What an interpreter built in a Debian 11 build root declares (issue 11); this host-built one needs more.
    const env = await linkedCopy(t.env, join(tempDir('vr-floor-'), 'env'));
    const manifest = JSON.parse(readFileSync(join(env, 'interpreter.json'), 'utf8'));
    replaceFile(join(env, 'interpreter.json'), `${JSON.stringify({ ...manifest, glibcFloor: '2.31' })}\n`);
    const declaredPkg = (await pack(env, join(tempDir('vr-floor-pkg-'), 'demo.tar.gz'))).artifact;
    const r = await verify(declaredPkg, env, [...declared, '--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    assert.deepEqual(
      r.report.checks.filter((c) => !c.ok).map((c) => c.name),
      ['linkage'],
    );
    const floor = whereOf(r).glibcFloor;
    assert.deepEqual([floor.version, floor.source], ['2.31', 'glibcFloor of interpreter.json']);
    // The shared build: the executable or its libpython (inside the package) needs the newest glibc.
    const python = check(r, 'linkage').findings.find(
      (f) => /^(bin\/python3\.11|lib\/libpython3\.11\.so)/.test(f.path) && /GLIBC_2\.35/.test(f.message),
    );
    assert.match(
      python?.message ?? '',
      /needs GLIBC_2\.35 .*above the glibc floor 2\.31 \(glibcFloor of interpreter\.json\); belongs to: interpreter/,
    );
    assert.match(python?.fix ?? '', /interpreter built in an older build root/);
  });

  it('declared system libraries are accepted and listed as the runtime requirements (exit 0 without a root)', async () => {
    const reportDir = join(tempDir('vr-declared-'), 'report');
    const r = await verify(pkg, t.env, [...declared, '--no-smoke', '--report', reportDir]);
    assert.equal(r.exitCode, 0, JSON.stringify(r.report.checks.flatMap((c) => c.findings)));
    const libs = whereOf(r).systemLibraries;
    assert.ok(libs.every((l) => l.declared));
    assert.deepEqual(
      libs.find((l) => l.name === 'libssl.so.3'),
      { name: 'libssl.so.3', declared: true, neededBy: ['interpreter'], allowedBy: [], notAllowedFor: [] },
    );
    const md = readFileSync(join(reportDir, 'summary.md'), 'utf8');
    assert.match(md, /libssl\.so\.3: declared \\\(a runtime requirement\\\)/);
    assert.match(
      readFileSync(join(reportDir, 'junit.xml'), 'utf8'),
      /<property name="systemLibraries" value="[^"]*libssl\.so\.3/,
    );
  });

  describe("a host where it runs (bookworm with the interpreter's libraries), and a copy missing one declared library", () => {
    let bookworm: string;
    before(async () => {
      bookworm = await debianRoot('bookworm', BOOKWORM_RUNTIME);
    });

    it('runs: exit 0, the root check imported the modules inside the root, the report lists the root as running', async () => {
      const r = await verify(pkg, t.env, [...declared, '--root', bookworm]);
      assert.equal(r.exitCode, 0, JSON.stringify(r.report.checks.flatMap((c) => c.findings)));
      const root = check(r, 'root: ');
      assert.match(root.summary ?? '', /modules imported in the root .* at \/opt\/demo with env -i/);
      assert.match(root.summary ?? '', /root glibc 2\.36/);
      assert.deepEqual(
        whereOf(r).roots.map((x) => [x.kind, x.glibc, x.ok]),
        [['directory', '2.36', true]],
      );
    });

    it('the copy without libssl.so.3 (declared with --allow-system-lib): exit 1, only root findings, each naming libssl.so.3', async () => {
      const copy = join(tempDir('vr-nossl-'), 'root');
      await execa('cp', ['-al', bookworm, copy]); // hard links: removing a name leaves the original intact
      try {
        const gone = (await execa('find', [copy, '-name', 'libssl.so.3*'])).stdout.split('\n').filter(Boolean);
        assert.ok(gone.length > 0);
        for (const f of gone) rmSync(f);
        const r = await verify(pkg, t.env, [...declared, '--root', copy, '--smoke', 'ssl', '--no-default-smoke']);
        assert.equal(r.exitCode, 1, r.stderr);
        const failing = r.report.checks.filter((c) => !c.ok).map((c) => c.name);
        assert.deepEqual(failing, ['root: root']);
        const findings = check(r, 'root: ').findings;
        assert.ok(findings.length >= 2, JSON.stringify(findings));
        for (const f of findings) assert.match(f.message, /libssl\.so\.3/);
        assert.ok(findings.some((f) => f.path === `/opt/demo/${SSL}`));
        assert.ok(findings.some((f) => f.path === 'ssl' && /import fails in the root/.test(f.message)));
        assert.match(findings[0].fix, /install libssl\.so\.3 in the production image/);
        assert.ok(existsSync(join(bookworm, 'usr', 'lib', 'x86_64-linux-gnu', 'libssl.so.3')));
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });

  it('unprivileged (as nobody): the root is entered with bubblewrap, with the same loader findings', async () => {
    // Everything the unprivileged user reads lives in one world-readable directory of its own.
    const dir = mkdtempSync('/tmp/pyh-vr-bwrap-');
    chmodSync(dir, 0o755);
    try {
      copyFileSync(RUNNER, join(dir, 'runner.mjs'));
      copyFileSync(pkg, join(dir, 'demo.tar.gz'));
      linkSync(bullseyeTar, join(dir, 'root.tar'));
      await execa('cp', ['-a', t.env, join(dir, 'env')]);
      await execa('chmod', ['-R', 'a+rX', join(dir, 'env')]);
      const home = join(dir, 'home');
      mkdirSync(home);
      chownSync(home, 65534, 65534);
      const r = await execa(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(dir, 'runner.mjs'), 'verify']
          .concat([
            '--artifact',
            join(dir, 'demo.tar.gz'),
            '--tested',
            join(dir, 'env'),
            '--root',
            join(dir, 'root.tar'),
          ])
          .concat(['--no-smoke', '--json', ...declared]),
        {
          env: {
            PATH: process.env.PATH,
            HOME: home,
            TMPDIR: home,
            PYHERMETIC_HOME: join(home, 'store'),
            NO_COLOR: '1',
          },
          extendEnv: false,
          reject: false,
        },
      );
      assert.equal(r.exitCode, 1, r.stderr);
      const report = JSON.parse(r.stdout) as Awaited<ReturnType<typeof verify>>['report'];
      const root = report.checks.find((c) => c.name === 'root: root.tar');
      assert.match((root as { summary?: string }).summary ?? '', /entered with bwrap/);
      const text = root!.findings.map((f) => f.message).join('\n');
      assert.match(text, /GLIBC_2\.34' not found/);
      assert.match(text, /libssl\.so\.3: cannot open shared object file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a bad --root is exit 2 with a clear message', () => {
    it('missing, not a root filesystem, not a tarball', async () => {
      let r = await runPyhermetic(['verify', '--artifact', pkg, '--tested', t.env, '--root', '/nonexistent-root']);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /--root \/nonexistent-root does not exist/);
      const empty = tempDir('vr-empty-');
      r = await runPyhermetic(['verify', '--artifact', pkg, '--tested', t.env, '--root', empty]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /is not a root filesystem: it has no etc\//);
      const text = join(empty, 'root.tar');
      writeFileSync(text, 'hello\n');
      r = await runPyhermetic(['verify', '--artifact', pkg, '--tested', t.env, '--root', text]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /neither a directory nor a tar archive/);
      r = await runPyhermetic([
        'verify',
        '--artifact',
        pkg,
        '--tested',
        t.env,
        '--root',
        bullseye,
        '--deploy-path',
        'opt',
      ]);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /--deploy-path 'opt' is not an absolute, normal path/);
      r = await runPyhermetic(['verify', '--artifact', pkg, '--tested', t.env, '--allow-system-lib', '../x']);
      assert.equal(r.exitCode, 2);
      assert.match(r.stderr, /--allow-system-lib '\.\.\/x' is not a library name/);
    });

    for (const [name, member] of [
      ['dotdot', '../evil'],
      ['absolute', '/tmp/pyhermetic-evil-root-member'],
    ] as const) {
      it(`a hostile tarball (${name} member) is refused before anything is written`, async () => {
        const dir = tempDir(`vr-hostile-${name}-`);
        const file = join(dir, 'root.tar');
        const script = `import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w') as t:
    for n in ('etc/', 'lib/'):
        d = tarfile.TarInfo(n); d.type = tarfile.DIRTYPE; t.addfile(d)
    i = tarfile.TarInfo(sys.argv[2]); i.size = 1; t.addfile(i, io.BytesIO(b'x'))
`;
        await execa('/usr/bin/python3', ['-c', script, file, member]);
        const r = await runPyhermetic(['verify', '--artifact', pkg, '--tested', t.env, '--root', file]);
        assert.equal(r.exitCode, 2, r.stderr);
        assert.match(
          r.stderr,
          /is refused: refused entry "[^"]+": (absolute path|path has a "\.\." component) \(would be written outside the destination\)/,
        );
        assert.equal(existsSync(join(dir, '..', 'evil')), false);
        assert.equal(existsSync('/tmp/pyhermetic-evil-root-member'), false);
      });
    }
  });
});
