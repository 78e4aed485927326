// Sharding a pytest suite across agents: a small pytest plugin, loaded with `-p`, keeps the tests
// whose node id falls in this shard and writes which ones it kept. The split is by a stable hash of
// the node id (sha256 mod N), so every agent computes the same split without talking to the others,
// each test lands in exactly one shard, and the union of the shards is the unsharded run. The plugin
// runs after pytest's own selection (-k, -m), so a shard is a slice of exactly what would have run.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The module name the plugin is loaded as (`-p`); a leading underscore keeps it out of the app's way. */
export const SHARD_PLUGIN_MODULE = '_pyhermetic_shard';

const PLUGIN_SOURCE = `# Written by pyhermetic test: keeps this shard's tests (sha256 of the node id mod N) and records them.
import hashlib
import json
import os

import pytest


def _shard_of(nodeid, count):
    return int(hashlib.sha256(nodeid.encode("utf-8")).hexdigest(), 16) % count


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    index, count = (int(x) for x in os.environ["PYHERMETIC_SHARD"].split("/"))
    keep = [i for i in items if _shard_of(i.nodeid, count) == index - 1]
    drop = [i for i in items if _shard_of(i.nodeid, count) != index - 1]
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep
    with open(os.environ["PYHERMETIC_SHARD_OUT"], "w", encoding="utf-8") as out:
        json.dump({"collected": len(keep) + len(drop), "selected": [i.nodeid for i in keep]}, out)
`;

/** Which shard (0-based) a node id belongs to: the same function as the plugin's. */
export function shardOf(nodeid: string, count: number): number {
  const digest = createHash('sha256').update(nodeid, 'utf8').digest('hex');
  return Number(BigInt(`0x${digest}`) % BigInt(count));
}

/** Writes the plugin into `dir` (a directory of its own, put on PYTHONPATH for the test run). */
export async function writeShardPlugin(dir: string): Promise<void> {
  await writeFile(join(dir, `${SHARD_PLUGIN_MODULE}.py`), PLUGIN_SOURCE);
}
