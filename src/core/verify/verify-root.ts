// Check `root: NAME` (verify --root): the package placed at its deploy path inside the production root
// filesystem and run there, so that the report says whether it runs where it will be deployed, not on
// the build agent. Two parts, both in the root, both with an empty environment (env -i):
//   1. the root's own dynamic loader lists every ELF file of the package (`ld.so --list`): each missing
//      library and each `GLIBC_x.y not found` is a finding carrying the loader's own words;
//   2. the package's python imports the smoke modules (the same probe as the `smoke` check).
// As root the root is entered with a mount namespace (unshare -m): an overlay over the root (a tmpfs
// upper layer; a copy when overlayfs refuses), the package bind-mounted at the deploy path, the host's
// /dev/null & co bound in, then chroot. Unprivileged, bubblewrap binds a private copy. The given root
// directory is never written to, and nothing is created on the host through a link the root holds: every
// path the run creates is resolved inside the root first. The work directory (the extracted tarball,
// the package) is an owner-tokened temp: a SIGKILLed run's is removed by the next run.
import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { EnvironmentError, UsageError, type Finding } from '../../shared/errors.js';
import { ownedTempDir } from '../../shared/dead-temps.js';
import { run, scrubbedEnv, tail } from '../../shared/exec.js';
import { extractTarGz } from '../archive/archive.js';
import type { PackageManifest } from '../model/manifests.js';
import { checkResult, type CheckResult, type RootRun, type SystemLibrary } from '../model/report.js';
import { openRoot, resolveForCreate } from './root-fs.js';
import { parseProbeOutput, SMOKE_PROBE, smokeFindings } from './verify-smoke.js';

export interface RootInput {
  root: string;
  /** Check name, `root: NAME`. */
  checkName: string;
  artifact: string;
  manifest: PackageManifest;
  modules: string[];
  deployPath: string;
  /** Paths (relative to the package root) of every loadable ELF file. */
  elfFiles: string[];
  /** PT_INTERP of the package's python (the loader that runs it), e.g. /lib64/ld-linux-x86-64.so.2. */
  loader: string;
  /** libpython names the package ships (a shared interpreter's): the loader's list cannot see them preloaded. */
  shippedLibpython: string[];
  /** The libraries the package needs from the host: the report gives the root's loader's answer for each. */
  hostLibraries: SystemLibrary[];
  timeoutMs?: number;
}

// argv: mode lower work pkg deploy loader python list chroot bwrap probe app at devdir procdir tmpdir nodes modules…
// `at`, `devdir`, `procdir`, `tmpdir` and the paths in `nodes` are resolved inside the root beforehand
// (rootPaths): no existing component of them is a symlink, so mkdir, touch and the mount points made
// from the host side stay in the root, whatever links it holds (`opt -> /`, `dev -> /etc`). Everything
// is created first and /proc mounted last, so nothing is ever created through a /proc magic link.
const SCRIPT = String.raw`
set -eu
mode=$1 lower=$2 work=$3 pkg=$4 deploy=$5 loader=$6 python=$7 list=$8 chroot=$9
shift 9
bwrap=$1 probe=$2 app=$3 at=$4 devdir=$5 procdir=$6 tmpdir=$7 nodes=$8
shift 8
r="$work/merged"
mkdir -p "$r"
if [ "$mode" = chroot ]; then
  mount -t tmpfs -o mode=0755 pyhermetic "$work/t"
  mkdir "$work/t/upper" "$work/t/work"
  if ! mount -t overlay overlay -o "lowerdir=$lower,upperdir=$work/t/upper,workdir=$work/t/work" "$r" 2>/dev/null; then
    cp -a "$lower/." "$work/copy/"
    mount --bind "$work/copy" "$r"
  fi
  mkdir -p "$r/$at" "$r/$devdir" "$r/$procdir"
  if [ -n "$tmpdir" ]; then mkdir -p "$r/$tmpdir"; fi
  while read -r d rel; do
    [ -e "$r/$rel" ] || { mkdir -p "$r/$(dirname "$rel")" && touch "$r/$rel"; } 2>/dev/null || true
  done < "$nodes"
  mount --bind "$pkg" "$r/$at"
  while read -r d rel; do mount --bind "/dev/$d" "$r/$rel" 2>/dev/null || true; done < "$nodes"
  if [ -n "$tmpdir" ]; then mount -t tmpfs tmpfs "$r/$tmpdir"; fi
  mount -t proc proc "$r/$procdir" 2>/dev/null || true
else
  if [ "$lower" != "$work/rootfs" ]; then cp -a "$lower/." "$work/copy/"; r="$work/copy"; else r="$lower"; fi
  mkdir -p "$r/$at" "$r/$devdir" "$r/$procdir"
  if [ -n "$tmpdir" ]; then mkdir -p "$r/$tmpdir"; fi
fi
enter() {
  if [ "$mode" = chroot ]; then env -i "$chroot" "$r" "$@"
  elif [ -n "$tmpdir" ]; then env -i "$bwrap" --bind "$r" / --bind "$pkg" "/$at" --dev "/$devdir" \
    --proc "/$procdir" --tmpfs "/$tmpdir" --unshare-all --die-with-parent --clearenv "$@"
  else env -i "$bwrap" --bind "$r" / --bind "$pkg" "/$at" --dev "/$devdir" --proc "/$procdir" \
    --unshare-all --die-with-parent --clearenv "$@"
  fi
}
while IFS= read -r f; do
  echo "@@FILE $f"
  enter "$loader" --list "$deploy/$f" 2>&1 || echo "@@EXIT $?"
done < "$list"
echo "@@PYTHON"
enter "$deploy/$python" -I -c "$probe" "$deploy" "$app" "$@" 2>&1 || echo "@@EXIT $?"
`;

