// `pyhermetic diff A B [--json]`
import { diffArtifacts, formatDiff } from '../core/package/diff.js';
import * as log from '../shared/log.js';
import { printJson, type Command } from './command.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Show what changed between two packages, or a package and an env (interpreter, distributions, files)',
  usage: 'diff A B [--json]',
  help: `A and B are each a package (.tar.gz made by \`pyhermetic pack\`), an env directory (made by
\`pyhermetic env create\`) or an extracted package. An env is hashed the way pack would pack it (pyc policy,
launchers), so a package and the env it was made from are identical.
  --json   print {"identical", "interpreter", "distributions": {added, removed, changed}, "files": {added, removed, changed}, "notes"}
exit codes: 0 identical · 1 different · 2 bad input`,
  options: {},
  positionals: { min: 2, max: 2, names: 'A B' },
  async run({ positionals, json }) {
    const result = await diffArtifacts(positionals[0], positionals[1]);
    if (json) printJson(result);
    else log.out(formatDiff(result));
    return result.identical ? 0 : 1;
  },
};
