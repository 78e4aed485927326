// The shape of the Jenkins step table (step-table.ts) and the parameters every step shares: rerun and
// archive, and the credential ids the Groovy binds with withCredentials.

export type ParamType = 'string' | 'boolean' | 'number' | 'list' | 'map';

/** A value after validation: strings stay strings, lists are lists of strings, maps hold strings. */
export type ParamValue = string | number | boolean | string[] | Record<string, string>;

/** Parameter values by name, after defaults and validation; an absent key is "not given". */
export type StepValues = Record<string, ParamValue | undefined>;

export interface StepParam {
  /** The key in the Jenkinsfile's map: `indexUrls`. */
  name: string;
  type: ParamType;
  /** Used when the key is left out: a constant, or computed from the other values (then give defaultText). */
  default?: ParamValue | ((values: StepValues) => ParamValue | undefined);
  /** How the docs show the default when it is computed or is the command's own. */
  defaultText?: string;
  required?: boolean;
  /** One line for the docs. */
  description: string;
  /**
   * The command's option it becomes, without `--`: a string, number or list item is passed as one word
   * `--option=value` (so a value starting with a dash stays a value); a true boolean as `--option`;
   * a map entry as `--option=KEY=VALUE`. Without it the parameter belongs to the step, not the command.
   */
  option?: string;
  /** Environment variables the Groovy binds from Jenkins credentials when this key is given. */
  credentialVariables?: string[];
  /** Which withCredentials binding those variables come from (the Groovy builds it from the result file). */
  credentialKind?: 'usernamePassword' | 'string' | 'file';
  /** A list given to the command as its positional arguments (after `--`, so none is read as an option). */
  positional?: boolean;
}

/**
 * What a step publishes, as templates over its values: `{report}/junit.xml`. An entry that names a
 * parameter without a value is left out. Paths are relative to the step's directory (or absolute).
 */
export interface StepPublish {
  junit?: string[];
  html?: { dir: string; file: string };
  archive?: string[];
  /** A summary.md whose first lines become the message of a run with findings. */
  summary?: string;
  /** SARIF files published as issues with Warnings NG (recordIssues); archived too when listed in `archive`. */
  sarif?: { pattern: string; id: string; name: string }[];
}

/** A Jenkins-only default computed from the other values, with the text the docs show for it. */
export interface ComputedDefault {
  compute: (values: StepValues) => ParamValue | undefined;
  text: string;
}

/**
 * One row of the step table: the command a step runs and only what is Jenkins' own. The parameters are
 * derived from the command's option declaration (src/shared/cli-spec.ts): one per option, named as its
 * camelCase (`glibc-max` → `glibcMax`), typed by it, described by it; a secret option gets no parameter
 * (its value comes from credentials through the environment).
 */
export interface StepRow {
  /** `pipeline` for `pyhermetic(...)`, else the method: `pyhermetic.verify(...)`. */
  name: string;
  /** The command's words: `['interpreter', 'build']`. */
  command: string[];
  /** Parameters named otherwise than the option's camelCase: option → parameter (`index-url` → `indexUrls`). */
  rename?: Record<string, string>;
  /**
   * Jenkins-only defaults by parameter: a step writes its files where it can publish them. A constant default
   * also makes the parameter required (an explicit null is refused: there would be nothing to publish).
   */
  defaults?: Record<string, ParamValue | ComputedDefault>;
  /** Parameters a step requires though its command does not (a Jenkinsfile must be explicit). */
  required?: string[];
  /** Jenkins credentials the step binds (withCredentials): parameters with no option. */
  credentials?: StepParam[];
  publish: StepPublish;
  examples: string[];
}

/** A step with its parameters derived (step-table.ts, resolveSteps). */
export interface JenkinsStep extends StepRow {
  /** The command's summary. */
  summary: string;
  /** The step's own parameters: one per option of the command, then the credentials; the remote store's last. */
  params: StepParam[];
}

/** How the step is written in a Jenkinsfile: `pyhermetic(...)` or `pyhermetic.lock(...)`. */
export function stepTitle(step: string): string {
  return step === 'pipeline' ? 'pyhermetic(...)' : `pyhermetic.${step}(...)`;
}

/** Parameters every step takes (after its own). */
export function commonParams(step: string): StepParam[] {
  return [
    {
      name: 'rerun',
      type: 'string',
      default: `.pyhermetic/${step}/rerun.sh`,
      defaultText: '`.pyhermetic/<step>/rerun.sh`',
      description:
        "Where to write rerun.sh, the same command for the agent's shell. Give each call its own path when a build calls a step twice.",
    },
    {
      name: 'archive',
      type: 'boolean',
      default: true,
      description: '`false` skips `archiveArtifacts` (reports are still published).',
    },
  ];
}

/**
 * Credential parameters: the Groovy wraps the step in `withCredentials` binding these variables; the
 * runner gets only the id (not a secret), and rerun.sh names the variables instead of holding values.
 * A step that needs one lists the row in its params.
 */
export const CREDENTIAL_PARAMS = {
  credentialsId: {
    name: 'credentialsId',
    type: 'string',
    description:
      'Jenkins username/password credentials, bound to PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD.',
    credentialVariables: ['PYHERMETIC_REMOTE_USER', 'PYHERMETIC_REMOTE_PASSWORD'],
    credentialKind: 'usernamePassword',
  },
  tokenCredentialsId: {
    name: 'tokenCredentialsId',
    type: 'string',
    description: 'Jenkins secret text credentials, bound to PYHERMETIC_REMOTE_TOKEN.',
    credentialVariables: ['PYHERMETIC_REMOTE_TOKEN'],
    credentialKind: 'string',
  },
  signingKeyCredentialsId: {
    name: 'signingKeyCredentialsId',
    type: 'string',
    description: 'Jenkins secret file credentials (a private key), bound to PYHERMETIC_SIGNING_KEY.',
    credentialVariables: ['PYHERMETIC_SIGNING_KEY'],
    credentialKind: 'file',
  },
  storeSigningKeyCredentialsId: {
    name: 'storeSigningKeyCredentialsId',
    type: 'string',
    description:
      'Jenkins secret file credentials (a private key), bound to PYHERMETIC_STORE_SIGNING_KEY: what `publish` uploads to the remote store is signed with it.',
    credentialVariables: ['PYHERMETIC_STORE_SIGNING_KEY'],
    credentialKind: 'file',
  },
} satisfies Record<string, StepParam>;

/**
 * The credentials of the shared remote store (docs/remote-store.md), on every step whose command takes
 * `--remote`: reading is the default; writing is a decision (`publish`), so pull-request builds can read
 * without poisoning.
 */
export const REMOTE_CREDENTIALS: StepParam[] = [
  CREDENTIAL_PARAMS.credentialsId,
  CREDENTIAL_PARAMS.tokenCredentialsId,
  CREDENTIAL_PARAMS.storeSigningKeyCredentialsId,
];
