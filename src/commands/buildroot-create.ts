// `pyhermetic buildroot create --suite bullseye --out DIR [--store DIR] [--mirror URL] [--cache-dir DIR] [--json]`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { stat } from 'node:fs/promises';
import { BUILD_PACKAGES, createBuildRoot, LOCK_ENTRY_TYPE } from '../core/interpreter/buildroot-create.js';
import { Store } from '../core/store/store.js';
import { printJson, stringOption, type Command } from './command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';

export const buildrootCreateCommand: Command = {
  name: 'buildroot create',
  summary: 'Make a pinned Debian build root (debootstrap), its buildroot.lock, and store it by sha256',
  usage:
    'buildroot create --suite SUITE --out DIR [--store DIR] [--mirror URL] [--cache-dir DIR] [--keep-tree | --from-tree DIR] [--remote URL --publish] [--json]',
  help: `options:
  --suite SUITE     the Debian suite, e.g. bullseye (Debian 11, glibc 2.31: the artifacts' glibc floor)
  --out DIR         writes DIR/buildroot.tar.gz (deterministic) and DIR/buildroot.lock
  --store DIR       the store the tarball is imported into (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)
  --mirror URL      the Debian archive (default: the one apt on this machine is configured with)
  --cache-dir DIR   debootstrap's .deb cache: downloads are reused by the next create
  --keep-tree       keep the debootstrapped tree in DIR/rootfs
  --from-tree DIR   pack a tree debootstrap already made (its .debs in --cache-dir) instead of running it
${REMOTE_HELP}
                    (with --publish the root's tarball and its lock are uploaded; builds that name the
                    root then fetch it from the remote on every agent)
  --json            print {"sha256", "artifact", "lock"}

The root is debootstrap --variant=minbase plus: ${BUILD_PACKAGES.join(', ')}.
Name it in python.json as "buildRoot": {"sha256": "<sha256>", "urls": ["file:///…/buildroot.tar.gz"]}.
Runs as root (debootstrap gives files to several users and groups); builds that use the root need
no root: they enter it with bubblewrap.

exit codes: 2 unknown suite or bad options · 3 debootstrap missing or failing, not root, a .deb missing
for the lock`,
  options: {
    suite: { type: 'string' },
    out: { type: 'string' },
    store: { type: 'string' },
    mirror: { type: 'string' },
    'cache-dir': { type: 'string' },
    'keep-tree': { type: 'boolean' },
    'from-tree': { type: 'string' },
    ...REMOTE_OPTIONS,
  },
  async run({ values, json }) {
    const suite = stringOption(values, 'suite');
    const outDir = stringOption(values, 'out');
    if (!suite || !outDir)
      throw new UsageError('buildroot create needs --suite and --out', `usage: pyhermetic ${this.usage}`);
    const fromTree = stringOption(values, 'from-tree');
    if (fromTree && values['keep-tree'])
      throw new UsageError('--keep-tree and --from-tree exclude each other', 'give one of them');
    const mirror = stringOption(values, 'mirror');
    if (mirror !== undefined && !/^(https?|file):\/\//.test(mirror))
      throw new UsageError(`--mirror must be an http(s):// or file:// URL, got '${mirror}'`);
    const remote = await remoteFromOptions(values);
    const store = await Store.open(stringOption(values, 'store'), {
      onSweep: (p) => log.info(`swept ${p.length} leftover temp(s) of killed runs`),
    });
    const r = await createBuildRoot(store, {
      suite,
      outDir,
      mirror,
      cacheDir: stringOption(values, 'cache-dir'),
      keepTree: values['keep-tree'] === true,
      fromTree,
    });
    if (remote?.publish) {
      // The tarball as a blob, then the lock entry: a reader that finds the lock finds the root.
      const blob = (await store.blob(r.sha256))!;
      await remote.publishBlob(blob, r.sha256, (await stat(blob)).size);
      const lockEntry = await store.entry(LOCK_ENTRY_TYPE, r.sha256);
      if (lockEntry) await remote.publishEntry(lockEntry, LOCK_ENTRY_TYPE, r.sha256);
      log.info(`published build root ${r.sha256} to ${remote.shown}`);
    } else if (remote) log.info(`not published to ${remote.shown} (pass --publish to share the root)`);
    if (json) printJson({ sha256: r.sha256, artifact: r.artifact, lock: r.lock });
    else
      log.out(
        [
          `build root ${r.sha256}`,
          `  artifact  ${r.artifact}`,
          `  lock      ${r.lock} (${r.packages} packages)`,
          ...(r.tree ? [`  tree      ${r.tree}`] : []),
        ].join('\n'),
      );
    return 0;
  },
};
