// `pyhermetic store push --remote URL [--store DIR] [--json]`
import { stat } from 'node:fs/promises';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';
import { STORE_OPTION } from './store-option.js';

export const storePushCommand = defineCommand({
  name: 'store push',
  summary: 'Upload what the local store holds (verified first) to the shared remote store',
  options: {
    remote: { ...REMOTE_OPTIONS.remote, required: true },
    store: { ...STORE_OPTION, description: 'the local store to upload' },
    'strict-keys': REMOTE_OPTIONS['strict-keys'],
  },
  json: '{"remote", "entries": [{type, key, result}], "blobs": [{sha256, result}]}',
  details: `Every entry and blob is verified in the local store before it is sent; an entry's blobs go first and
its manifest last, so nobody reads a half-uploaded entry. What the remote already holds is left alone.
Pushing is publishing: no --publish is needed. With PYHERMETIC_STORE_SIGNING_KEY every entry is signed
(an entry of the same bytes the remote already holds gets its signature when it has none); with
PYHERMETIC_TRUSTED_KEYS set, a push without a signing key is refused.`,
  exitCodes:
    '0 pushed · 2 no remote, or trusted keys without a signing key · 3 a corrupt local entry (run `pyhermetic store verify --repair`), or the remote refused or failed',
  async run({ values, json }) {
    if (!stringOption(values, 'remote') && !process.env.PYHERMETIC_REMOTE)
      throw new UsageError('store push needs --remote URL (or PYHERMETIC_REMOTE)', `usage: pyhermetic ${this.usage}`);
    const remote = (await remoteFromOptions({ ...values, publish: true }))!;
    const { Store } = await import('../core/store/store.js');
    const { localContents } = await import('../core/store/remote.js');
    const store = await Store.open(stringOption(values, 'store'), {
      onSweep: (p) => log.info(`swept ${p.length} leftover temp(s) of killed runs`),
    });
    const { entries, blobs } = await localContents(store);
    const doneEntries: { type: string; key: string; result: string }[] = [];
    for (const [type, key] of entries) {
      const entry = await store.entry(type, key); // throws CorruptEntryError: a bad entry is never pushed
      if (!entry) continue;
      const result = await remote.publishEntry(entry, type, key);
      log.info(`${type}/${key}: ${result}`);
      doneEntries.push({ type, key, result });
    }
    const doneBlobs: { sha256: string; result: string }[] = [];
    for (const sha256 of blobs) {
      const path = await store.blob(sha256);
      if (!path) continue;
      const { size } = await stat(path);
      const result = await remote.publishBlob(path, sha256, size);
      log.info(`blob ${sha256}: ${result}`);
      doneBlobs.push({ sha256, result });
    }
    if (json) printJson({ remote: remote.shown, entries: doneEntries, blobs: doneBlobs });
    else
      log.out(
        `${remote.shown}: ${doneEntries.filter((e) => e.result === 'published').length} of ${doneEntries.length} entries and ${doneBlobs.filter((b) => b.result === 'created').length} of ${doneBlobs.length} blobs uploaded (the rest were there)`,
      );
    return 0;
  },
});
