// `pyhermetic interpreter build --spec python.json [--store DIR] [--out DIR] [--json]`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';
import { STORE_OPTION } from './store-option.js';

export const interpreterBuildCommand = defineCommand({
  name: 'interpreter build',
  summary: 'Build (or find in the store) the CPython interpreter artifact a python.json spec describes',
  options: {
    spec: {
      type: 'string',
      value: 'FILE',
      required: true,
      description:
        'the interpreter spec (python.json): name, version, source {sha256, urls}, configure {shared, args}, requireModules, and optionally buildRoot {sha256, urls}',
    },
    store: STORE_OPTION,
    out: {
      type: 'string',
      value: 'DIR',
      description: 'also write DIR/interpreter.tar.gz and DIR/interpreter.json (atomically)',
    },
    ...REMOTE_OPTIONS,
  },
  json: '{"key", "fingerprint", "artifact", "sha256", "cached", "from", "buildRoot"} (+ "remote", "published" with --remote); "from" is "local" (this store), "remote" (fetched from --remote) or "build"',
  details: `The build key is the sha256 of the canonical spec and this host's compiler, glibc and machine; the
same spec on the same kind of host is a store hit and builds nothing. With buildRoot the build runs
inside that root (see \`pyhermetic buildroot create\`, docs/build-root.md) and the key takes the
root's sha256 instead of the host's compiler and glibc. The source comes from the store
(see \`pyhermetic source import\`) or the spec's URLs, verified against source.sha256.`,
  exitCodes: `0 built or found · 2 bad spec or options · 3 source unreachable or wrong, compile failure, missing module, corrupt store entry (run \`pyhermetic store verify --repair\`), the remote store failed or served bad bytes (nothing is stored then)`,
  async run({ values, json }) {
    const specFile = stringOption(values, 'spec');
    if (!specFile)
      throw new UsageError('interpreter build needs --spec python.json', `usage: pyhermetic ${this.usage}`);
    const { loadSpec } = await import('../core/interpreter/spec.js');
    const { Store } = await import('../core/store/store.js');
    const { buildInterpreter } = await import('../core/interpreter/interpreter.js');
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
});
