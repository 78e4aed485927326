// The file hasher (worker thread for long lists, the calling thread for short ones) against sha256sum,
// and hashTree on a tree big enough to use the worker, against the writer's own records.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { hashTree, writeDeterministicTarGz } from '../../../../src/core/archive/archive.js';
import { hashFiles, WORKER_MIN_FILES } from '../../../../src/core/archive/file-hasher.js';
import { tempDir } from '../../../helpers/runner.js';

/** sha256sum's answer for each path, in order. */
async function sha256sum(paths: string[]): Promise<string[]> {
  const out = String((await execa('sha256sum', ['--', ...paths])).stdout);
  return out.split('\n').map((l) => l.slice(0, 64));
}

describe('file hasher', () => {
  const root = tempDir('hasher-');
  // The first few: empty, small, exactly one buffer (1 MiB), one byte more, several buffers; then small ones.
  const edges = [0, 1, 4096, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 17];
  const sizeOf = (i: number): number => edges[i] ?? (i * 37) % 5000;
  const many: string[] = [];
  before(() => {
    mkdirSync(join(root, 'many'));
    for (let i = 0; i < WORKER_MIN_FILES + 50; i++) {
      const p = join(root, 'many', `f${i}`);
      writeFileSync(p, randomBytes(sizeOf(i)));
      many.push(p);
    }
  });

  it('short and long lists (calling thread, worker) give sha256sum’s hashes and the sizes, in order', async () => {
    for (const list of [many.slice(0, 12), many]) {
      const got = await hashFiles(list);
      assert.deepEqual(
        got.map((h) => h.sha256),
        await sha256sum(list),
      );
      assert.deepEqual(
        got.map((h) => h.size),
        list.map((_, i) => sizeOf(i)),
      );
    }
  });

  it('a symlink in the list is refused (ELOOP, never followed) by both, naming the path', async () => {
    const link = join(root, 'link');
    symlinkSync(many[0]!, link);
    for (const list of [[link], [...many, link]]) {
      await assert.rejects(hashFiles(list), (err: NodeJS.ErrnoException) => {
        assert.equal(err.code, 'ELOOP');
        assert.equal(err.path, link);
        return true;
      });
    }
  });

  it('a missing file rejects with ENOENT naming it; the worker is gone afterwards (the run can end)', async () => {
    const gone = join(root, 'gone');
    await assert.rejects(hashFiles([...many, gone]), (err: NodeJS.ErrnoException) => {
      assert.equal(err.code, 'ENOENT');
      assert.equal(err.path, gone);
      return true;
    });
  });

  it('hashTree of a tree hashed off the main thread equals what the writer records', async () => {
    const tree = join(root, 'many');
    mkdirSync(join(tree, 'bin'));
    writeFileSync(join(tree, 'bin', 'tool'), '#!/bin/sh\n');
    symlinkSync('f1', join(tree, 'alias'));
    const transform = (rel: string, c: Buffer): Buffer | undefined =>
      rel.startsWith('bin/') ? Buffer.concat([c, Buffer.from('# rewritten\n')]) : undefined;
    const written = await writeDeterministicTarGz(tree, join(root, 'many.tar.gz'), { transform });
    const mayTransform = (rel: string): boolean => rel.startsWith('bin/');
    assert.deepEqual(await hashTree(tree, { transform, mayTransform }), written.files);
    assert.deepEqual(
      await hashTree(tree, { transform }),
      written.files,
      'without mayTransform: every file on this thread',
    );
  });
});