/** The device nodes bound from the host into the root's /dev. */
const DEV_NODES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'];

interface RootPaths {
  /** The deploy path, resolved in the root. */
  at: string;
  devdir: string;
  procdir: string;
  /** '' when the root's /tmp is a symlink: no tmpfs over whatever it names (writes go to the overlay). */
  tmpdir: string;
  /** `null dev/null` lines: each node and where it is bound. */
  nodes: string;
}

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

/** Every path the run creates or mounts on, resolved inside the root (root-fs.ts resolveForCreate). */
async function rootPaths(root: string, given: string, deployPath: string): Promise<RootPaths> {
  const resolved = async (rel: string): Promise<string> => {
    const r = await resolveForCreate(root, rel);
    if (r === undefined)
      throw new UsageError(
        `--root ${given}: /${rel} goes through a symlink loop in the root`,
        'fix the root filesystem (its /dev, /proc, /tmp and the deploy path must resolve inside it)',
      );
    return r;
  };
  const [at, devdir, procdir, tmp] = await Promise.all(
    ['deploy', 'dev', 'proc', 'tmp'].map((n) => resolved(n === 'deploy' ? deployPath : n)),
  );
  if (devdir === '' || procdir === '')
    throw new UsageError(
      `--root ${given}: /${devdir === '' ? 'dev' : 'proc'} is a symlink to the root itself`,
      'fix the root filesystem: /dev and /proc must be directories of their own',
    );
  for (const [what, dir] of [
    ['/proc', procdir],
    ['/dev', devdir],
  ] as const)
    if (at === '' || inside(at, dir) || inside(dir, at))
      throw new UsageError(
        `--root ${given}: the deploy path ${deployPath} resolves to /${at} in the root, ${at === '' ? 'the root itself' : `which overlaps ${what} (/${dir})`}`,
        'choose another --deploy-path, or fix the symlinks of the root filesystem',
      );
  const nodes: string[] = [];
  for (const d of DEV_NODES) {
    const rel = await resolveForCreate(root, `${devdir}/${d}`);
    // A node that resolves into /proc (a /proc/self/fd style link) is left alone: /proc is mounted over it.
    if (rel !== undefined && rel !== '' && !inside(rel, procdir)) nodes.push(`${d} ${rel}\n`);
  }
  const tmpIsLink = (await lstat(join(root, 'tmp')).catch(() => undefined))?.isSymbolicLink() === true;
  return { at, devdir, procdir, tmpdir: tmpIsLink || inside(tmp, procdir) ? '' : tmp, nodes: nodes.join('') };
}

/** Finds a program the way a person would, in the usual sbin/bin directories (env -i has no PATH). */
async function which(name: string): Promise<string | undefined> {
  const r = await run('sh', ['-c', 'command -v "$1"', 'sh', name], {
    env: scrubbedEnv({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }),
  });
  const p = r.stdout.trim();
  return r.exitCode === 0 && p.startsWith('/') ? p : undefined;
}

