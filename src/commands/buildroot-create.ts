// `pyhermetic buildroot create --suite bullseye --out DIR [--store DIR] [--mirror URL] [--cache-dir DIR] [--json]`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { BUILD_PACKAGES, createBuildRoot } from '../core/interpreter/buildroot-create.js';
import { Store } from '../core/store/store.js';
import { printJson, stringOption, type Command } from './command.js';

export const buildrootCreateCommand: Command = {
  name: 'buildroot create',
  summary: 'Make a pinned Debian build root (debootstrap), its buildroot.lock, and store it by sha256',
  usage:
    'buildroot create --suite SUITE --out DIR [--store DIR] [--mirror URL] [--cache-dir DIR] [--keep-tree | --from-tree DIR] [--json]',
  help: `options:
  --suite SUITE     the Debian suite, e.g. bullseye (Debian 11, glibc 2.31: the artifacts' glibc floor)
  --out DIR         writes DIR/buildroot.tar.gz (deterministic) and DIR/buildroot.lock
  --store DIR       the store the tarball is imported into (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)
  --mirror URL      the Debian archive (default: the one apt on this machine is configured with)
  --cache-dir DIR   debootstrap's .deb cache: downloads are reused by the next create
  --keep-tree       keep the debootstrapped tree in DIR/rootfs
  --from-tree DIR   pack a tree debootstrap already made (its .debs in --cache-dir) instead of running it
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
