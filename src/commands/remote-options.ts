// `--remote URL`, `--publish`, `--trusted-key PUB.pem` and `--strict-keys`, shared by every command that
// uses the store (one spread into a command's options, one call in run()). The environment gives the
// defaults: PYHERMETIC_REMOTE, PYHERMETIC_PUBLISH=1, PYHERMETIC_TRUSTED_KEYS, PYHERMETIC_STRICT_KEYS=1.
// Credentials and the signing key only ever come from the environment. The URL is parsed once, here,
// into a RemoteTarget (remote-config.ts parseRemote, the one validator), and that value is what the
// store client (and a pipeline's stages) get.
import type { RemoteTarget } from '../core/store/remote-config.js';
import type { RemoteStore } from '../core/store/remote.js';
import type { OptionSpecs } from '../shared/cli-spec.js';
import { UsageError } from '../shared/errors.js';
import type { OptionValues } from './command.js';
import { stringOption } from './command.js';
import { STRICT_KEYS_OPTION } from './key-options.js';

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
    description:
      'also upload to the remote store what it lacks, signed with $PYHERMETIC_STORE_SIGNING_KEY when set; without it the remote is only read',
  },
  'trusted-key': {
    type: 'string',
    value: 'PUB.pem',
    repeatable: true,
    env: 'PYHERMETIC_TRUSTED_KEYS',
    default: '$PYHERMETIC_TRUSTED_KEYS (a.pem:b.pem)',
    description:
      'take only remote entries signed by one of these public keys: an unsigned entry, or one signed by another key, is refused (exit 3)',
  },
  'strict-keys': STRICT_KEYS_OPTION,
} satisfies OptionSpecs;

/** The remote the options (or PYHERMETIC_REMOTE) name, parsed once; undefined when there is none. */
export async function remoteTargetFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RemoteTarget | undefined> {
  const given = stringOption(values, 'remote');
  const spec = given ?? (env[REMOTE_OPTIONS.remote.env] || undefined);
  if (!spec) return undefined;
  const { parseRemote } = await import('../core/store/remote-config.js');
  return parseRemote(spec, given !== undefined ? '--remote' : REMOTE_OPTIONS.remote.env);
}

function publishOf(values: OptionValues, env: NodeJS.ProcessEnv): boolean {
  const publishEnv = env[REMOTE_OPTIONS.publish.env];
  return values.publish === true || publishEnv === '1' || publishEnv === 'true';
}

/** The remote store the options name (or `target`, already parsed), or undefined when there is none. */
export async function remoteFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv = process.env,
  target?: RemoteTarget,
): Promise<RemoteStore | undefined> {
  const remote = target ?? (await remoteTargetFromOptions(values, env));
  if (!remote) {
    if (values.publish === true)
      throw new UsageError('--publish needs a remote store', 'pass --remote URL or set PYHERMETIC_REMOTE');
    return undefined;
  }
  const publish = publishOf(values, env);
  // Loaded here, not at the top: the remote client is only evaluated by a run that uses a remote.
  const { storeKeysFromOptions } = await import('./store-keys.js');
  const keys = await storeKeysFromOptions(values, env, publish);
  const { RemoteStore } = await import('../core/store/remote.js');
  return RemoteStore.open(remote, { publish, env, keys });
}

/**
 * What a run that hands the remote to child steps checks up front, without opening a store: the HTTP
 * settings and the keys (files readable, the publish-needs-a-signing-key rule). Returns the trusted
 * keys' files, absolute, for the children's PYHERMETIC_TRUSTED_KEYS.
 */
export async function checkRemoteSettings(
  values: OptionValues,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ trustedKeys: string[] }> {
  const { httpSettings } = await import('../core/store/remote-http.js');
  httpSettings(env);
  const { storeKeysFromOptions } = await import('./store-keys.js');
  const keys = await storeKeysFromOptions(values, env, publishOf(values, env));
  return { trustedKeys: keys.trusted.map((k) => k.path) };
}
