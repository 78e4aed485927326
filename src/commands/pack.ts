// `pyhermetic pack --env DIR [--app DIR] --out FILE.tar.gz [--level N] [--json]`
import { UsageError } from '../shared/errors.js';
import { packEnv } from '../core/package/pack.js';
import * as log from '../shared/log.js';
import { printJson, stringOption, type Command } from './command.js';

export const packCommand: Command = {
  name: 'pack',
  summary: 'Make the production package (deterministic tar.gz) from the tested env and the app',
  usage: 'pack --env DIR [--app DIR] --out FILE.tar.gz [--level N] [--json]',
  help: `options:
  --env DIR        the env the tests ran in (made by \`pyhermetic env create\`; has pyhermetic-env.json)
  --app DIR        the application tree; packed under app/ (VCS dirs, caches and pycs left out)
  --out FILE       the package to write (temp file + rename: an interrupted pack leaves no file here)
  --level N        gzip level 0-9 (default 6)
  --json           print {"artifact", "sha256", "files", "size"}

The package's root is the env's prefix (bin/, lib/, …) plus pyhermetic-env.json, app/ (with --app) and
pyhermetic-package.json (every file's sha256, size and mode). No __pycache__ or *.pyc goes in (pyc policy:
see the README). Two packs of the same inputs are byte-identical. A symlink leading outside the tree, a
device, a FIFO or a socket stops the pack with exit 2 naming it.`,
  options: {
    env: { type: 'string' },
    app: { type: 'string' },
    out: { type: 'string' },
    level: { type: 'string' },
  },
  async run({ values, json }) {
    const env = stringOption(values, 'env');
    const out = stringOption(values, 'out');
    if (!env || !out)
      throw new UsageError(
        `pack needs ${!env ? '--env DIR' : '--out FILE.tar.gz'}`,
        `usage: pyhermetic ${packCommand.usage}`,
      );
    const levelText = stringOption(values, 'level');
    const level = levelText === undefined ? undefined : Number(levelText);
    if (level !== undefined && !(Number.isInteger(level) && level >= 0 && level <= 9)) {
      throw new UsageError(`--level must be an integer from 0 to 9, got '${levelText}'`);
    }
    const result = await log.stage('pack', () => packEnv({ env, app: stringOption(values, 'app'), out, level }));
    if (json) printJson({ artifact: result.artifact, sha256: result.sha256, files: result.files, size: result.size });
    else log.out(`${result.artifact}\n  sha256 ${result.sha256}\n  ${result.files} files, ${result.size} bytes`);
    return 0;
  },
};