const GLIBC_LINE = /version `(GLIBC_[0-9.]+)' not found/;
const MISSING_LINE =
  /(?:^\s*(\S+) => not found|error while loading shared libraries: ([^:]+): cannot open shared object file)/;

function loaderFinding(
  path: string,
  line: string,
  where: string,
  rootGlibc: string | null,
  libs: ReadonlyMap<string, SystemLibrary>,
): Finding {
  const glibc = GLIBC_LINE.exec(line);
  if (glibc)
    return {
      path,
      message: `in ${where}: ${line.trim()}`,
      fix: `the root's glibc is ${rootGlibc ?? 'older'}: use an interpreter built in a build root no newer than it and wheels of an older manylinux tag (verify --glibc-max ${rootGlibc ?? 'X.Y'} finds every file), or deploy on a base image with ${glibc[1]}`,
    };
  const m = MISSING_LINE.exec(line);
  const lib = m?.[1] ?? m?.[2] ?? 'the library';
  // A library a policy allows (or a declaration promises) but the root lacks: the root is the truth.
  const known = libs.get(lib);
  const promised = known?.declared
    ? ' (declared with --allow-system-lib, but this root lacks it)'
    : known?.allowedBy.length
      ? ` (allowed by ${known.allowedBy.join(', ')}, but this root lacks it: the root is the truth)`
      : '';
  return {
    path,
    message: `in ${where}: ${line.trim()}${promised}`,
    fix: `install ${lib} in the production image (and declare it with --allow-system-lib ${lib}), or use an interpreter or wheel that bundles it`,
  };
}

/** `\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x…)` or `\tlibz.so.1 => not found`: one line of `ld.so --list`. */
const LIST_LINE = /^\s*(\S+) => (.*?)(?: \(0x[0-9a-f]+\))?\s*$/;

/** The root's loader's answer for each library from the host: the first file's listing that names it. */
function loaderAnswers(files: Map<string, string[]>, libs: readonly SystemLibrary[]): RootRun['libraries'] {
  return libs.map(({ name }) => {
    for (const lines of files.values()) {
      for (const line of lines) {
        const m = LIST_LINE.exec(line);
        if (m?.[1] !== name) continue;
        return { name, found: m[2] === 'not found' ? null : m[2], loader: line.trim() };
      }
    }
    return { name, found: null, loader: 'no file listing by the loader names it' };
  });
}

interface Sections {
  files: Map<string, string[]>;
  python: string[];
}

function splitSections(out: string): Sections {
  const files = new Map<string, string[]>();
  const python: string[] = [];
  let current: string[] | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('@@FILE ')) {
      current = [];
      files.set(line.slice('@@FILE '.length), current);
    } else if (line === '@@PYTHON') current = python;
    else current?.push(line);
  }
  return { files, python };
}

interface Sandbox {
  mode: 'chroot' | 'bwrap';
  chroot: string;
  bwrap: string;
}

/** As root: unshare -m and chroot; unprivileged: bubblewrap. A missing tool is an environment error. */
async function sandbox(privileged: boolean): Promise<Sandbox> {
  const tools = privileged ? ['unshare', 'chroot'] : ['bwrap'];
  const found = await Promise.all(tools.map(which));
  const missingTool = tools.find((_, i) => !found[i]);
  if (missingTool)
    throw new EnvironmentError(
      `verify --root needs ${missingTool}, which is not installed`,
      privileged ? 'install util-linux and coreutils' : 'install bubblewrap (Debian package bubblewrap)',
    );
  return privileged
    ? { mode: 'chroot', chroot: found[1]!, bwrap: '' }
    : { mode: 'bwrap', chroot: '', bwrap: found[0]! };
}

/** Extracts the package, enters the root with it at its deploy path and runs the loader's list and the probe. */
async function runInRoot(
  input: RootInput,
  rootDir: string,
  work: string,
  sb: Sandbox,
): Promise<{ sections: Sections; files: string[] }> {
  const privileged = sb.mode === 'chroot';
  const pkg = join(work, 'package');
  await extractTarGz(input.artifact, pkg);
  await Promise.all([mkdir(join(work, 't')), mkdir(join(work, 'copy'))]);
  const list = join(work, 'elf-files.txt');
  const files = input.elfFiles.filter((f) => !/[\n\r]/.test(f));
  await writeFile(list, files.map((f) => `${f}\n`).join(''));
  const python = input.manifest.env.interpreter.python;
  const app = input.manifest.app ? `${input.deployPath}/${input.manifest.app}` : '';
  const paths = await rootPaths(rootDir, input.root, input.deployPath);
  const nodes = join(work, 'dev-nodes.txt');
  await writeFile(nodes, paths.nodes);
  const args = [sb.mode, rootDir, work, pkg, input.deployPath, input.loader, python, list, sb.chroot, sb.bwrap];
  const resolvedArgs = [paths.at, paths.devdir, paths.procdir, paths.tmpdir, nodes];
  const scriptArgs = [...args, SMOKE_PROBE, app, ...resolvedArgs, ...input.modules];
  const r = privileged
    ? await run('unshare', ['-m', '--propagation', 'private', 'sh', '-c', SCRIPT, 'sh', ...scriptArgs], {
        env: scrubbedEnv(),
        cwd: work,
        timeoutMs: input.timeoutMs ?? 10 * 60_000,
      })
    : await run('sh', ['-c', SCRIPT, 'sh', ...scriptArgs], {
        env: scrubbedEnv(),
        cwd: work,
        timeoutMs: input.timeoutMs ?? 10 * 60_000,
      });
  const sections = splitSections(r.stdout);
  if (r.exitCode !== 0 || !sections.python.length)
    throw new EnvironmentError(
      `could not enter the root ${input.root} (${r.timedOut ? 'timed out' : `${sb.mode} exited ${r.exitCode ?? r.signal}`}): ${tail(r.stderr || r.stdout, 8)}`,
      privileged
        ? 'verify --root needs mount namespaces (unshare -m) and overlayfs or enough disk for a copy of the root'
        : 'bubblewrap needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)',
    );
  return { sections, files };
}

