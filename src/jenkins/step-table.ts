// The Jenkins steps as data: every step of vars/pyhermetic.groovy, each parameter as it is written in a
// Jenkinsfile with its type, default, whether it is required, one line of help and the option of the
// step's command it becomes. Validation (step-plan.ts), the command line, rerun.sh, what is published,
// vars/pyhermetic.txt and docs/jenkins-steps.md all come from this table; the Groovy knows none of it.
// Adding a parameter is adding one row.

import { PROVENANCE_STEPS } from './provenance-steps.js';
import { CREDENTIAL_PARAMS, commonParams, REMOTE_PARAMS, type JenkinsStep, type StepParam } from './step-params.js';

export * from './step-params.js';

/** `a/b/pyhermetic.json` → `a/b/`; `pyhermetic.json` → ``. */
function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

const STORE_DEFAULT = '`$PYHERMETIC_HOME`, else `~/.cache/pyhermetic`';

const INDEX = "'https://packages.example.internal/simple'";

export const STEPS: JenkinsStep[] = [
  {
    name: 'pipeline',
    command: ['pipeline'],
    summary:
      "The whole chain: interpreter build or store hit → lock check → test env → the project's tests → package → verify → reports.",
    params: [
      {
        name: 'config',
        type: 'string',
        default: 'pyhermetic.json',
        required: true,
        option: 'config',
        description: "The project's pipeline config.",
      },
      {
        name: 'out',
        type: 'string',
        default: (v) => `${parentOf(String(v.config ?? ''))}.pyhermetic-out`,
        defaultText: '`<config dir>/.pyhermetic-out`',
        option: 'out',
        description: 'Output directory: `interpreter/ env-test/ app/ dist/ report/ rerun.sh`.',
      },
      {
        name: 'store',
        type: 'string',
        option: 'store',
        defaultText: `the config's \`store\`, else ${STORE_DEFAULT}`,
        description: 'The interpreter store on the agent.',
      },
      {
        name: 'baseline',
        type: 'string',
        option: 'baseline',
        defaultText: "the config's `baseline`",
        description: 'The last released package: the report gets a section of the changes since it.',
      },
      CREDENTIAL_PARAMS.signingKeyCredentialsId,
      ...REMOTE_PARAMS,
    ],
    publish: {
      junit: ['{out}/report/junit.xml', '{out}/report/tests-junit.xml'],
      html: { dir: '{out}/report', file: 'report.html' },
      archive: ['{out}/report/**', '{out}/rerun.sh', '{out}/dist/*.tar.gz'],
      summary: '{out}/report/summary.md',
    },
    examples: [
      "pyhermetic(config: 'pyhermetic.json')",
      "pyhermetic(config: 'pyhermetic.json', remote: 'https://dav.example.internal/pyhermetic/', credentialsId: 'pyhermetic-store', publish: env.BRANCH_NAME == 'main')",
      "pyhermetic(config: 'services/api/pyhermetic.json', out: 'build/pyhermetic', store: '/var/cache/pyhermetic')",
    ],
  },
  {
    name: 'interpreter',
    command: ['interpreter', 'build'],
    summary: 'Build the interpreter artifact from a spec, or take it from the store.',
    params: [
      {
        name: 'spec',
        type: 'string',
        default: 'python.json',
        required: true,
        option: 'spec',
        description: 'The interpreter spec.',
      },
      { name: 'store', type: 'string', option: 'store', defaultText: STORE_DEFAULT, description: 'The store.' },
      {
        name: 'out',
        type: 'string',
        option: 'out',
        description: 'Directory for `interpreter.tar.gz` and `interpreter.json`; its JSON files are archived.',
      },
      ...REMOTE_PARAMS,
    ],
    publish: { archive: ['{out}/**/*.json'] },
    examples: ["pyhermetic.interpreter(spec: 'python.json', out: 'build/interpreter')"],
  },
  {
    name: 'lock',
    command: ['lock'],
    summary: 'Resolve requirements to a hash lock for the interpreter, wheels only. The lock is archived.',
    params: [
      {
        name: 'requirements',
        type: 'string',
        default: 'requirements.in',
        required: true,
        option: 'requirement',
        description: 'Top-level requirements.',
      },
      {
        name: 'interpreter',
        type: 'string',
        required: true,
        option: 'interpreter',
        description: 'Interpreter artifact or its directory.',
      },
      {
        name: 'indexUrls',
        type: 'list',
        required: true,
        option: 'index-url',
        description: 'Package indexes; the first is the main index.',
      },
      {
        name: 'allowSource',
        type: 'list',
        option: 'allow-source',
        description: 'Names allowed to build from an sdist.',
      },
      {
        name: 'cacheRoot',
        type: 'string',
        option: 'cache-root',
        defaultText: "the store's cache",
        description: 'Root of the fingerprint-scoped pip caches.',
      },
      {
        name: 'glibcMax',
        type: 'string',
        option: 'glibc-max',
        defaultText: "the interpreter's own floor",
        description: "Refuse a chosen wheel that needs a newer glibc than this (e.g. `'2.31'`): findings (UNSTABLE).",
      },
      {
        name: 'output',
        type: 'string',
        default: 'requirements.lock',
        required: true,
        option: 'output',
        description: 'The lock to write.',
      },
      ...REMOTE_PARAMS,
    ],
    publish: { archive: ['{output}'] },
    examples: [`pyhermetic.lock(interpreter: 'build/interpreter', indexUrls: [${INDEX}])`],
  },
  {
    name: 'env',
    command: ['env', 'create'],
    summary:
      'Create an environment (the interpreter prefix with the locked distributions). Its `pyhermetic-env.json` is archived.',
    params: [
      {
        name: 'interpreter',
        type: 'string',
        required: true,
        option: 'interpreter',
        description: 'Interpreter artifact or its directory.',
      },
      {
        name: 'lock',
        type: 'string',
        default: 'requirements.lock',
        required: true,
        option: 'lock',
        description: 'The hash lock.',
      },
      {
        name: 'dest',
        type: 'string',
        required: true,
        option: 'dest',
        description: 'The environment directory to create.',
      },
      { name: 'indexUrls', type: 'list', required: true, option: 'index-url', description: 'Package indexes.' },
      {
        name: 'cacheRoot',
        type: 'string',
        option: 'cache-root',
        defaultText: "the store's cache",
        description:
          'Pip cache root; caches below it are scoped by interpreter fingerprint, so one root serves every job of an agent.',
      },
      {
        name: 'allowSource',
        type: 'list',
        option: 'allow-source',
        description: 'Names allowed to build from an sdist.',
      },
      { name: 'force', type: 'boolean', default: false, option: 'force', description: 'Replace an existing `dest`.' },
      ...REMOTE_PARAMS,
    ],
    publish: { archive: ['{dest}/pyhermetic-env.json'] },
    examples: [
      `pyhermetic.env(interpreter: 'build/interpreter', dest: 'build/env-test', indexUrls: [${INDEX}], force: true)`,
    ],
  },
  {
    name: 'pack',
    command: ['pack'],
    summary: 'The production package from the tested environment. The package is archived with a fingerprint.',
    params: [
      { name: 'env', type: 'string', required: true, option: 'env', description: 'The tested environment.' },
      { name: 'app', type: 'string', option: 'app', description: 'The application directory to ship with it.' },
      { name: 'out', type: 'string', required: true, option: 'out', description: 'The package file (`.tar.gz`).' },
      { name: 'level', type: 'number', option: 'level', defaultText: '6', description: 'gzip level, 0 to 9.' },
    ],
    publish: { archive: ['{out}'] },
    examples: ["pyhermetic.pack(env: 'build/env-test', app: 'src', out: 'dist/service.tar.gz', level: 9)"],
  },
  {
    name: 'verify',
    command: ['verify'],
    summary:
      'Parity of the package with the tested environment, linkage and a smoke import. Publishes the report (junit, html) and archives it; findings make the build UNSTABLE.',
    params: [
      { name: 'artifact', type: 'string', required: true, option: 'artifact', description: 'The package.' },
      { name: 'tested', type: 'string', required: true, option: 'tested', description: 'The tested environment.' },
      {
        name: 'app',
        type: 'string',
        option: 'app',
        description: "The app tree the tests ran on: the package's `app/` is compared with it file by file.",
      },
      {
        name: 'report',
        type: 'string',
        default: 'pyhermetic-report',
        required: true,
        option: 'report',
        description: 'Report directory.',
      },
      {
        name: 'glibcMax',
        type: 'string',
        option: 'glibc-max',
        defaultText: "the interpreter's own floor",
        description: "Highest GLIBC symbol version allowed, e.g. `'2.31'`.",
      },
      {
        name: 'smoke',
        type: 'list',
        option: 'smoke',
        description: 'Modules to import from the extracted package (besides its extension modules).',
      },
      {
        name: 'noDefaultSmoke',
        type: 'boolean',
        default: false,
        option: 'no-default-smoke',
        description: 'Import only the `smoke` modules.',
      },
      { name: 'noSmoke', type: 'boolean', default: false, option: 'no-smoke', description: 'Skip the import test.' },
      {
        name: 'root',
        type: 'list',
        option: 'root',
        description:
          'Production root filesystems (a directory or a .tar/.tar.gz, e.g. `docker export` of the base image): the smoke test runs inside each.',
      },
      {
        name: 'deployPath',
        type: 'string',
        option: 'deploy-path',
        defaultText: '`/opt/<package name>`',
        description: 'Where the package is extracted inside each root.',
      },
      {
        name: 'allowSystemLibs',
        type: 'list',
        option: 'allow-system-lib',
        description:
          "System libraries (besides glibc's) the package may need from the host; listed as its runtime requirements.",
      },
      {
        name: 'strictHostLibs',
        type: 'boolean',
        default: false,
        option: 'strict-host-libs',
        description:
          "Glibc's libraries only for every file: a wheel's manylinux policy (libz, libgcc_s, libstdc++ …) allows nothing more.",
      },
    ],
    publish: {
      junit: ['{report}/junit.xml'],
      html: { dir: '{report}', file: 'report.html' },
      archive: ['{report}/**'],
      summary: '{report}/summary.md',
    },
    examples: [
      "def parity = pyhermetic.verify(artifact: 'dist/service.tar.gz', tested: 'build/env-test', app: 'src', root: 'base-image.tar', smoke: ['service'])",
      "pyhermetic.verify(artifact: 'dist/service.tar.gz', tested: 'build/env-test', noSmoke: true)",
    ],
  },
  {
    name: 'fingerprint',
    command: ['fingerprint'],
    summary: 'The ABI fingerprint of an interpreter; with `compare`, differing fingerprints are findings (UNSTABLE).',
    params: [
      { name: 'python', type: 'string', required: true, option: 'python', description: 'The interpreter executable.' },
      { name: 'compare', type: 'string', option: 'compare', description: 'A second interpreter.' },
      {
        name: 'timeout',
        type: 'number',
        option: 'timeout',
        defaultText: '30',
        description: 'Seconds before the probe is killed.',
      },
    ],
    publish: {},
    examples: ["pyhermetic.fingerprint(python: 'build/env-test/bin/python3', compare: '/opt/prod/python/bin/python3')"],
  },
  ...PROVENANCE_STEPS,
];

export function findStep(name: string): JenkinsStep | undefined {
  return STEPS.find((s) => s.name === name);
}

/** A step's parameters: its own, then the common ones. */
export function stepParams(step: JenkinsStep): StepParam[] {
  return [...step.params, ...commonParams(step.name)];
}
