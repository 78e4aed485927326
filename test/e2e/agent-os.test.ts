// The same bytes from another agent OS, from the root blob alone, under bubblewrap. One build proves
// three properties at once (the slowest test of the suite, so one build, not three):
//   - another agent OS: the runner runs inside a Debian 13 (trixie) root, with trixie's Node.js and
//     trixie's bubblewrap, in a user namespace (bwrap --unshare-user: uid 0 inside, no privilege);
//   - the root blob alone: its store holds the build root only as a blob (`source import` of the
//     tarball, no buildroot.lock beside it) plus the two source tarballs; the lock inside the root
//     gives the linked libraries their .deb hashes;
//   - bwrap = chroot: inside, the build enters the Debian 11 build root with bubblewrap, while the
//     host's build of the same spec (the suite's shared `portable` interpreter, its store holding the
//     root with its lock) entered it with unshare + chroot.
// interpreter.json, the tar inside interpreter.tar.gz and the .tar.gz itself must be byte-identical to the
// host's. The agent's Node is Debian's, linked with Debian's zlib, the host's is nodejs.org's with
// Chromium's fork of zlib: the two deflate the same bytes differently, which is why pyhermetic deflates
// with pako, bundled into the runner, and never with the Node's zlib (src/core/archive/deflate-block.ts).
// The content is compared first so that a failure says where the difference is. docs/build-root.md
// records the result.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';
import { testBuildRoot } from '../helpers/build-root.js';
import { debianRoot } from '../helpers/debian-root.js';
import { builtInterpreter } from '../helpers/interpreters.js';
import { CPYTHON_TARBALL, OPENSSL_TARBALL, ROOT, runPyhermetic, tempDir } from '../helpers/runner.js';

/** sha256 of the tar inside a .tar.gz (gunzip is the same on every zlib; deflate is not). */
async function innerTarSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  const gunzip = createGunzip();
  const done = pipeline(createReadStream(file), gunzip);
  for await (const c of gunzip) h.update(c as Buffer);
  await done;
  return h.digest('hex');
}

/** Which files (and interpreter.json fields) of two builds differ: what a failure needs to be diagnosed. */
function differingFiles(a: string, b: string): string {
  const ma = JSON.parse(readFileSync(a, 'utf8'));
  const mb = JSON.parse(readFileSync(b, 'utf8'));
  const files = (m: any) => new Map<string, string>(m.files.map((f: any) => [f.path, f.sha256]));
  const fa = files(ma);
  const fb = files(mb);
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].filter((p) => fa.get(p) !== fb.get(p));
  const fields = Object.keys({ ...ma, ...mb }).filter(
    (k) => k !== 'files' && JSON.stringify(ma[k]) !== JSON.stringify(mb[k]),
  );
  return `files differing: ${paths.slice(0, 20).join(', ') || 'none'}${paths.length > 20 ? ` (+${paths.length - 20})` : ''}; interpreter.json fields differing: ${fields.join(', ') || 'none'}`;
}

/**
 * Runs argv in the trixie root under bwrap as an unprivileged agent would (uid 0 in a user namespace),
 * with the given binds below /srv, /opt and /tmp.
 */
function inTrixie(trixie: string, binds: string[][], env: string[], argv: string[], timeout: number) {
  return execa(
    'bwrap',
    [
      '--unshare-user',
      '--uid',
      '0',
      '--gid',
      '0',
      '--ro-bind',
      trixie,
      '/',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      // Mount points below the read-only root come from tmpfs layers (bwrap cannot mkdir in the root).
      '--tmpfs',
      '/srv',
      '--tmpfs',
      '/opt',
      ...binds.flat(),
      '--die-with-parent',
      '--clearenv',
      '--setenv',
      'PATH',
      '/usr/sbin:/usr/bin:/sbin:/bin',
      '--setenv',
      'HOME',
      '/tmp',
      '--setenv',
      'LC_ALL',
      'C',
      ...env,
      '--',
      ...argv,
    ],
    { reject: false, timeout },
  );
}

/**
 * What the gzip writer made of a tar before it deflated with pako: the same fixed 1 MiB blocks, 32 KiB
 * dictionaries and header, deflated by the running Node's own zlib. Run by the agent's Node, it shows
 * the difference pako removes (red), where the runner shows it removed (green).
 */
const NODE_ZLIB_GZIP = `
const fs = require('node:fs'), zlib = require('node:zlib'), crypto = require('node:crypto');
const tar = zlib.gunzipSync(fs.readFileSync(process.argv[1]));
const B = 1024 * 1024, h = crypto.createHash('sha256');
h.update(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
for (let off = 0; ; off += B) {
  const last = off + B >= tar.length;
  const o = { level: 6, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH };
  if (off > 0) o.dictionary = tar.subarray(off - 32768, off);
  h.update(zlib.deflateRawSync(tar.subarray(off, Math.min(off + B, tar.length)), o));
  if (last) break;
}
const t = Buffer.alloc(8);
t.writeUInt32LE(zlib.crc32(tar) >>> 0, 0);
t.writeUInt32LE(tar.length % 2 ** 32, 4);
console.log(h.update(t).digest('hex'));
`;