/** The root's loader's words about each ELF file: a missing library, a GLIBC_x.y not found, no loader at all. */
function loaderFindings(sections: Sections, input: RootInput, where: string, rootGlibc: string | null): Finding[] {
  const findings: Finding[] = [];
  const libsByName = new Map(input.hostLibraries.map((l) => [l.name, l]));
  for (const [f, lines] of sections.files) {
    const seen = new Set<string>();
    for (const line of lines) {
      if (/failed to run command|execvp/.test(line) && line.includes(input.loader)) {
        findings.push({
          path: input.loader,
          message: `in ${where}: the root has no ${input.loader}, the dynamic loader the package's executables name: ${line.trim()}`,
          fix: 'deploy on a glibc-based image of the same architecture (the package needs glibc)',
        });
        return findings;
      }
      if (!GLIBC_LINE.test(line) && !MISSING_LINE.test(line)) continue;
      const lib = MISSING_LINE.exec(line);
      if (lib && input.shippedLibpython.includes(lib[1] ?? lib[2] ?? '')) continue;
      if (seen.has(line.trim())) continue;
      seen.add(line.trim());
      findings.push(loaderFinding(`${input.deployPath}/${f}`, line, where, rootGlibc, libsByName));
    }
  }
  return findings;
}

/** The smoke probe's result in the root (adds to findings); the summary's first part. */
function probeFindings(sections: Sections, input: RootInput, where: string, findings: Finding[]): string {
  const probe = parseProbeOutput(sections.python.join('\n'));
  if (!probe) {
    const pythonPath = `${input.deployPath}/${input.manifest.env.interpreter.python}`;
    if (!findings.some((f) => f.path === pythonPath)) {
      findings.push({
        path: pythonPath,
        message: `the package's python does not start in ${where} (env -i): ${tail(sections.python.filter((l) => !l.startsWith('@@')).join('\n'), 6)}`,
        fix: 'run it by hand: extract the package into a copy of the root and `chroot COPY env -i DEPLOY/bin/python3 -c 1`',
      });
    }
    return `the package's python did not start in ${where}`;
  }
  findings.push(...smokeFindings(probe, `in ${where} (env -i)`));
  const ok = probe.results.filter(([, e]) => e === null).length;
  return `${ok}/${probe.results.length} modules imported in ${where} with env -i`;
}

export async function rootCheck(input: RootInput): Promise<{ check: CheckResult; run: RootRun }> {
  // Named after this process: the next run sweeps the tree of a SIGKILLed one (the extracted root, the package).
  const work = await ownedTempDir(tmpdir(), 'pyhermetic-root-');
  try {
    const opened = await openRoot(input.root, work);
    const sb = await sandbox(process.getuid?.() === 0);
    const { sections, files } = await runInRoot(input, opened.dir, work, sb);
    const where = `the root ${basename(resolve(input.root))} at ${input.deployPath}`;
    const findings = loaderFindings(sections, input, where, opened.glibc);
    let summary = probeFindings(sections, input, where, findings);
    const sandboxName = sb.mode === 'chroot' ? 'unshare -m + chroot' : 'bwrap';
    summary += `; ${files.length} ELF files listed by the root's loader; root glibc ${opened.glibc ?? 'unknown'}; entered with ${sandboxName}`;
    // The root loader's answer for each library from the host (none when the root has no such loader).
    const loaderMissing = findings.some((f) => f.path === input.loader);
    const libraries = loaderMissing ? [] : loaderAnswers(sections.files, input.hostLibraries);
    if (libraries?.length)
      summary += `; libraries from the host: ${libraries.map((l) => `${l.name} ${l.found ? `at ${l.found}` : 'MISSING'}`).join(', ')}`;
    const check = checkResult(input.checkName, findings, { summary });
    return {
      check,
      run: {
        root: input.root,
        kind: opened.kind,
        sha256: opened.sha256,
        deployPath: input.deployPath,
        sandbox: sandboxName,
        glibc: opened.glibc,
        ok: check.ok,
        findings: findings.length,
        check: input.checkName,
        libraries,
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
