// The environment variables the runner reads that are not an option's default (those are declared with
// their option: src/shared/cli-spec.ts, `env`). docs/commands.md lists both.

export interface EnvironmentVariable {
  name: string;
  /** Holds a secret: only ever set from credentials, never written to rerun.sh or a log. */
  secret?: boolean;
  /** Who reads it. */
  usedBy: string;
  description: string;
}

export const ENVIRONMENT: EnvironmentVariable[] = [
  {
    name: 'PYHERMETIC_REMOTE_TOKEN',
    secret: true,
    usedBy: 'every command with --remote',
    description: 'a bearer token for the remote store',
  },
  {
    name: 'PYHERMETIC_REMOTE_USER',
    secret: true,
    usedBy: 'every command with --remote',
    description: 'user name for the remote store (Basic authentication, with PYHERMETIC_REMOTE_PASSWORD)',
  },
  {
    name: 'PYHERMETIC_REMOTE_PASSWORD',
    secret: true,
    usedBy: 'every command with --remote',
    description: 'password for the remote store (Basic authentication, with PYHERMETIC_REMOTE_USER)',
  },
  {
    name: 'NETRC',
    usedBy: 'every command with --remote',
    description: "the netrc file with the remote store's credentials when no variable above is set (default ~/.netrc)",
  },
  {
    name: 'PYHERMETIC_REMOTE_TIMEOUT',
    usedBy: 'every command with --remote',
    description: 'seconds (default 30): no answer, or fewer than 1 KiB in that window, is a stall',
  },
  {
    name: 'PYHERMETIC_REMOTE_RETRIES',
    usedBy: 'every command with --remote',
    description: 'retries of a 5xx or a broken connection (default 3)',
  },
  {
    name: 'PYHERMETIC_SANDBOX',
    usedBy: 'interpreter build',
    description:
      'chroot or bwrap: forces how a build enters its build root (default: chroot when running as root and unshare -m works, else bwrap)',
  },
  ...['JOB_URL', 'BUILD_URL', 'BUILD_TAG'].map((name) => ({
    name,
    usedBy: 'attest, pipeline',
    description:
      "set by Jenkins: JOB_URL becomes the provenance's builder.id, BUILD_URL (else BUILD_TAG) its invocationId",
  })),
  {
    name: 'NO_COLOR',
    usedBy: 'every command',
    description: 'set: no colours on stderr (neither when stderr is not a terminal)',
  },
];
