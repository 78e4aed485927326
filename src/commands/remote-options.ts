// `--remote URL`, `--publish`, `--trusted-key PUB.pem` and `--strict-keys`, shared by every command that
// uses the store (one spread into a command's options, one line of help, one call in run()). The
// environment gives the defaults: PYHERMETIC_REMOTE, PYHERMETIC_PUBLISH=1, PYHERMETIC_TRUSTED_KEYS.
// Credentials and the signing key only ever come from the environment. The URL is parsed once, here,
// into a RemoteTarget (remote-config.ts parseRemote, the one validator).
import { UsageError } from '../shared/errors.js';
import { parseRemote, type RemoteTarget } from '../core/store/remote-config.js';
import { RemoteStore } from '../core/store/remote.js';
import { httpSettings } from '../core/store/remote-http.js';
import type { OptionsConfig, OptionValues } from './command.js';
import { stringOption } from './command.js';
import { storeKeysFromOptions } from './store-keys.js';

export const REMOTE_OPTIONS: OptionsConfig = {
  remote: { type: 'string' },
  publish: { type: 'boolean' },
  'trusted-key': { type: 'string', multiple: true },
  'strict-keys': { type: 'boolean' },
};

export const REMOTE_HELP = `  --remote URL  a shared remote store, read through (default: $PYHERMETIC_REMOTE): https://… (WebDAV:
                nginx, Apache), artifactory+https://… or nexus+https://…; credentials only from
                PYHERMETIC_REMOTE_TOKEN or PYHERMETIC_REMOTE_USER/PASSWORD or netrc (docs/remote-store.md)
  --publish     also upload to the remote what it lacks (default: PYHERMETIC_PUBLISH=1); without it
                the remote is only read. Signed with $PYHERMETIC_STORE_SIGNING_KEY when it is set
  --trusted-key PUB.pem  take only remote entries signed by this key (repeatable; default:
                $PYHERMETIC_TRUSTED_KEYS, a:b); an unsigned entry or another key's is refused (exit 3)
  --strict-keys a private key readable by group or others is an error (default: a warning)`;

/** The remote the options (or PYHERMETIC_REMOTE) name, parsed; undefined when there is none. */
export function remoteTargetFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv = process.env,
): RemoteTarget | undefined {
  const given = stringOption(values, 'remote');
  const spec = given ?? (env.PYHERMETIC_REMOTE || undefined);
  return spec ? parseRemote(spec, given !== undefined ? '--remote' : 'PYHERMETIC_REMOTE') : undefined;
}

/** The remote store the options name (or `target`, already parsed), or undefined when there is none. */
export async function remoteFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv = process.env,
  target: RemoteTarget | undefined = remoteTargetFromOptions(values, env),
): Promise<RemoteStore | undefined> {
  const publish = values.publish === true || env.PYHERMETIC_PUBLISH === '1' || env.PYHERMETIC_PUBLISH === 'true';
  if (!target) {
    if (values.publish === true)
      throw new UsageError('--publish needs a remote store', 'pass --remote URL or set PYHERMETIC_REMOTE');
    return undefined;
  }
  const keys = await storeKeysFromOptions(values, env, publish);
  return RemoteStore.open(target, { publish, env, keys });
}

/**
 * What a run that hands the remote to child steps checks up front, without opening a store: the
 * HTTP settings and the keys (files readable, the publish-needs-a-signing-key rule). Returns the
 * trusted keys' files, absolute, for the children's PYHERMETIC_TRUSTED_KEYS.
 */
export async function checkRemoteSettings(
  values: OptionValues,
  _target: RemoteTarget,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ trustedKeys: string[] }> {
  httpSettings(env);
  const publish = values.publish === true || env.PYHERMETIC_PUBLISH === '1' || env.PYHERMETIC_PUBLISH === 'true';
  const keys = await storeKeysFromOptions(values, env, publish);
  return { trustedKeys: keys.trusted.map((k) => k.path) };
}
