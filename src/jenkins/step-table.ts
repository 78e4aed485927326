// The Jenkins steps as data: every step of vars/pyhermetic.groovy names the command it runs and holds only
// what is Jenkins' own (renamed parameters, defaults that give a step something to publish, credentials,
// publish patterns, examples). Each parameter is derived from the command's option declaration
// (resolveSteps), so a new option is a new parameter with nothing written here. Validation
// (step-plan.ts), the command line, rerun.sh, what is published, vars/pyhermetic.txt and
// docs/jenkins-steps.md all come from the resolved steps; the Groovy knows none of it.
import { type CommandSpec, defaultText, type OptionSpec } from '../shared/cli-spec.js';
import { PROVENANCE_STEPS } from './provenance-steps.js';
import {
  CREDENTIAL_PARAMS,
  commonParams,
  type JenkinsStep,
  REMOTE_CREDENTIALS,
  type StepParam,
  type StepRow,
} from './step-params.js';

export * from './step-params.js';

/** `a/b/pyhermetic.json` → `a/b/`; `pyhermetic.json` → ``. */
function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

const INDEX = "'https://packages.example.internal/simple'";

export const STEP_ROWS: StepRow[] = [
  {
    name: 'pipeline',
    command: ['pipeline'],
    rename: { 'trusted-key': 'trustedKeys' },
    defaults: {
      config: 'pyhermetic.json',
      out: {
        compute: (v) => `${parentOf(String(v.config ?? ''))}.pyhermetic-out`,
        text: '`<config dir>/.pyhermetic-out`',
      },
    },
    credentials: [CREDENTIAL_PARAMS.signingKeyCredentialsId, ...REMOTE_CREDENTIALS],
    publish: {
      junit: ['{out}/report/junit.xml', '{out}/report/tests-junit.xml'],
      html: { dir: '{out}/report', file: 'report.html' },
      sarif: [{ pattern: '{out}/report/pins.sarif', id: 'pyhermetic-pins', name: 'pyhermetic: floating inputs' }],
      archive: ['{out}/report/**', '{out}/rerun.sh', '{out}/dist/*.tar.gz'],
      summary: '{out}/report/summary.md',
    },
    examples: [
      "pyhermetic(config: 'pyhermetic.json')",
      "pyhermetic(config: 'pyhermetic.json', remote: 'https://dav.example.internal/pyhermetic/', credentialsId: 'pyhermetic-store', publish: env.BRANCH_NAME == 'main')",
      "pyhermetic(config: 'pyhermetic.json', remote: 'https://dav.example.internal/pyhermetic/', credentialsId: 'pyhermetic-store', trustedKeys: ['ci/store-main.pub.pem'], publish: env.BRANCH_NAME == 'main', storeSigningKeyCredentialsId: env.BRANCH_NAME == 'main' ? 'pyhermetic-store-signing' : null)",
      "pyhermetic(config: 'services/api/pyhermetic.json', out: 'build/pyhermetic', store: '/var/cache/pyhermetic')",
    ],
  },
  {
    name: 'auditPins',
    command: ['audit', 'pins'],
    rename: { PATH: 'paths' },
    defaults: { sarif: '.pyhermetic/auditPins/pins.sarif', junit: '.pyhermetic/auditPins/junit.xml', failOn: 'error' },
    publish: {
      junit: ['{junit}'],
      sarif: [{ pattern: '{sarif}', id: 'pyhermetic-pins', name: 'pyhermetic: floating inputs' }],
      archive: ['{sarif}', '{junit}'],
    },
    examples: [
      'pyhermetic.auditPins()',
      "pyhermetic.auditPins(paths: ['Jenkinsfile', 'ci', 'services/api'], failOn: 'warning')",
    ],
  },
  {
    name: 'interpreter',
    command: ['interpreter', 'build'],
    rename: { 'trusted-key': 'trustedKeys' },
    defaults: { spec: 'python.json' },
    credentials: REMOTE_CREDENTIALS,
    publish: { archive: ['{out}/**/*.json'] },
    examples: ["pyhermetic.interpreter(spec: 'python.json', out: 'build/interpreter')"],
  },
  {
    name: 'lock',
    command: ['lock'],
    rename: { requirement: 'requirements', 'index-url': 'indexUrls' },
    defaults: { requirements: 'requirements.in', output: 'requirements.lock' },
    publish: { archive: ['{output}'] },
    examples: [`pyhermetic.lock(interpreter: 'build/interpreter', indexUrls: [${INDEX}])`],
  },
  {
    name: 'env',
    command: ['env', 'create'],
    rename: { 'index-url': 'indexUrls', 'trusted-key': 'trustedKeys' },
    defaults: { lock: 'requirements.lock' },
    required: ['indexUrls'],
    credentials: REMOTE_CREDENTIALS,
    publish: { archive: ['{dest}/pyhermetic-env.json'] },
    examples: [
      `pyhermetic.env(interpreter: 'build/interpreter', dest: 'build/env-test', indexUrls: [${INDEX}], force: true)`,
    ],
  },
  {
    name: 'test',
    command: ['test'],
    defaults: {
      // The config's test command, unless the step names the command itself.
      config: {
        compute: (v) => (Array.isArray(v.command) && v.command.length > 0 ? undefined : 'pyhermetic.json'),
        text: "`'pyhermetic.json'` (none when `command` is given)",
      },
      junit: {
        compute: (v) => `${String(v.record ?? 'tested').replace(/\.json$/, '')}.junit.xml`,
        text: '`<record without .json>.junit.xml`',
      },
    },
    publish: { junit: ['{junit}'], archive: ['{record}', '{junit}'] },
    examples: [
      'pyhermetic.test(env: \'build/env-test\', shard: "${i}/${n}", record: "tested-${i}.json")',
      "pyhermetic.test(env: 'build/env-test', config: 'services/api/pyhermetic.json', record: 'tested.json')",
    ],
  },
  {
    name: 'pack',
    command: ['pack'],
    publish: { archive: ['{out}'] },
    examples: ["pyhermetic.pack(env: 'build/env-test', app: 'src', out: 'dist/service.tar.gz', level: 9)"],
  },
  {
    name: 'verify',
    command: ['verify'],
    rename: { 'allow-system-lib': 'allowSystemLibs', 'tested-record': 'testedRecords' },
    defaults: { report: 'pyhermetic-report' },
    publish: {
      junit: ['{report}/junit.xml'],
      html: { dir: '{report}', file: 'report.html' },
      archive: ['{report}/**'],
      summary: '{report}/summary.md',
    },
    examples: [
      "def parity = pyhermetic.verify(artifact: 'dist/service.tar.gz', tested: 'build/env-test', app: 'src', root: 'base-image.tar', smoke: ['service'])",
      "pyhermetic.verify(artifact: 'dist/service.tar.gz', tested: 'build/env-test', noSmoke: true)",
      "pyhermetic.verify(artifact: 'dist/service.tar.gz', tested: 'build/env-test', testedRecords: ['tested-1.json', 'tested-2.json', 'tested-3.json'])",
    ],
  },
  {
    name: 'fingerprint',
    command: ['fingerprint'],
    publish: {},
    examples: ["pyhermetic.fingerprint(python: 'build/env-test/bin/python3', compare: '/opt/prod/python/bin/python3')"],
  },
  ...PROVENANCE_STEPS,
];

