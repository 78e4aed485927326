// `pyhermetic buildroot create --suite bullseye --out DIR [--store DIR] [--mirror URL] [--cache-dir DIR] [--json]`
import { stat } from 'node:fs/promises';
import { BUILD_PACKAGES } from '../core/interpreter/build-packages.js';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';
import { STORE_OPTION } from './store-option.js';

export const buildrootCreateCommand = defineCommand({
  name: 'buildroot create',
  summary: 'Make a pinned Debian build root (debootstrap), its buildroot.lock, and store it by sha256',
  options: {
    suite: {
      type: 'string',
      value: 'SUITE',
      required: true,
      description: "the Debian suite, e.g. bullseye (Debian 11, glibc 2.31: the artifacts' glibc floor)",
    },
    out: {
      type: 'string',
      value: 'DIR',
      required: true,
      description: 'writes DIR/buildroot.tar.gz (deterministic) and DIR/buildroot.lock',
    },
    store: { ...STORE_OPTION, description: 'the store the tarball is imported into' },
    mirror: {
      type: 'string',
      value: 'URL',
      default: 'the one apt on this machine is configured with',
      description: 'the Debian archive (http(s):// or file://)',
    },
    'cache-dir': {
      type: 'string',
      value: 'DIR',
      description: "debootstrap's .deb cache: downloads are reused by the next create",
    },
    'keep-tree': { type: 'boolean', description: 'keep the debootstrapped tree in DIR/rootfs' },
    'from-tree': {
      type: 'string',
      value: 'DIR',
      description: 'pack a tree debootstrap already made (its .debs in --cache-dir) instead of running it',
    },
    ...REMOTE_OPTIONS,
    publish: {
      ...REMOTE_OPTIONS.publish,
      description:
        "upload the root's tarball and its lock to the remote store: builds that name the root then fetch it on every agent",
    },
  },
  json: '{"sha256", "artifact", "lock"}',
  details: `The root is debootstrap --variant=minbase plus: ${BUILD_PACKAGES.join(', ')}.
Name it in python.json as "buildRoot": {"sha256": "<sha256>", "urls": ["file:///…/buildroot.tar.gz"]}.
Runs as root (debootstrap gives files to several users and groups); builds that use the root need
no root: they enter it with bubblewrap.`,
  exitCodes:
    '0 made and stored · 2 unknown suite or bad options · 3 debootstrap missing or failing, not root, a .deb missing for the lock',
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
    const { checkSuite, createBuildRoot, debootstrapProgram, LOCK_ENTRY_TYPE } = await import(
      '../core/interpreter/buildroot-create.js'
    );
    // Before the store and --out are created: a run that cannot debootstrap (not root) leaves nothing.
    if (!fromTree) {
      await checkSuite(suite);
      await debootstrapProgram();
    }
    const remote = await remoteFromOptions(values);
    const { Store } = await import('../core/store/store.js');
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
});
