// `--remote URL` and `--publish`, shared by every command that uses the store (one spread into a
// command's options, one call in run()). The environment gives the defaults: PYHERMETIC_REMOTE and
// PYHERMETIC_PUBLISH=1. Credentials only ever come from the environment.
import type { RemoteStore } from '../core/store/remote.js';
import type { OptionSpecs } from '../shared/cli-spec.js';
import { UsageError } from '../shared/errors.js';
import type { OptionValues } from './command.js';
import { stringOption } from './command.js';

export const REMOTE_OPTIONS = {
  remote: {
    type: 'string',
    value: 'URL',
    env: 'PYHERMETIC_REMOTE',
    description:
      'a shared remote store, read through: https://… (WebDAV: nginx, Apache), artifactory+https://… or nexus+https://…; credentials only from PYHERMETIC_REMOTE_TOKEN, PYHERMETIC_REMOTE_USER/PASSWORD or netrc (docs/remote-store.md)',
  },
  publish: {
    type: 'boolean',
    env: 'PYHERMETIC_PUBLISH',
    default: '$PYHERMETIC_PUBLISH=1',
    description: 'also upload to the remote store what it lacks; without it the remote is only read',
  },
} satisfies OptionSpecs;

/** The remote store the options name, or undefined when there is none. */
export async function remoteFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RemoteStore | undefined> {
  const spec = stringOption(values, 'remote') ?? (env[REMOTE_OPTIONS.remote.env] || undefined);
  const publishEnv = env[REMOTE_OPTIONS.publish.env];
  const publish = values.publish === true || publishEnv === '1' || publishEnv === 'true';
  if (!spec) {
    if (values.publish === true)
      throw new UsageError('--publish needs a remote store', 'pass --remote URL or set PYHERMETIC_REMOTE');
    return undefined;
  }
  // Loaded here, not at the top: the remote client is only evaluated by a run that uses a remote.
  const { RemoteStore } = await import('../core/store/remote.js');
  return RemoteStore.open(spec, { publish, env });
}
