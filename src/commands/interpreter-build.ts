// `pyhermetic interpreter build --spec python.json [--store DIR] [--out DIR] [--json]`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { buildInterpreter } from '../core/interpreter/interpreter.js';
import { loadSpec } from '../core/interpreter/spec.js';
import { Store } from '../core/store/store.js';
import { printJson, stringOption, type Command } from './command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';

export const interpreterBuildCommand: Command = {
  name: 'interpreter build',
  summary: 'Build (or find in the store) the CPython interpreter artifact a python.json spec describes',
  usage: 'interpreter build --spec python.json [--store DIR] [--out DIR] [--remote URL [--publish]] [--json]',
  help: `options:
  --spec FILE   the interpreter spec (python.json): name, version, source {sha256, urls},
                configure {shared, args}, requireModules, and optionally buildRoot {sha256, urls}
  --store DIR   the store (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)
  --out DIR     also write DIR/interpreter.tar.gz and DIR/interpreter.json (atomically)
${REMOTE_HELP}
  --json        print {"key", "fingerprint", "artifact", "sha256", "cached", "from", "buildRoot"}; "from" is
                "local" (this store), "remote" (fetched from --remote) or "build"

The build key is the sha256 of the canonical spec and this host's compiler, glibc and machine; the
same spec on the same kind of host is a store hit and builds nothing. With buildRoot the build runs
inside that root (see \`pyhermetic buildroot create\`, docs/build-root.md) and the key takes the
root's sha256 instead of the host's compiler and glibc. The source comes from the store
(see \`pyhermetic source import\`) or the spec's URLs, verified against source.sha256.

exit codes: 2 bad spec or options · 3 source unreachable or wrong, compile failure, missing module,
corrupt store entry (run \`pyhermetic store verify --repair\`), the remote store failed or served
bad bytes (nothing is stored then)`,
  options: { spec: { type: 'string' }, store: { type: 'string' }, out: { type: 'string' }, ...REMOTE_OPTIONS },
  async run({ values, json }) {
    const specFile = stringOption(values, 'spec');
    if (!specFile)
      throw new UsageError('interpreter build needs --spec python.json', `usage: pyhermetic ${this.usage}`);
    const spec = await loadSpec(specFile);
    const store = await Store.open(stringOption(values, 'store'), {
      onSweep: (p) => log.info(`swept ${p.length} leftover temp(s) of killed runs: ${p.join(', ')}`),
    });
    const remote = await remoteFromOptions(values);
    const r = await buildInterpreter(store, spec, { outDir: stringOption(values, 'out'), remote });
    if (json) {
      printJson({
        key: r.key,
        fingerprint: r.fingerprint,
        artifact: r.artifact,
        sha256: r.sha256,
        cached: r.cached,
        from: r.from,
        ...(remote ? { remote: remote.shown, published: r.published ?? null } : {}),
        buildRoot: r.manifest.buildRoot ?? null,
      });
    } else {
      log.out(
        [
          `${{ local: 'store hit', remote: `fetched from ${remote?.shown}`, build: 'built' }[r.from]}: ${r.artifact}`,
          `  sha256       ${r.sha256}`,
          `  fingerprint  ${r.fingerprint}`,
          `  spec sha256  ${r.specSha256}`,
          `  build key    ${r.key}`,
          r.manifest.buildRoot
            ? `  build root   ${r.manifest.buildRoot.sha256} (${r.manifest.buildRoot.suite ?? 'unknown suite'}, glibc ${r.manifest.buildRoot.glibc})`
            : '  build root   none (built on the host)',
        ].join('\n'),
      );
    }
    return 0;
  },
};
