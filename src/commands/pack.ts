// `pyhermetic pack --env DIR [--app DIR] --out FILE.tar.gz [--level N] [--json]`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';

export const packCommand = defineCommand({
  name: 'pack',
  summary: 'Make the production package (deterministic tar.gz) from the tested env and the app',
  options: {
    env: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'the env the tests ran in (made by `pyhermetic env create`; has pyhermetic-env.json)',
    },
    app: {
      type: 'string',
      value: 'DIR',
      description: 'the application tree; packed under app/ (VCS dirs, caches and pycs left out)',
    },
    out: {
      type: 'string',
      value: 'FILE.tar.gz',
      required: true,
      description: 'the package to write (temp file + rename: an interrupted pack leaves no file here)',
    },
    level: { type: 'number', value: 'N', default: '6', description: 'gzip level, 0 to 9' },
  },
  json: '{"artifact", "sha256", "files", "size"}',
  details: `The package's root is the env's prefix (bin/, lib/, …) plus pyhermetic-env.json, app/ (with --app) and
pyhermetic-package.json (every file's sha256, size and mode). No __pycache__ or *.pyc goes in (pyc policy:
see docs/verify-and-reports.md). Two packs of the same inputs are byte-identical.`,
  exitCodes:
    '0 written · 2 bad input: a symlink leading outside the tree, a device, a FIFO or a socket (named) · 3 cannot write',
  async run({ values, json }) {
    const env = stringOption(values, 'env');
    const out = stringOption(values, 'out');
    if (!env || !out)
      throw new UsageError(`pack needs ${!env ? '--env DIR' : '--out FILE.tar.gz'}`, `usage: pyhermetic ${this.usage}`);
    const levelText = stringOption(values, 'level');
    const level = levelText === undefined ? undefined : Number(levelText);
    if (level !== undefined && !(Number.isInteger(level) && level >= 0 && level <= 9)) {
      throw new UsageError(`--level must be an integer from 0 to 9, got '${levelText}'`);
    }
    const { packEnv } = await import('../core/package/pack.js');
    const result = await log.stage('pack', () => packEnv({ env, app: stringOption(values, 'app'), out, level }));
    if (json) printJson({ artifact: result.artifact, sha256: result.sha256, files: result.files, size: result.size });
    else log.out(`${result.artifact}\n  sha256 ${result.sha256}\n  ${result.files} files, ${result.size} bytes`);
    return 0;
  },
});
