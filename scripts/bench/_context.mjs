// What the rows of one bench run share: a work directory, one store with every source a build needs
// imported, the interpreters built (each spec once, the first build timed), and a runner helper.
// A row receives this context; a row another issue adds uses the same pieces instead of building its own.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { RUNNER, ROOT, timeRun } from './_util.mjs';

export const INDEX = 'file:///opt/pypi/simple';
export const INPUTS = join(ROOT, 'test', 'inputs');
export const SPECS = join(ROOT, 'test', 'fixtures', 'specs');

/**
 * The tarballs an interpreter build may need (CPython, and the OpenSSL a static build links in), as
 * scripts/fetch-sources.sh lists them: every source tarball in test/inputs. The MarkupSafe sdist is a
 * test input, not a build source; importing it would only add a blob, so it is left out by name.
 */
export function buildSources() {
  if (!existsSync(INPUTS)) return [];
  return readdirSync(INPUTS)
    .filter((f) => /\.(tar\.gz|tgz|tar\.xz)$/.test(f) && !f.startsWith('markupsafe_'))
    .sort()
    .map((f) => join(INPUTS, f));
}

/** Imports every build source into `store` (idempotent: a tarball already there is not copied again). */
export function importSources(store) {
  const sources = buildSources();
  if (sources.length === 0)
    throw new Error(`bench: no source tarballs in ${INPUTS}: run bash scripts/fetch-sources.sh`);
  for (const tarball of sources) timeRun([process.execPath, RUNNER, 'source', 'import', tarball, '--store', store]);
  return sources.map((s) => basename(s));
}

export class BenchContext {
  constructor() {
    /** Kept between runs: locks, installed prefixes, large envs (keyed by the interpreter's sha256). */
    this.workRoot = process.env.PYHERMETIC_BENCH_WORK ?? join(tmpdir(), 'pyhermetic-bench');
    mkdirSync(this.workRoot, { recursive: true, mode: 0o700 });
    /** A store the caller keeps (already holding builds: no build is timed), else one for this run. */
    this.givenStore = process.env.PYHERMETIC_BENCH_STORE;
    this.runDir = mkdtempSync(join(this.workRoot, 'run-'));
    this.store = this.givenStore ?? join(this.runDir, 'store');
    mkdirSync(this.store, { recursive: true, mode: 0o700 });
    this.sources = importSources(this.store);
    this.node = process.execPath;
    this.runner = RUNNER;
    this.interpreters = new Map();
  }

  /** A directory of this row's own that outlives the run (for caches a row rebuilds only when missing). */
  work(name) {
    const dir = join(this.workRoot, name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  /** A scratch directory removed at the end of the run. */
  scratch(prefix) {
    return mkdtempSync(join(this.runDir, `${prefix}-`));
  }

  /** argv of the runner with these arguments. */
  argv(args) {
    return [this.node, this.runner, ...args];
  }

  /** argv of `env create` from an interpreter (artifact or --out directory) and a lock, against the mirror. */
  envCreateArgv(interpreter, lock, dest, cacheRoot) {
    return this.argv([
      'env',
      'create',
      '--interpreter',
      interpreter,
      '--lock',
      lock,
      '--dest',
      dest,
      '--index-url',
      INDEX,
      '--cache-root',
      cacheRoot,
    ]);
  }

  /**
   * The interpreter of a spec (a file under test/fixtures/specs, or an absolute path), built into the
   * run's store once per run: { artifact, outDir, prefix, python, sha256, fingerprint, buildMs, from }.
   * buildMs is the wall time of that build when it was made here (from 'build'), else undefined.
   */
  interpreter(spec = 'static.json') {
    const file = spec.startsWith('/') ? spec : join(SPECS, spec);
    let got = this.interpreters.get(file);
    if (!got) {
      got = this.build(file);
      this.interpreters.set(file, got);
    }
    return got;
  }

  build(specFile) {
    const outDir = join(this.runDir, `interpreter-${basename(specFile, '.json')}`);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(
      this.node,
      [this.runner, 'interpreter', 'build', '--spec', specFile, '--store', this.store, '--out', outDir, '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0)
      throw new Error(`bench: interpreter build ${specFile} exited ${r.status}:\n${r.stderr.slice(-3000)}`);
    const doc = JSON.parse(r.stdout);
    const manifest = JSON.parse(readFileSync(join(outDir, 'interpreter.json'), 'utf8'));
    const artifact = join(outDir, 'interpreter.tar.gz');
    // The plain tools' interpreter: the same artifact, installed once per sha256 (not timed), kept.
    const prefix = join(this.work('installed-interpreters'), doc.sha256.slice(0, 16));
    if (!existsSync(join(prefix, manifest.python))) {
      rmSync(prefix, { recursive: true, force: true });
      mkdirSync(prefix, { recursive: true });
      timeRun(['tar', '-xzf', artifact, '-C', prefix]);
    }
    return {
      spec: specFile,
      artifact,
      outDir,
      prefix,
      python: join(prefix, manifest.python),
      sha256: doc.sha256,
      fingerprint: doc.fingerprint,
      from: doc.from,
      buildMs: doc.from === 'build' ? ms : undefined,
    };
  }

  /** A lock of `requirements` for this interpreter against the local mirror, made once into `work` and kept. */
  lock(interp, work, requirements) {
    const lock = join(work, 'requirements.lock');
    if (existsSync(lock)) return lock;
    process.stderr.write(`bench: locking ${requirements.length} requirements (kept for later runs)\n`);
    writeFileSync(join(work, 'requirements.in'), `${requirements.join('\n')}\n`);
    const tmp = `${lock}.tmp`;
    timeRun(
      this.argv([
        'lock',
        '-r',
        join(work, 'requirements.in'),
        '--interpreter',
        interp.artifact,
        '--index-url',
        INDEX,
        '-o',
        tmp,
      ]),
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    renameSync(tmp, lock);
    return lock;
  }

  close() {
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