// Opt-in (`npm run test:agent-os`, or PYHERMETIC_TEST_AGENT_OS=1): a debootstrap of trixie with Node.js
// and a full build, about 8 minutes on two quiet cores, for what `npm test` keeps of it in one build
// already (interpreter.test.ts: the root as a bare blob builds the same bytes). Its result is in
// docs/build-root.md.
describe('another agent OS: Debian 13 with its own Node.js, the root blob alone, bubblewrap @slow', function () {
  this.timeout(90 * 60 * 1000);
  before(function () {
    if (!process.env.PYHERMETIC_TEST_AGENT_OS) this.skip();
  });

  it('builds the portable spec byte-identical to the host build (chroot, root with its lock)', async () => {
    // The host's build (the suite's shared one) runs while the trixie root is made; the agent builds its spec.
    const hostBuild = builtInterpreter('portable');
    hostBuild.catch(() => undefined);
    const [trixie, root] = await Promise.all([debianRoot('trixie', ['nodejs', 'bubblewrap']), testBuildRoot()]);
    assert.match(readFileSync(join(trixie, 'etc', 'os-release'), 'utf8'), /VERSION_CODENAME=trixie/);

    const work = tempDir('agent-trixie-');
    const store = join(work, 'store');
    const tmp = join(work, 'tmp');
    const out = join(work, 'out');
    for (const d of [store, tmp, out]) mkdirSync(d, { mode: 0o755 });
    chmodSync(store, 0o700);
    chmodSync(tmp, 0o1777);
    // The store: blobs only. The root goes in as a bare tarball, as a remote fetch or an import leaves it.
    for (const file of [root.artifact, CPYTHON_TARBALL, OPENSSL_TARBALL]) {
      const imp = await runPyhermetic(['source', 'import', file, '--store', store]);
      assert.equal(imp.exitCode, 0, imp.stderr);
    }
    assert.deepEqual(readdirSync(store).sort(), ['blobs']);
    // The spec the host built, byte for byte, as every agent of a team reads the same python.json:
    // interpreter.json records the spec, URLs included (a URL the agent cannot reach does not matter,
    // its store holds the root). The host build is awaited here, before the agent's starts.
    const spec = (await hostBuild).manifest.spec;
    assert.equal(spec.buildRoot?.sha256, root.sha256);
    writeFileSync(join(work, 'python.json'), `${JSON.stringify(spec, null, 2)}\n`);

    const node = await execa('chroot', [trixie, 'node', '-p', 'process.version + " zlib " + process.versions.zlib']);
    const r = await inTrixie(
      trixie,
      [
        ['--bind', tmp, '/tmp'],
        ['--bind', store, '/srv/store'],
        ['--bind', out, '/srv/out'],
        ['--ro-bind', join(work, 'python.json'), '/srv/python.json'],
        ['--ro-bind', join(ROOT, 'resources', 'pyhermetic'), '/opt/pyhermetic'],
      ],
      ['--setenv', 'PYHERMETIC_SANDBOX', 'bwrap'],
      [
        'node',
        '/opt/pyhermetic/runner.mjs',
        'interpreter',
        'build',
        '--spec',
        '/srv/python.json',
        '--store',
        '/srv/store',
        '--out',
        '/srv/out',
        '--json',
      ],
      80 * 60 * 1000,
    );
    try {
      assert.equal(r.exitCode, 0, String(r.stderr).slice(-4000));
      const host = await hostBuild;
      assert.match(String(r.stderr), /entered with bwrap/);
      const doc = JSON.parse(String(r.stdout)) as { sha256: string; cached: boolean; key: string };
      assert.equal(doc.cached, false);
      assert.equal(doc.key, host.manifest.buildKey);
      // The content first: every file (interpreter.json lists each with its sha256) and the tar stream itself.
      assert.equal(
        readFileSync(join(out, 'interpreter.json'), 'utf8'),
        readFileSync(join(host.outDir, 'interpreter.json'), 'utf8'),
        differingFiles(join(out, 'interpreter.json'), join(host.outDir, 'interpreter.json')),
      );
      const [agentTar, hostTar] = await Promise.all([
        innerTarSha256(join(out, 'interpreter.tar.gz')),
        innerTarSha256(host.artifact),
      ]);
      assert.equal(agentTar, hostTar, 'the tar inside interpreter.tar.gz is byte-identical');
      console.log(
        `      trixie agent (node ${node.stdout.trim()}, bwrap): tar ${agentTar} = host (chroot) tar; .tar.gz ${doc.sha256} ${doc.sha256 === host.sha256 ? '=' : '≠'} host ${host.sha256} (host node ${process.version} zlib ${process.versions.zlib})`,
      );
      // The file itself: the agent's zlib differs from the host's, the gzip stream does not.
      assert.notEqual(node.stdout.trim().split(' zlib ')[1], process.versions.zlib, 'the two Nodes have two zlibs');
      const agentFile = createHash('sha256')
        .update(readFileSync(join(out, 'interpreter.tar.gz')))
        .digest('hex');
      assert.equal(agentFile, doc.sha256, 'the agent reported the sha256 of the file it wrote');
      assert.equal(doc.sha256, host.sha256, 'the same .tar.gz from the trixie agent and the host');
      const m = JSON.parse(readFileSync(join(out, 'interpreter.json'), 'utf8'));
      for (const lib of m.linkedLibraries) assert.ok(lib.inputSha256, `${lib.name}: ${lib.why}`);

      // Red: the same tar deflated by the agent Node's own zlib, as pyhermetic did before, is another file.
      const own = await inTrixie(
        trixie,
        [['--ro-bind', join(out, 'interpreter.tar.gz'), '/srv/interpreter.tar.gz']],
        [],
        ['node', '-e', NODE_ZLIB_GZIP, '/srv/interpreter.tar.gz'],
        10 * 60 * 1000,
      );
      assert.equal(own.exitCode, 0, String(own.stderr));
      console.log(`      the agent Node's own zlib would have written ${own.stdout.trim()}`);
      assert.notEqual(own.stdout.trim(), host.sha256, "the agent Node's zlib deflates the same tar differently");
    } finally {
      // The store holds the extracted root (~600 MiB) and the build directory lives under tmp: the disk is shared.
      rmSync(work, { recursive: true, force: true });
    }
  });
});
