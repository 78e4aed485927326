// Stage `env-test`: the test environment OUT/env-test, created from the interpreter artifact and the lock.
import { join } from 'node:path';
import { ENV_MANIFEST, type EnvManifest } from '../../core/model/manifests.js';
import { readOutputJson } from '../out-dir.js';
import type { Stage } from './stage.js';

export const envTestStage: Stage = {
  name: 'env-test',
  title: () => 'the test environment from the interpreter artifact and the lock',
  async run(run) {
    const { config, layout } = run;
    // --force only matters when this line is re-run by hand: the pipeline has cleared env-test already.
    const r = await run.runCommand('env-test', [
      'env',
      'create',
      '--interpreter',
      layout.interpreter,
      '--lock',
      config.lock,
      '--dest',
      layout.envTest,
      '--force',
      ...config.indexUrls.flatMap((u) => ['--index-url', u]),
      ...(run.cacheRoot ? ['--cache-root', run.cacheRoot] : []),
      ...config.allowSource.flatMap((n) => ['--allow-source', n]),
    ]);
    const env = await readOutputJson<EnvManifest>(join(layout.envTest, ENV_MANIFEST));
    run.found.env = env;
    const n = env?.distributions?.length;
    return { ...r, summary: n === undefined ? undefined : `${n} distributions installed` };
  },
};
