// `pyhermetic pipeline`: the whole chain for one project, as Jenkins runs it. Each stage that has a
// command of its own (interpreter build, env create, pack, verify) runs as a child process of this
// very runner with an argument array, so the line printed for a stage is exactly what a person runs
// to repeat it, and the pipeline cannot drift from the commands it composes. Data flows one way:
// spec → OUT/interpreter → (lock check) → OUT/env-test → tests → OUT/dist/<name>.tar.gz → verify →
// OUT/report. The first failing stage stops the chain; its exit code is the pipeline's, and the
// report of the stages that ran is written either way.
import { ensureOutputDir } from '../shared/safe-dirs.js';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { EXIT_ENVIRONMENT, EXIT_FINDINGS, PyhermeticError, UsageError } from '../shared/errors.js';
import { run, scrubbedEnv, tail } from '../shared/exec.js';
import * as log from '../shared/log.js';
import { snapshotApp } from './app-snapshot.js';
import {
  ENV_MANIFEST,
  INTERPRETER_MANIFEST,
  type EnvManifest,
  type InterpreterManifest,
} from '../core/model/manifests.js';
import type { PipelineConfig } from './pipeline-config.js';
import { checkLockForInterpreter } from './pipeline-lock-check.js';
import { pythonLabel } from '../core/interpreter/fingerprint.js';
import { runTestStage } from './pipeline-test-stage.js';
import {
  checkResult,
  makeReport,
  skippedCheck,
  verdictLine,
  type CheckResult,
  type Report,
} from '../core/model/report.js';
import { writeReports } from '../core/report/index.js';
import { writePipelineRerun } from './pipeline-rerun.js';
import { shellQuote } from '../shared/shell-quote.js';
import { StageError } from './pipeline-stage-error.js';
import {
  ATTESTATION_FILE,
  JENKINS_RUN_VARIABLES,
  SBOM_FILE,
  attestStage,
  baselineStage,
  copyProvenanceInputs,
  sbomStage,
  type ProvenanceContext,
} from './pipeline-provenance.js';
import type { BaselineSection } from '../core/model/baseline-section.js';

export interface PipelineOptions {
  config: PipelineConfig;
  /** OUT; resolved by the caller (default <config dir>/.pyhermetic-out). */
  outDir: string;
  /** --store or the config's store; undefined leaves each stage to its own default ($PYHERMETIC_HOME). */
  store?: string;
  /** --remote or the config's "remote": the shared store for the interpreter and env stages. */
  remote?: string;
  /** --publish: those stages upload what the remote lacks (PYHERMETIC_PUBLISH=1 reaches them through the env). */
  publish?: boolean;
  /** How a stage starts the runner: node and the runner script. Passed in because core never imports the CLI. */
  runner: { node: string; script: string };
  /** The directory the pipeline was started from (rerun.sh changes into it). */
  cwd: string;
  /** --baseline: the last released package, for the "changes since the baseline" section (overrides the config's). */
  baseline?: string;
}

export interface StageRecord {
  name: string;
  ok: boolean;
  exitCode: number;
  durationMs: number;
  /** The exact argv of a stage that ran a command (a child of the runner, or the test command). */
  command?: string[];
  /** Where that command ran, when not from the config directory (the test command: OUT/app). */
  cwd?: string;
  summary?: string;
}

export interface PipelineResult {
  ok: boolean;
  exitCode: number;
  out: string;
  stages: StageRecord[];
  report: { dir: string; html: string; json: string; junit: string; summary: string };
  package: string | null;
  rerun: string;
  /** sbom.cdx.json and the signed attestation, when those stages ran. */
  provenance: { sbom: string | null; attestation: string | null };
}

export function outputLayout(out: string) {
  return {
    interpreter: join(out, 'interpreter'),
    envTest: join(out, 'env-test'),
    app: join(out, 'app'),
    dist: join(out, 'dist'),
    report: join(out, 'report'),
    verifyReport: join(out, 'report', 'verify'),
    testsJunit: join(out, 'report', 'tests-junit.xml'),
    rerun: join(out, 'rerun.sh'),
    marker: join(out, '.pyhermetic-pipeline'),
  };
}

/** What a stage body returns when it succeeds (`skipped`: it had nothing to do, and says why). */
interface StageOk {
  summary?: string;
  command?: string[];
  cwd?: string;
  skipped?: string;
}

interface Stage {
  name: string;
  title: string;
  run(): Promise<StageOk>;
}

