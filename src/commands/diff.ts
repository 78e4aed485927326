// `pyhermetic diff A B [--json]`
import * as log from '../shared/log.js';
import { defineCommand, printJson } from './command.js';

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Show what changed between two packages, or a package and an env (interpreter, distributions, files)',
  positionals: [
    {
      name: 'A',
      description: 'a package (.tar.gz made by `pyhermetic pack`), an env directory or an extracted package',
    },
    { name: 'B', description: 'the same kinds as A' },
  ],
  options: {},
  json: '{"identical", "interpreter", "distributions": {added, removed, changed}, "files": {added, removed, changed}, "notes"}',
  details: `An env is hashed the way pack would pack it (pyc policy, launchers), so a package and the env it was made
from are identical.`,
  exitCodes: '0 identical · 1 different · 2 bad input',
  async run({ positionals, json }) {
    const { diffArtifacts, formatDiff } = await import('../core/package/diff.js');
    const result = await diffArtifacts(positionals[0]!, positionals[1]!);
    if (json) printJson(result);
    else log.out(formatDiff(result));
    return result.identical ? 0 : 1;
  },
});
