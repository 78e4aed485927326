// `pyhermetic env create --interpreter ARTIFACT_OR_DIR --lock FILE --dest DIR --index-url URL... [--cache-root DIR] [--allow-source NAME...] [--force]`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, listOption, printJson, stringOption } from './command.js';
import { withFindings } from './findings.js';
import { REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';

export const envCreateCommand = defineCommand({
  name: 'env create',
  summary: 'Create an environment: a copy of the interpreter prefix with the lock installed by hermetic pip',
  options: {
    interpreter: {
      type: 'string',
      value: 'X',
      required: true,
      description: 'interpreter.tar.gz (or its --out directory) or an installed prefix directory',
    },
    lock: {
      type: 'string',
      value: 'FILE',
      required: true,
      description: 'requirements.lock from `pyhermetic lock` (every line name==version --hash=sha256:…)',
    },
    dest: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'the env to create; must not exist (see --force)',
    },
    'index-url': {
      type: 'string',
      value: 'URL',
      repeatable: true,
      default: 'the index-url lines of the lock',
      description: 'PEP 503 index',
    },
    'cache-root': {
      type: 'string',
      value: 'DIR',
      default: '<store>/cache',
      description:
        'the pip cache root; pip uses DIR/pip/<fingerprint>, so one root serves every interpreter of an agent',
    },
    'allow-source': {
      type: 'string',
      value: 'NAME',
      repeatable: true,
      description: "NAME may be built from its sdist (the lock's allow-source lines count too)",
    },
    force: {
      type: 'boolean',
      description: 'replace an existing DEST (swapped out only after the new env is complete)',
    },
    remote: {
      ...REMOTE_OPTIONS.remote,
      description: `${REMOTE_OPTIONS.remote.description}; an allowed sdist whose wheel another agent with this interpreter fingerprint built and published is installed from that wheel, after the cache audit's checks (a wheel that fails them: exit 1, not installed)`,
    },
    publish: {
      ...REMOTE_OPTIONS.publish,
      description:
        'share the wheels built here from allowed sdists on the remote store, for this interpreter fingerprint',
    },
    'trusted-key': REMOTE_OPTIONS['trusted-key'],
    'strict-keys': REMOTE_OPTIONS['strict-keys'],
  },
  json: '{dest, fingerprint, cacheDir, pip, launchersRewritten, distributions: [{name, version}]}',
  details: `pip runs with its configuration neutralised (PIP_CONFIG_FILE=/dev/null, no inherited PIP_*, --isolated,
python -I), --require-hashes --no-deps --only-binary :all: --no-compile, then pip check. Console scripts get
a relative launcher so the tree can move. DEST/pyhermetic-env.json records the interpreter, the lock,
every distribution and its RECORD-verified file hashes.`,
  exitCodes:
    '0 created · 1 hash mismatch, no wheel, pip check or RECORD problem · 2 bad input (lock line without hash, DEST exists) · 3 index unreachable or pip failed',
  async run({ values, json }) {
    const interpreter = stringOption(values, 'interpreter');
    const lockFile = stringOption(values, 'lock');
    const dest = stringOption(values, 'dest');
    const missing = [!interpreter && '--interpreter', !lockFile && '--lock', !dest && '--dest'].filter(Boolean);
    if (missing.length)
      throw new UsageError(`env create needs ${missing.join(', ')}`, `usage: pyhermetic ${this.usage}`);
    const { createEnv } = await import('../core/deps/envs.js');
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
});
