// The manylinux contract for wheels (issue 23), on real wheels from the local mirror: numpy 1.26.4 and
// pillow 11.3.0, both manylinux2014, installed into an env of the portable interpreter (the static build
// of the Debian 11 build root) and packed unchanged. readelf shows what they expect from the host:
// libz.so.1 and libgcc_s.so.1, which the manylinux_2_17 policy allows and auditwheel therefore did not
// graft. Red: glibc's libraries only (--strict-host-libs, the rule before) makes that clean package
// UNSTABLE. Green: by default the wheels' policy allows them, the report says so, a Debian 11 minbase
// root has them (--root, with its loader's answer) and a root without libz is a finding; a hand-made
// wheel tagged manylinux2014 that needs libssl.so.3 breaks its policy, in verify and in cache audit.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { debianRoot } from '../helpers/debian-root.js';
import { addFile, createIndex } from '../helpers/local-index.js';
import { compileExtension, makeEnv, pack, SITE, verify, type TestEnv, type VerifyRun } from '../helpers/package-env.js';
import { LOCAL_INDEX, runPyhermetic, tempDir } from '../helpers/runner.js';
import { buildWheel } from '../helpers/zip-builder.js';

interface SystemLibrary {
  name: string;
  declared: boolean;
  neededBy: string[];
  allowedBy: string[];
  notAllowedFor: string[];
}
interface Where {
  hostLibraryRules: string[];
  systemLibraries: SystemLibrary[];
  hostLibraries: { owner: string; policy: string | null; libraries: { name: string; allowedBy: string | null }[] }[];
  roots: { root: string; ok: boolean; libraries: { name: string; found: string | null; loader: string }[] }[];
}
const whereOf = (r: VerifyRun) => (r.report as unknown as { whereItRuns: Where }).whereItRuns;
const checkOf = (r: VerifyRun, name: string) => r.report.checks.find((c) => c.name.startsWith(name))!;
const lib = (r: VerifyRun, name: string) => whereOf(r).systemLibraries.find((l) => l.name === name);

