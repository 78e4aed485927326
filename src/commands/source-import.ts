// `pyhermetic source import FILE [--sha256 HEX] [--store DIR] [--json]`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';
import { STORE_OPTION } from './store-option.js';

export const sourceImportCommand = defineCommand({
  name: 'source import',
  summary: 'Store a local source tarball by its sha256 (offline mirrors, air-gapped agents)',
  positionals: [{ name: 'FILE', description: 'the source tarball (CPython, OpenSSL, …)' }],
  options: {
    sha256: {
      type: 'string',
      value: 'HEX',
      description: 'refuse the file unless it has this sha256 (nothing is stored then)',
    },
    store: STORE_OPTION,
    ...REMOTE_OPTIONS,
  },
  json: '{"sha256", "size", "path", "existed"} (+ "published" with --remote --publish)',
  details: `\`interpreter build\` looks the spec's source.sha256 up in the store before it tries any URL, so an
imported tarball makes a build work without network.`,
  exitCodes: '0 stored (or already there) · 2 a wrong --sha256, no such file · 3 the store or the remote failed',
  async run({ values, positionals, json }) {
    const expected = stringOption(values, 'sha256');
    if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) {
      throw new UsageError(`--sha256 must be 64 lowercase hex digits, got '${expected}'`);
    }
    const { Store } = await import('../core/store/store.js');
    const { importSource } = await import('../core/interpreter/source.js');
    const store = await Store.open(stringOption(values, 'store'), {
      onSweep: (p) => log.info(`swept ${p.length} leftover temp(s) of killed runs`),
    });
    const remote = await remoteFromOptions(values);
    const r = await importSource(store, positionals[0]!, expected);
    // Published from the verified copy in the store, so the remote gets exactly what was imported.
    const published = remote?.publish ? await remote.publishBlob(r.path, r.sha256, r.size) : undefined;
    if (json) printJson({ sha256: r.sha256, size: r.size, path: r.path, existed: r.existed, published });
    else {
      log.out(`${r.existed ? 'already stored' : 'stored'} ${r.sha256} (${r.size} bytes) at ${r.path}`);
      if (published) log.out(`${published === 'created' ? 'published to' : 'already on'} ${remote!.shown}`);
    }
    return 0;
  },
});