/** `glibc-max` → `glibcMax`. */
export function camelCase(option: string): string {
  return option.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** One parameter from one option, with the row's Jenkins-only rename, default and requirement applied. */
function paramOf(row: StepRow, option: string, o: OptionSpec): StepParam {
  const name = row.rename?.[option] ?? camelCase(option);
  const param: StepParam = {
    name,
    type: o.type === 'boolean' ? 'boolean' : o.repeatable ? 'list' : o.type,
    option,
    description: o.description,
  };
  const jenkinsDefault = row.defaults?.[name];
  const requiredHere = row.required?.includes(name) === true;
  if (jenkinsDefault !== undefined && typeof jenkinsDefault === 'object' && 'compute' in jenkinsDefault) {
    param.default = jenkinsDefault.compute;
    param.defaultText = jenkinsDefault.text;
  } else if (jenkinsDefault !== undefined) {
    param.default = jenkinsDefault;
  } else if (o.type === 'boolean') {
    param.default = false;
  } else if (defaultText(o) && !requiredHere) {
    param.defaultText = defaultText(o);
  }
  const constantDefault = jenkinsDefault !== undefined && param.defaultText === undefined;
  if (o.required || requiredHere || constantDefault) param.required = true;
  return param;
}

/** A row whose renames, defaults or requirements name no parameter is a mistake in this table. */
function checkRow(row: StepRow, params: StepParam[], spec: CommandSpec): void {
  const names = new Set(params.map((p) => p.name));
  const positionals = new Set((spec.positionals ?? []).map((p) => p.name));
  const wrong = [
    ...Object.keys(row.rename ?? {}).filter((option) => !(option in spec.options) && !positionals.has(option)),
    ...Object.keys(row.defaults ?? {}).filter((n) => !names.has(n)),
    ...(row.required ?? []).filter((n) => !names.has(n)),
  ];
  if (wrong.length > 0) throw new Error(`step ${row.name}: no such option or parameter: ${wrong.join(', ')}`);
}

/** The step of one row: its parameters derived from the command's declaration. */
export function resolveStep(row: StepRow, spec: CommandSpec): JenkinsStep {
  // A repeatable positional (audit pins [PATH…]) is a list parameter, first, passed after `--`.
  const positional: StepParam[] = (spec.positionals ?? [])
    .filter((p) => p.repeatable)
    .map((p) => ({
      name: row.rename?.[p.name] ?? camelCase(p.name.toLowerCase()),
      type: 'list',
      positional: true,
      defaultText: p.default ?? 'none',
      description: p.description,
    }));
  const params = [
    ...positional,
    ...Object.entries(spec.options)
      .filter(([, o]) => !o.secret)
      .map(([option, o]) => paramOf(row, option, o)),
  ];
  checkRow(row, params, spec);
  // The remote store's parameters go together, last: its options, then its credentials.
  const all = [...params, ...(row.credentials ?? [])];
  const remote = (p: StepParam): boolean =>
    p.option === 'remote' || p.option === 'publish' || REMOTE_CREDENTIALS.includes(p);
  return { ...row, summary: spec.summary, params: [...all.filter((p) => !remote(p)), ...all.filter(remote)] };
}

/** Every step, from the table and the commands' declarations (the runner's registry). */
export function resolveSteps(commands: readonly CommandSpec[], rows: readonly StepRow[] = STEP_ROWS): JenkinsStep[] {
  return rows.map((row) => {
    const spec = commands.find((c) => c.name === row.command.join(' '));
    if (!spec) throw new Error(`step ${row.name}: no command '${row.command.join(' ')}'`);
    return resolveStep(row, spec);
  });
}

/** A step's parameters: its own, then the common ones. */
export function stepParams(step: JenkinsStep): StepParam[] {
  return [...step.params, ...commonParams(step.name)];
}