describe('the manylinux contract: numpy 1.26.4 + pillow 11.3.0 (manylinux2014) from the mirror', function () {
  this.timeout(60 * 60 * 1000);
  let t: TestEnv;
  let pkg: string;
  let work: string;

  before(async () => {
    t = await makeEnv('portable', ['numpy==1.26.4', 'pillow==11.3.0']);
    work = tempDir('manylinux-');
    pkg = (await pack(t.env, join(work, 'app.tar.gz'))).artifact;
  });

  after(() => {
    for (const dir of [work, t?.work]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the plain tools: readelf shows numpy and pillow need libz.so.1 / libgcc_s.so.1, which no file of the env provides', async () => {
    const lock = readFileSync(t.lock, 'utf8');
    assert.match(lock, /^numpy==1\.26\.4 /m);
    assert.match(lock, /^pillow==11\.3\.0 /m);
    const needs = async (rel: string) =>
      (await execa('readelf', ['-d', join(t.env, SITE, rel)])).stdout
        .split('\n')
        .flatMap((l) => /\(NEEDED\).*\[(.+)\]/.exec(l)?.[1] ?? []);
    assert.ok((await needs('PIL/_imaging.cpython-311-x86_64-linux-gnu.so')).includes('libz.so.1'));
    const umath = await needs('numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so');
    assert.ok(
      umath.includes('libgcc_s.so.1') ||
        (await needs('numpy/linalg/_umath_linalg.cpython-311-x86_64-linux-gnu.so')).includes('libgcc_s.so.1'),
    );
    const files = (await execa('find', [t.env, '-name', 'libz.so*', '-o', '-name', 'libgcc_s.so*'])).stdout.trim();
    assert.equal(files, '', 'the env bundles neither');
  });

  it('red: glibc only (--strict-host-libs, the rule before) turns the clean package UNSTABLE with the findings of the outage', async () => {
    const r = await verify(pkg, t.env, ['--strict-host-libs', '--no-smoke']);
    assert.equal(r.exitCode, 1, r.stderr);
    const linkage = checkOf(r, 'linkage');
    assert.ok(linkage.findings.length > 0);
    for (const f of linkage.findings)
      assert.match(
        f.message,
        /^needs .* from the host: not inside the package and not one of glibc's libraries; belongs to: (numpy 1\.26\.4|pillow 11\.3\.0)$/,
      );
    const text = linkage.findings.map((f) => f.message).join('\n');
    assert.match(text, /needs libz\.so\.1 from the host.*belongs to: pillow 11\.3\.0/);
    assert.match(
      text,
      /needs (libz\.so\.1, libgcc_s\.so\.1|libgcc_s\.so\.1, libz\.so\.1|libgcc_s\.so\.1) from the host.*belongs to: numpy 1\.26\.4/,
    );
    assert.deepEqual(lib(r, 'libz.so.1')?.notAllowedFor, ['numpy 1.26.4', 'pillow 11.3.0']);
    assert.match(whereOf(r).hostLibraryRules[0], /--strict-host-libs/);
  });

  it('green: verify by default exits 0; the report lists libz.so.1 and libgcc_s.so.1 as "from the host, allowed by manylinux_2_17"', async () => {
    const reportDir = join(work, 'report');
    const r = await verify(pkg, t.env, ['--report', reportDir]);
    assert.equal(r.exitCode, 0, `${r.stderr}\n${JSON.stringify(r.report.checks, null, 1)}`);
    for (const name of ['libz.so.1', 'libgcc_s.so.1']) {
      const l = lib(r, name);
      assert.ok(l, `${name} is listed`);
      assert.equal(l.declared, false);
      assert.deepEqual(l.allowedBy, ['manylinux_2_17']);
      assert.deepEqual(l.notAllowedFor, []);
    }
    assert.deepEqual(lib(r, 'libz.so.1')?.neededBy, ['numpy 1.26.4', 'pillow 11.3.0']);
    // Per distribution: what it relies on and under which policy.
    const numpy = whereOf(r).hostLibraries.find((u) => u.owner === 'numpy 1.26.4');
    assert.equal(numpy?.policy, 'manylinux_2_17');
    assert.ok(numpy?.libraries.some((l) => l.name === 'libgcc_s.so.1' && l.allowedBy === 'manylinux_2_17'));
    assert.ok(!whereOf(r).hostLibraries.some((u) => u.owner === 'interpreter'), 'the interpreter needs only glibc');
    // The two rules, stated in the report.
    const rules = whereOf(r).hostLibraryRules.join('\n');
    assert.match(rules, /the interpreter's own files and the app: glibc's libraries only/);
    assert.match(
      rules,
      /a wheel's files: glibc's libraries plus the list of the manylinux policy its platform tag claims/,
    );
    const html = readFileSync(join(reportDir, 'report.html'), 'utf8');
    assert.match(
      html,
      /libz\.so\.1: from the host, allowed by manylinux_2_17; needed by numpy 1\.26\.4, pillow 11\.3\.0/,
    );
    assert.match(html, /libgcc_s\.so\.1: from the host, allowed by manylinux_2_17; needed by numpy 1\.26\.4/);
    assert.match(checkOf(r, 'linkage').summary ?? '', /libz\.so\.1 \(allowed by manylinux_2_17\)/);
    assert.match(checkOf(r, 'smoke').summary ?? '', /numpy|PIL/);
  });

  it('--root: a Debian 11 minbase root has both (its loader says where); a copy without libz is a finding', async () => {
    const bullseye = await debianRoot('bullseye');
    const r = await verify(pkg, t.env, ['--root', bullseye, '--no-smoke']);
    assert.equal(r.exitCode, 0, `${r.stderr}\n${JSON.stringify(r.report.checks, null, 1)}`);
    const answers = new Map(whereOf(r).roots[0].libraries.map((l) => [l.name, l]));
    for (const name of ['libz.so.1', 'libgcc_s.so.1']) {
      const a = answers.get(name);
      assert.ok(a?.found, `${name}: ${JSON.stringify(a)}`);
      assert.match(a.found, new RegExp(`^/(usr/)?lib/x86_64-linux-gnu/${name.replace(/\./g, '\\.')}$`));
      assert.match(a.loader, new RegExp(`^${name.replace(/\./g, '\\.')} => /`));
    }
    // The root is the truth: the same root without zlib fails, naming the policy that allowed it.
    const copy = join(tempDir('manylinux-root-'), 'bullseye-nozlib');
    await execa('cp', ['-al', bullseye, copy]);
    try {
      const zlib = (await execa('find', [copy, '-name', 'libz.so.1*'])).stdout.split('\n').filter(Boolean);
      assert.ok(zlib.length > 0);
      for (const f of zlib) rmSync(f);
      const without = await verify(pkg, t.env, ['--root', copy, '--no-smoke']);
      assert.equal(without.exitCode, 1, without.stderr);
      const root = checkOf(without, 'root: bullseye-nozlib');
      assert.ok(
        root.findings.some((f) =>
          /libz\.so\.1.*(not found|cannot open).*allowed by manylinux_2_17, but this root lacks it/.test(f.message),
        ),
        JSON.stringify(root.findings, null, 1),
      );
      assert.equal(new Map(whereOf(without).roots[0].libraries.map((l) => [l.name, l])).get('libz.so.1')?.found, null);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('sbom --artifact PKG alone: every locked distribution with its sha256', async () => {
    const r = await runPyhermetic(['sbom', '--artifact', pkg]);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    for (const line of readFileSync(t.lock, 'utf8').split('\n')) {
      const m = /^([A-Za-z0-9._-]+)==(\S+) --hash=sha256:([0-9a-f]{64})/.exec(line);
      if (!m) continue;
      const c = doc.components.find((x: { purl?: string }) => x.purl === `pkg:pypi/${m[1].toLowerCase()}@${m[2]}`);
      assert.deepEqual(c?.hashes, [{ alg: 'SHA-256', content: m[3] }], line);
    }
  });
});

describe('the manylinux contract: a wheel that breaks the policy it claims', function () {
  this.timeout(60 * 60 * 1000);

  it('a hand-made wheel tagged manylinux2014 that needs libssl.so.3: a finding naming manylinux_2_17, in verify and in cache audit', async () => {
    const work = tempDir('manylinux-ssl-');
    const src = join(work, 'src');
    mkdirSync(src);
    const so = await compileExtension(src, '_sslneed', {
      body: '#include <openssl/ssl.h>\nvoid *sslneed_ref(void) { return (void *)&SSL_new; }',
      args: ['-lssl'],
    });
    const tag = 'cp311-cp311-manylinux2014_x86_64';
    const wheelFile = join(work, `sslneed-1.0-${tag}.whl`);
    writeFileSync(
      wheelFile,
      buildWheel(
        'sslneed',
        '1.0',
        [tag],
        [{ name: '_sslneed.cpython-311-x86_64-linux-gnu.so', data: readFileSync(so) }],
      ),
    );
    // cache audit: the wheel breaks the policy its tag claims.
    const wheelhouse = join(work, 'wheelhouse');
    mkdirSync(wheelhouse);
    writeFileSync(join(wheelhouse, `sslneed-1.0-${tag}.whl`), readFileSync(wheelFile));
    const audit = await runPyhermetic(['cache', 'audit', wheelhouse, '--interpreter', '/usr/bin/python3', '--json']);
    assert.equal(audit.exitCode, 1, audit.stderr);
    const auditText = JSON.parse(audit.stdout)
      .findings.map((f: { message: string }) => f.message)
      .join('\n');
    assert.match(
      auditText,
      /needs libssl\.so\.3 from the host, which neither the wheel nor another wheel here provides; the policy its tag manylinux2014_x86_64 claims, manylinux_2_17 \(auditwheel [0-9.]+\), does not allow it: the wheel breaks the policy it claims/,
    );

    // verify: installed into an env from a local index (beside the mirror), packed, verified.
    const index = createIndex('manylinux-ssl-index-');
    addFile(index, 'sslneed', wheelFile);
    const t = await makeEnv('portable', ['sslneed==1.0'], [index.url, LOCAL_INDEX]);
    try {
      const pkg = (await pack(t.env, join(work, 'ssl.tar.gz'))).artifact;
      const r = await verify(pkg, t.env, ['--no-smoke']);
      assert.equal(r.exitCode, 1, r.stderr);
      const f = checkOf(r, 'linkage').findings.find((x) => x.path.endsWith('_sslneed.cpython-311-x86_64-linux-gnu.so'));
      assert.ok(f, JSON.stringify(checkOf(r, 'linkage').findings));
      assert.match(
        f.message,
        /^needs libssl\.so\.3 from the host: not inside the package and not one of glibc's libraries, and the policy its tag manylinux2014_x86_64 claims, manylinux_2_17 \(auditwheel [0-9.]+\), does not allow it: the wheel breaks the policy it claims; belongs to: sslneed 1\.0$/,
      );
      assert.deepEqual(lib(r, 'libssl.so.3')?.notAllowedFor, ['sslneed 1.0']);
      // Declared, it is the team's stated requirement, not a finding.
      const declared = await verify(pkg, t.env, ['--no-smoke', '--allow-system-lib', 'libssl.so.3']);
      assert.equal(declared.exitCode, 0, declared.stderr);
    } finally {
      rmSync(t.work, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
  });
});
