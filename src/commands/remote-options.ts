// `--remote URL` and `--publish`, shared by every command that uses the store (one spread into a
// command's options, one line of help, one call in run()). The environment gives the defaults:
// PYHERMETIC_REMOTE and PYHERMETIC_PUBLISH=1. Credentials only ever come from the environment.
import { UsageError } from '../shared/errors.js';
import { RemoteStore } from '../core/store/remote.js';
import type { OptionsConfig, OptionValues } from './command.js';
import { stringOption } from './command.js';

export const REMOTE_OPTIONS: OptionsConfig = {
  remote: { type: 'string' },
  publish: { type: 'boolean' },
};

export const REMOTE_HELP = `  --remote URL  a shared remote store, read through (default: $PYHERMETIC_REMOTE): https://… (WebDAV:
                nginx, Apache), artifactory+https://… or nexus+https://…; credentials only from
                PYHERMETIC_REMOTE_TOKEN or PYHERMETIC_REMOTE_USER/PASSWORD or netrc (docs/remote-store.md)
  --publish     also upload to the remote what it lacks (default: PYHERMETIC_PUBLISH=1); without it
                the remote is only read`;

/** The remote store the options name, or undefined when there is none. */
export async function remoteFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RemoteStore | undefined> {
  const spec = stringOption(values, 'remote') ?? (env.PYHERMETIC_REMOTE || undefined);
  const publish = values.publish === true || env.PYHERMETIC_PUBLISH === '1' || env.PYHERMETIC_PUBLISH === 'true';
  if (!spec) {
    if (values.publish === true)
      throw new UsageError('--publish needs a remote store', 'pass --remote URL or set PYHERMETIC_REMOTE');
    return undefined;
  }
  return RemoteStore.open(spec, { publish, env });
}