function within(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * OUT is cleared stage by stage, so it must never be a directory that holds anything else: refuse
 * the config or app directory (or a parent of them), and an existing non-empty directory that an
 * earlier pipeline did not create.
 */
async function prepareOut(config: PipelineConfig, out: string): Promise<void> {
  for (const [what, dir] of [
    ['config directory', config.baseDir],
    ['app directory', config.app],
  ] as const) {
    if (within(dir, out)) {
      throw new UsageError(
        `--out ${out} is the ${what} or contains it; the pipeline replaces what is in --out`,
        `pass a directory of its own, e.g. --out ${join(config.baseDir, '.pyhermetic-out')}`,
      );
    }
  }
  const layout = outputLayout(out);
  const entries = await readdir(out).catch(() => undefined);
  if (entries && entries.length > 0 && !existsSync(layout.marker)) {
    throw new UsageError(
      `--out ${out} already holds files that an earlier pipeline did not write`,
      'pass a new or empty directory (the pipeline clears env-test/, app/, dist/ and report/ in it)',
    );
  }
  // A symlinked --out (or one another user can write) would be cleared and written through.
  ensureOutputDir(out, 'the --out directory');
  await writeFile(
    layout.marker,
    'This directory is the output of `pyhermetic pipeline`; it replaces env-test/, app/, dist/ and report/ on every run.\n',
  );
  // A re-run starts clean, so nothing from the previous run (a green report, an old package) can be
  // mistaken for this run's result. The interpreter/ directory stays: the build writes it atomically.
  for (const dir of [layout.envTest, layout.app, layout.dist, layout.report])
    await rm(dir, { recursive: true, force: true });
  await mkdir(layout.report, { recursive: true });
}

/** The first `pyhermetic: error:` line of a stage's stderr with its hint, else the last lines. */
function errorText(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  const at = lines.findIndex((l) => l.startsWith('pyhermetic: error:'));
  if (at === -1) return tail(stderr, 8);
  const hint = [];
  for (let i = at + 1; i < lines.length && lines[i].startsWith('  '); i++) hint.push(lines[i]);
  return [lines[at].replace(/^pyhermetic: error: /, ''), ...hint].join('\n');
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const { config, runner } = opts;
  const out = resolve(opts.outDir);
  const layout = outputLayout(out);
  await prepareOut(config, out);
  const packagePath = join(layout.dist, `${config.name}.tar.gz`);
  const storeArgs = opts.store ? ['--store', opts.store] : [];
  const remoteArgs = [...(opts.remote ? ['--remote', opts.remote] : []), ...(opts.publish ? ['--publish'] : [])];
  const baseline = opts.baseline ?? config.baseline ?? undefined;
  await copyProvenanceInputs(config, layout.report);
  const cacheRoot = config.cacheRoot ?? (opts.store ? join(opts.store, 'cache') : undefined);

  const pipelineArgv = [
    runner.node,
    runner.script,
    'pipeline',
    '--config',
    config.configPath,
    '--out',
    out,
    ...storeArgs,
    ...remoteArgs,
    ...(opts.baseline ? ['--baseline', opts.baseline] : []),
  ];
  await writePipelineRerun(layout.rerun, { cwd: opts.cwd, argv: pipelineArgv, env: pickEnv(RERUN_ENV) });

  // JOB_URL, BUILD_URL, BUILD_TAG: which Jenkins run built the package, for the attest stage's provenance.
  const childEnv = scrubbedEnv(
    pickEnv(
      Object.keys(process.env).filter(
        (k) => k.startsWith('PYHERMETIC_') || k === 'NO_COLOR' || JENKINS_RUN_VARIABLES.includes(k),
      ),
    ),
  );

  /** Runs `pyhermetic <args>` as a child of this runner; a non-zero exit becomes the stage's failure. */
  async function runner_(stage: string, args: string[]): Promise<StageOk> {
    const argv = [runner.script, ...args];
    const line = shellQuote([runner.node, ...argv]);
    log.info(`   $ ${line}`);
    const r = await run(runner.node, argv, { env: childEnv, cwd: config.baseDir, stream: true });
    if (r.exitCode === 0) return { command: [runner.node, ...argv] };
    const code = r.exitCode === 1 || r.exitCode === 2 || r.exitCode === 3 ? r.exitCode : EXIT_ENVIRONMENT;
    const why = r.spawnError ?? (r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}`);
    const text = errorText(r.stderr);
    // No hint: the child's own error and hint were streamed just above.
    throw new StageError(`${stage}: \`pyhermetic ${args.slice(0, 2).join(' ')}\` failed (${why})`, code, [
      { path: stage, message: text || why, fix: `re-run this stage by hand: ${line}` },
    ]);
  }

  let interpreter: InterpreterManifest | undefined;
  let env: EnvManifest | undefined;
  let verifyReport: Report | undefined;
  let baselineSection: BaselineSection | undefined;
  const provenance: ProvenanceContext = { config, reportDir: layout.report, packagePath, runStage: runner_ };

  const stages: Stage[] = [
    {
      name: 'interpreter',
      title: `interpreter build from ${relative(opts.cwd, config.spec) || config.spec} (or a store hit)`,
      async run() {
        const r = await runner_('interpreter', [
          'interpreter',
          'build',
          '--spec',
          config.spec,
          '--out',
          layout.interpreter,
          ...storeArgs,
          ...remoteArgs,
        ]);
        interpreter = await readJson<InterpreterManifest>(join(layout.interpreter, INTERPRETER_MANIFEST));
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
    },
    {
      name: 'lock-check',
      title: `lock ${relative(opts.cwd, config.lock) || config.lock} made for this interpreter`,
      async run() {
        const fp = interpreter!.fingerprint;
        const relock = shellQuote([
          runner.node,
          runner.script,
          'lock',
          '-r',
          config.requirements,
          '--interpreter',
          layout.interpreter,
          ...config.indexUrls.flatMap((u) => ['--index-url', u]),
          ...config.allowSource.flatMap((n) => ['--allow-source', n]),
          '-o',
          config.lock,
        ]);
        const lock = await checkLockForInterpreter(config.lock, fp, relock, pythonLabel(interpreter!.fields));
        return { summary: `${lock.entries.length} pinned and hashed distributions, fingerprint matches` };
      },
    },
    {
      name: 'env-test',
      title: 'the test environment from the interpreter artifact and the lock',
      async run() {
        // --force only matters when this line is re-run by hand: the pipeline has cleared env-test already.
        const r = await runner_('env-test', [
          'env',
          'create',
          '--interpreter',
          layout.interpreter,
          '--lock',
          config.lock,
          '--dest',
          layout.envTest,
          '--force',
          ...config.indexUrls.flatMap((u) => ['--index-url', u]),
          ...(cacheRoot ? ['--cache-root', cacheRoot] : []),
          ...config.allowSource.flatMap((n) => ['--allow-source', n]),
          ...remoteArgs,
        ]);
        env = await readJson<EnvManifest>(join(layout.envTest, ENV_MANIFEST));
        const n = env?.distributions?.length;
        return { ...r, summary: n === undefined ? undefined : `${n} distributions installed` };
      },
    },
    {
      name: 'app',
      title: `snapshot of the app ${relative(opts.cwd, config.app) || '.'} into ${relative(opts.cwd, layout.app)}`,
      async run() {
        await snapshotApp(config.app, layout.app, [out]);
        return { summary: `copied to ${layout.app} (tested and packed from there)` };
      },
    },
    {
      name: 'test',
      title: `the project's tests inside the test environment: ${shellQuote(config.test.command)}`,
      async run() {
        return runTestStage({
          command: config.test.command,
          envDir: layout.envTest,
          python: env?.interpreter.python,
          cwd: layout.app,
          junitPath: layout.testsJunit,
        });
      },
    },
    {
      name: 'pack',
      title: `the production package ${relative(opts.cwd, packagePath)}`,
      async run() {
        await mkdir(layout.dist, { recursive: true });
        const r = await runner_('pack', ['pack', '--env', layout.envTest, '--app', layout.app, '--out', packagePath]);
        return { ...r, summary: packagePath };
      },
    },
    ...(baseline
      ? [
          {
            name: 'baseline',
            title: `changes since the baseline ${relative(opts.cwd, baseline) || baseline}`,
            async run() {
              const { section, ...r } = await baselineStage(provenance, baseline);
              baselineSection = section;
              return r;
            },
          },
        ]
      : []),
    {
      name: 'verify',
      title: `parity of the package with the tested environment, and where it runs${config.productionRoots.length ? ` (in ${config.productionRoots.map((r) => relative(opts.cwd, r)).join(', ')})` : ''}`,
      async run() {
        const args = [
          'verify',
          '--artifact',
          packagePath,
          '--tested',
          layout.envTest,
          '--report',
          layout.verifyReport,
          ...(config.glibcMax ? ['--glibc-max', config.glibcMax] : []),
          ...config.systemLibraries.flatMap((l) => ['--allow-system-lib', l]),
          ...config.productionRoots.flatMap((r) => ['--root', r]),
          ...(config.deployPath ? ['--deploy-path', config.deployPath] : []),
          ...config.smoke.flatMap((m) => ['--smoke', m]),
        ];
        try {
          const r = await runner_('verify', args);
          verifyReport = await readJson<Report>(join(layout.verifyReport, 'report.json'));
          return { ...r, summary: verifyReport ? verdictLine(verifyReport) : undefined };
        } catch (err) {
          verifyReport = await readJson<Report>(join(layout.verifyReport, 'report.json'));
          if (!(err instanceof StageError) || err.exitCode !== EXIT_FINDINGS || !verifyReport) throw err;
          // verify's own findings, one per line of the pipeline report, named by the check that found them.
          const findings = verifyReport.checks.flatMap((c) =>
            c.findings.map((f) => ({ ...f, message: `[${c.name}] ${f.message}` })),
          );
          throw new StageError(
            `verify: ${verdictLine(verifyReport)}`,
            EXIT_FINDINGS,
            findings.length > 0 ? findings : err.findings,
            `the verify report: ${join(layout.verifyReport, 'report.html')}\nre-run it by hand: ${err.findings[0]?.fix.replace(/^re-run this stage by hand: /, '') ?? ''}`,
          );
        }
      },
    },
    {
      name: 'sbom',
      title: `CycloneDX SBOM of the package: ${relative(opts.cwd, join(layout.report, SBOM_FILE))}`,
      run: () => sbomStage(provenance),
    },
    {
      name: 'attest',
      title: `signed provenance of the package: ${relative(opts.cwd, join(layout.report, ATTESTATION_FILE))}`,
      run: () => attestStage(provenance, process.env),
    },
  ];

  const records: StageRecord[] = [];
  const checks: CheckResult[] = [];
  let exitCode = 0;
  for (const [i, stage] of stages.entries()) {
    log.info(`== [${i + 1}/${stages.length}] ${stage.name}: ${stage.title}`);
    const started = Date.now();
    try {
      const r = await stage.run();
      const durationMs = Date.now() - started;
      records.push({
        name: stage.name,
        ok: true,
        exitCode: 0,
        durationMs,
        command: r.command,
        cwd: r.cwd,
        summary: r.summary,
      });
      checks.push(
        r.skipped !== undefined
          ? { ...skippedCheck(stage.name, r.skipped), durationMs }
          : checkResult(stage.name, [], { summary: r.summary, durationMs }),
      );
      log.info(
        `== ${stage.name} (${log.seconds(durationMs)}): ${r.skipped !== undefined ? `skipped (${r.skipped})` : `ok${r.summary ? ` (${r.summary})` : ''}`}`,
      );
    } catch (err) {
      const durationMs = Date.now() - started;
      const pe = err instanceof PyhermeticError ? err : undefined;
      exitCode = pe?.exitCode ?? EXIT_ENVIRONMENT;
      const findings =
        err instanceof StageError
          ? err.findings
          : [
              {
                path: stage.name,
                message: (err as Error).message,
                fix: pe?.hint ?? 'an internal error: report it with the log',
              },
            ];
      if (!pe) process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      records.push({ name: stage.name, ok: false, exitCode, durationMs, summary: (err as Error).message });
      checks.push(checkResult(stage.name, findings, { summary: (err as Error).message, durationMs }));
      log.info(`== ${stage.name} (${log.seconds(durationMs)}): FAILED (exit ${exitCode})`);
      log.error((err as Error).message);
      if (pe?.hint) process.stderr.write(`${pe.hint.replace(/^/gm, '  ')}\n`);
      break;
    }
  }

  const packed = records.some((r) => r.name === 'pack' && r.ok);
  const report = makeReport({
    title: `pyhermetic pipeline: ${config.name}`,
    checks,
    artifact: packed
      ? { package: packagePath, interpreterFingerprint: interpreter?.fingerprint, ...(verifyReport?.artifact ?? {}) }
      : {},
    tested: env
      ? {
          env: layout.envTest,
          interpreterFingerprint: env.interpreter.fingerprint,
          lockSha256: env.lock.sha256,
          distributions: env.distributions.length,
        }
      : {},
    timings: Object.fromEntries(records.map((r) => [r.name, r.durationMs])),
    whereItRuns: verifyReport?.whereItRuns,
    baseline: baselineSection,
  });
  const files = await writeReports(report, layout.report);
  await writePipelineRerun(layout.rerun, {
    cwd: opts.cwd,
    argv: pipelineArgv,
    env: pickEnv(RERUN_ENV),
    stages: records,
  });
  log.info(`${verdictLine(report)}${exitCode === 0 ? '' : ` (exit ${exitCode})`}`);
  return {
    ok: exitCode === 0 && report.ok,
    exitCode,
    out,
    stages: records,
    report: { dir: layout.report, html: files.html, json: files.json, junit: files.junit, summary: files.markdown },
    package: packed ? packagePath : null,
    rerun: layout.rerun,
    provenance: {
      sbom: records.some((r) => r.name === 'sbom' && r.ok) ? join(layout.report, SBOM_FILE) : null,
      attestation: checks.some((c) => c.name === 'attest' && c.ok && c.skipped === undefined)
        ? join(layout.report, ATTESTATION_FILE)
        : null,
    },
  };
}

/** What rerun.sh sets again: never a credential (rerun-text names those variables instead). */
const RERUN_ENV = ['PYHERMETIC_HOME', 'PYHERMETIC_REMOTE', 'PYHERMETIC_PUBLISH'];

function pickEnv(names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const n of names) if (process.env[n] !== undefined) picked[n] = process.env[n]!;
  return picked;
}
