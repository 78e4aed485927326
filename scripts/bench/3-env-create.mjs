// env create with a warm scoped cache against the plain tools doing the same job on the same lock, same
// run: `python -m venv` of the same interpreter (already installed) + `pip install --require-hashes -r lock`.
// Goal ≤ 0.6×. pyhermetic's create includes more work than the plain route: extracting the interpreter
// artifact into the env (the env is a whole prefix), pip check, RECORD verification of every installed file
// and the manifest. It installs with --no-compile (no pycs at create time: pyc policy is pack's); plain
// pip compiles. The lock and the warm caches are kept under the bench work directory, per interpreter.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, median, timeRun } from './_util.mjs';
import { INDEX } from './_context.mjs';

const REQUIREMENTS = ['numpy', 'lxml', 'cryptography', 'orjson', 'markupsafe', 'pyyaml'];

export default async function envCreate(ctx) {
  const interp = ctx.interpreter('static.json');
  const work = ctx.work(`env-create/${interp.sha256.slice(0, 16)}`);
  const lock = ctx.lock(interp, work, REQUIREMENTS);
  const cacheRoot = join(work, 'cache');
  const plainCache = join(work, 'plain-cache');
  const scratch = ctx.scratch('env-create');
  // Plain pip gets the same neutral configuration and an explicit index, so both read the same pages.
  const plainEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PIP_CONFIG_FILE: '/dev/null',
    PIP_CACHE_DIR: plainCache,
  };
  const create = (dest) => ctx.envCreateArgv(interp.artifact, lock, dest, cacheRoot);
  const plain = (dest) => [
    'bash',
    '-c',
    'set -e; "$1" -m venv "$2"; "$2/bin/python" -m pip install --disable-pip-version-check -q --index-url "$3" --require-hashes -r "$4"',
    'bash',
    interp.python,
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
        goal: 0.6,
        goalText: '≤ 0.6× plain',
        ok: a / b <= 0.6,
      },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
