// Stage `interpreter`: build the interpreter from the spec into OUT/interpreter (or take it from the
// store, or the remote store, when the same build key is there).
import { join, relative } from 'node:path';
import { INTERPRETER_MANIFEST, type InterpreterManifest } from '../../core/model/manifests.js';
import { EXIT_ENVIRONMENT } from '../../shared/errors.js';
import { readOutputJson } from '../out-dir.js';
import { StageError } from './stage-error.js';
import type { Stage } from './stage.js';

export const interpreterStage: Stage = {
  name: 'interpreter',
  title: ({ cwd, config }) => `interpreter build from ${relative(cwd, config.spec) || config.spec} (or a store hit)`,
  async run(run) {
    const { config, layout } = run;
    const r = await run.runCommand('interpreter', [
      'interpreter',
      'build',
      '--spec',
      config.spec,
      '--out',
      layout.interpreter,
      ...run.storeArgs,
    ]);
    const interpreter = await readOutputJson<InterpreterManifest>(join(layout.interpreter, INTERPRETER_MANIFEST));
    run.found.interpreter = interpreter;
    if (!interpreter?.fingerprint)
      throw new StageError(`interpreter build wrote no ${INTERPRETER_MANIFEST}`, EXIT_ENVIRONMENT, [
        {
          path: layout.interpreter,
          message: `no readable ${INTERPRETER_MANIFEST}`,
          fix: 'report this: interpreter build exited 0 without writing its manifest',
        },
      ]);
    return {
      ...r,
      summary: `CPython ${interpreter.spec.version} (${interpreter.spec.configure.shared ? 'shared' : 'static'}), fingerprint ${interpreter.fingerprint}`,
    };
  },
};
