// env create with a warm scoped cache against the plain tools doing the same job on the same lock, same
// run: `python -m venv` of the same interpreter (already installed) + `pip install --require-hashes -r lock`.
// Goal ≤ 1.0×. pyhermetic's create includes more work than the plain route: extracting the interpreter
// artifact into the env (the env is a whole prefix), pip check, RECORD verification of every installed file
// and the manifest. It installs with --no-compile (no pycs at create time: pyc policy is pack's); plain
// pip compiles. The interpreter build, lock and warm cache live under $TMPDIR/pyhermetic-bench/env-create;
// PYHERMETIC_BENCH_STORE names a store that already holds the build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNNER, ROOT, fmt, median, timeRun } from './_util.mjs';

const REQUIREMENTS = ['numpy', 'lxml', 'cryptography', 'orjson', 'markupsafe', 'pyyaml'];
const INDEX = 'file:///opt/pypi/simple';

async function prepare(work) {
  const node = process.execPath;
  const store = process.env.PYHERMETIC_BENCH_STORE ?? join(work, 'store');
  const out = join(work, 'interpreter');
  const lock = join(work, 'requirements.lock');
  const prefix = join(work, 'installed-interpreter');
  if (!existsSync(lock) || !existsSync(join(prefix, 'bin', 'python3'))) {
    process.stderr.write('bench: env-create: building/finding the interpreter and locking (cached for later runs)\n');
    const spec = join(ROOT, 'test', 'fixtures', 'specs', 'static.json');
    const tarball = join(ROOT, 'test', 'inputs', 'python3.11_3.11.2.orig.tar.gz');
    timeRun([node, RUNNER, 'source', 'import', tarball, '--store', store]);
    timeRun([node, RUNNER, 'interpreter', 'build', '--spec', spec, '--store', store, '--out', out], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(join(work, 'requirements.in'), `${REQUIREMENTS.join('\n')}\n`);
    timeRun(
      [
        node,
        RUNNER,
        'lock',
        '-r',
        join(work, 'requirements.in'),
        '--interpreter',
        join(out, 'interpreter.tar.gz'),
        '--index-url',
        INDEX,
        '-o',
        lock,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    // The plain route's interpreter: the same artifact, installed once (its cost is not timed).
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix);
    timeRun(['tar', '-xzf', join(out, 'interpreter.tar.gz'), '-C', prefix]);
  }
  return { artifact: join(out, 'interpreter.tar.gz'), lock, python: join(prefix, 'bin', 'python3') };
}

export default async function envCreate() {
  const work = join(process.env.PYHERMETIC_BENCH_WORK ?? join(tmpdir(), 'pyhermetic-bench'), 'env-create');
  mkdirSync(work, { recursive: true, mode: 0o700 });
  const { artifact, lock, python } = await prepare(work);
  const node = process.execPath;
  const cacheRoot = join(work, 'cache');
  const plainCache = join(work, 'plain-cache');
  const scratch = mkdtempSync(join(work, 'run-'));
  // Plain pip gets the same neutral configuration and an explicit index, so both read the same pages.
  const plainEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PIP_CONFIG_FILE: '/dev/null',
    PIP_CACHE_DIR: plainCache,
  };
  const create = (dest) => [
    node,
    RUNNER,
    'env',
    'create',
    '--interpreter',
    artifact,
    '--lock',
    lock,
    '--dest',
    dest,
    '--index-url',
    INDEX,
    '--cache-root',
    cacheRoot,
  ];
  const plain = (dest) => [
    'bash',
    '-c',
    'set -e; "$1" -m venv "$2"; "$2/bin/python" -m pip install --disable-pip-version-check -q --index-url "$3" --require-hashes -r "$4"',
    'bash',
    python,
    dest,
    INDEX,
    lock,
  ];
  try {
    // Warm both caches once.
    timeRun(create(join(scratch, 'warm-pyh')));
    timeRun(plain(join(scratch, 'warm-plain')), { env: plainEnv });
    const n = 3;
    const ours = [];
    const theirs = [];
    for (let i = 0; i < n; i++) {
      ours.push(timeRun(create(join(scratch, `pyh-${i}`))));
      theirs.push(timeRun(plain(join(scratch, `plain-${i}`)), { env: plainEnv }));
    }
    const a = median(ours);
    const b = median(theirs);
    const du = spawnSync('du', ['-sm', join(scratch, 'pyh-0')], { encoding: 'utf8' }).stdout.split(/\s/)[0];
    return [
      {
        name: 'env-create',
        figures: `env create ${fmt(a)} (${du} MB env incl. interpreter) vs venv + pip install --require-hashes ${fmt(b)} (median of ${n}, warm caches, ${REQUIREMENTS.length} requirements)`,
        ratio: a / b,
        goal: 1.0,
        goalText: '≤ 1.0× plain',
        ok: a / b <= 1.0,
      },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
