// `pyhermetic pipeline --config pyhermetic.json [--out DIR] [--store DIR] [--json]`
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_EXAMPLE } from '../pipeline/config-example.js';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { checkRemoteSettings, REMOTE_OPTIONS, remoteTargetFromOptions } from './remote-options.js';
import { STORE_OPTION } from './store-option.js';

/** The runner script this process is (the bundle, or src/runner.ts under tsx): stages re-run it. */
function runnerScript(): string {
  const script = process.argv[1];
  if (!script)
    throw new UsageError('cannot tell which runner script is running', 'start pyhermetic as `node runner.mjs …`');
  try {
    return realpathSync(script);
  } catch {
    return resolve(script);
  }
}

export const pipelineCommand = defineCommand({
  name: 'pipeline',
  summary:
    'Run the whole chain for a project: audit pins → interpreter → lock check → test env → tests → pack → verify → reports',
  options: {
    config: {
      type: 'string',
      value: 'FILE',
      required: true,
      description: "the project's pyhermetic.json (paths in it are relative to its directory)",
    },
    out: {
      type: 'string',
      value: 'DIR',
      default: '<config dir>/.pyhermetic-out',
      description: 'output directory: interpreter/ env-test/ app/ dist/ report/ rerun.sh; replaced on every run',
    },
    store: {
      ...STORE_OPTION,
      default: `the config's "store", else ${STORE_OPTION.default}`,
      description: 'the interpreter store',
    },
    baseline: {
      type: 'string',
      value: 'PKG.tar.gz',
      default: `the config's "baseline"`,
      description:
        'the last released package: the report gets a section "changes since the baseline" (distributions upgraded/downgraded/added/removed, interpreter, app files, a size chart per distribution)',
    },
    remote: {
      ...REMOTE_OPTIONS.remote,
      default: `the config's "remote", else $${REMOTE_OPTIONS.remote.env}`,
      description: `${REMOTE_OPTIONS.remote.description}; the interpreter and env stages read through it`,
    },
    publish: REMOTE_OPTIONS.publish,
    only: {
      type: 'string',
      value: 'VERSION',
      description:
        'with several "specs" in the config: run only this CPython version (3.9.2, 3.14.7t) straight into --out, as a Jenkins matrix or parallel branch does',
    },
    'trusted-key': {
      ...REMOTE_OPTIONS['trusted-key'],
      description: `${REMOTE_OPTIONS['trusted-key'].description}; the stages get them in $PYHERMETIC_TRUSTED_KEYS`,
    },
    'strict-keys': REMOTE_OPTIONS['strict-keys'],
  },
  json: '{ok, exitCode, out, stages, report, package, rerun}',
  details: `Output: OUT/interpreter/ (interpreter.tar.gz + interpreter.json), OUT/env-test/ (the tested env),
OUT/app/ (the app snapshot that is tested and packed), OUT/dist/<name>.tar.gz, OUT/report/ (report.html,
report.json, junit.xml, summary.md, tests-junit.xml, verify/, sbom.cdx.json, provenance.intoto.jsonl when
$PYHERMETIC_SIGNING_KEY names a signing key, and the config and lock copied as pipeline-config.json and
requirements.lock), OUT/rerun.sh.

Each stage prints its command; the first failing stage stops the chain with its exit code and the report
of what ran is still written. The first stage, audit pins (docs/audit-pins.md; "auditPins": false turns it
off), writes OUT/report/pins.sarif and pins-junit.xml; its findings fail the verdict (exit 1) without
stopping the chain.

pyhermetic.json:

${CONFIG_EXAMPLE.replace(/^/gm, '    ')}`,
  exitCodes: '0 every stage passed · 1 tests or verify found problems · 2 config, lock or usage · 3 a tool failed',
  async run({ values, json }) {
    const configArg = stringOption(values, 'config');
    if (!configArg) throw new UsageError('pipeline needs --config pyhermetic.json', `usage: pyhermetic ${this.usage}`);
    const { loadPipelineConfig } = await import('../pipeline/pipeline-config.js');
    const { runPipeline } = await import('../pipeline/pipeline.js');
    const config = await loadPipelineConfig(configArg);
    const outArg = stringOption(values, 'out');
    const storeArg = stringOption(values, 'store');
    // Parsed once (a bad URL, credentials in it, bad settings or keys stop the run before any stage);
    // the stages get it as one value in their environment, never re-parsed from a command line.
    const remote = (await remoteTargetFromOptions(values)) ?? config.remote ?? undefined;
    const trust = remote ? await checkRemoteSettings(values) : undefined;
    const result = await runPipeline({
      config,
      outDir: outArg ? resolve(outArg) : join(config.baseDir, '.pyhermetic-out'),
      store: storeArg ? resolve(storeArg) : (config.store ?? undefined),
      remote,
      remoteFromCommandLine: stringOption(values, 'remote') !== undefined,
      publish: values.publish === true || undefined,
      trustedKeys: trust?.trustedKeys,
      strictKeys: values['strict-keys'] === true || undefined,
      runner: { node: process.execPath, script: runnerScript() },
      cwd: process.cwd(),
      baseline: stringOption(values, 'baseline') ? resolve(stringOption(values, 'baseline')!) : undefined,
      only: stringOption(values, 'only'),
    });
    if (json) printJson(result);
    else {
      log.out(`report: ${result.report.html}`);
      if (result.package) log.out(`package: ${result.package}`);
      log.out(`rerun: sh ${result.rerun}`);
    }
    return result.exitCode;
  },
});
