// `pyhermetic env create --interpreter ARTIFACT_OR_DIR --lock FILE --dest DIR --index-url URL... [--cache-root DIR] [--allow-source NAME...] [--force]`
import { UsageError } from '../shared/errors.js';
import { createEnv } from '../core/deps/envs.js';
import * as log from '../shared/log.js';
import { listOption, printJson, stringOption, type Command } from './command.js';
import { withFindings } from './findings.js';
import { REMOTE_HELP, REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';

export const envCreateCommand: Command = {
  name: 'env create',
  summary: 'Create an environment: a copy of the interpreter prefix with the lock installed by hermetic pip',
  usage:
    'env create --interpreter ARTIFACT_OR_DIR --lock FILE --dest DIR --index-url URL... [--cache-root DIR] [--allow-source NAME...] [--force] [--remote URL [--publish]] [--json]',
  help: `options:
  --interpreter X          interpreter.tar.gz (or its --out directory) or an installed prefix directory
  --lock FILE              requirements.lock from \`pyhermetic lock\` (every line name==version --hash=sha256:…)
  --dest DIR               the env to create; must not exist (see --force)
  --index-url URL          PEP 503 index, repeatable (default: the index-url lines of the lock)
  --cache-root DIR         pip cache root (default <store>/cache); pip uses DIR/pip/<fingerprint>
  --allow-source NAME      NAME may be built from its sdist; repeatable (the lock's allow-source lines count too)
  --force                  replace an existing DEST (swapped out only after the new env is complete)
${REMOTE_HELP}
                With --remote, an allowed sdist whose wheel another agent with this interpreter
                fingerprint built and published is installed from that wheel, after the cache
                audit's checks (a wheel that fails them: exit 1, not installed); with --publish,
                wheels built here from allowed sdists are shared the same way.
  --json                   print {dest, fingerprint, cacheDir, pip, launchersRewritten, distributions: [{name, version}]}

pip runs with its configuration neutralised (PIP_CONFIG_FILE=/dev/null, no inherited PIP_*, --isolated,
python -I), --require-hashes --no-deps --only-binary :all: --no-compile, then pip check. Console scripts get
a relative launcher so the tree can move. DEST/pyhermetic-env.json records the interpreter, the lock,
every distribution and its RECORD-verified file hashes.
Exit codes: 0 created · 1 hash mismatch, no wheel, pip check or RECORD problem · 2 bad input (lock line
without hash, DEST exists) · 3 index unreachable or pip failed.`,
  options: {
    interpreter: { type: 'string' },
    lock: { type: 'string' },
    dest: { type: 'string' },
    'index-url': { type: 'string', multiple: true },
    'cache-root': { type: 'string' },
    'allow-source': { type: 'string', multiple: true },
    force: { type: 'boolean' },
    ...REMOTE_OPTIONS,
  },
  async run({ values, json }) {
    const interpreter = stringOption(values, 'interpreter');
    const lockFile = stringOption(values, 'lock');
    const dest = stringOption(values, 'dest');
    const missing = [!interpreter && '--interpreter', !lockFile && '--lock', !dest && '--dest'].filter(Boolean);
    if (missing.length)
      throw new UsageError(`env create needs ${missing.join(', ')}`, `usage: pyhermetic ${envCreateCommand.usage}`);
    return withFindings(json, async () => {
      const r = await createEnv({
        interpreter: interpreter!,
        lockFile: lockFile!,
        dest: dest!,
        indexUrls: listOption(values, 'index-url'),
        allowSource: listOption(values, 'allow-source'),
        cacheRoot: stringOption(values, 'cache-root'),
        force: values.force === true,
        remote: await remoteFromOptions(values),
      });
      if (json) {
        printJson({
          dest: r.dest,
          fingerprint: r.fingerprint,
          cacheDir: r.cacheDir,
          pip: r.manifest.pip.version,
          launchersRewritten: r.manifest.launchersRewritten ?? [],
          distributions: r.manifest.distributions.map((d) => ({ name: d.name, version: d.version })),
        });
      } else {
        log.info(
          `created ${r.dest}: ${r.manifest.distributions.length} distribution(s), interpreter ${r.fingerprint.slice(0, 16)}…, pip cache ${r.cacheDir}`,
        );
      }
      return 0;
    });
  },
};
