// Drives test/groovy/harness.groovy from mocha: writes a scenario, runs Groovy 2.4 (the version Jenkins
// embeds) on vars/pyhermetic.groovy with the real bundled runner, and returns what the fake Jenkins
// recorded plus the build log.
import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/runner.js';

export const JAVA_HOME = process.env.JAVA_HOME ?? '/usr/lib/jvm/java-17-openjdk-amd64';
// Overrides for running the same scenarios under script-security's real SandboxInterceptor, built
// outside the repo from its public source (docs/jenkins.md, "What a sandboxed library needs"): another
// harness script, its class path, and another library file (the one before issue 19, to see it rejected).
const HARNESS = process.env.PYHERMETIC_GROOVY_HARNESS ?? join(ROOT, 'test', 'groovy', 'harness.groovy');
const LIBRARY = process.env.PYHERMETIC_GROOVY_LIBRARY ?? join(ROOT, 'vars', 'pyhermetic.groovy');

export interface Call {
  step?: string;
  config?: Record<string, unknown>;
  /** Groovy source run like a Jenkinsfile line, with `pyhermetic` bound to the library. */
  script?: string;
  /** Run the call inside dir(...). */
  dir?: string;
}

export interface StepEvent {
  step: string;
  [key: string]: any;
}

export interface BuildRecord {
  events: StepEvent[];
  returns: unknown[];
  /** With continueAfterErrors: per call, null or the AbortException it ended with. */
  callErrors: Array<null | { type: string; message: string }>;
  result: 'SUCCESS' | 'UNSTABLE' | 'FAILURE';
  thrown: null | { type: string; message: string };
}

export interface HarnessRun {
  record: BuildRecord;
  /** The build log: what the steps printed (echo, sh output). */
  log: string;
  workspace: string;
  home: string;
  /** The events of one kind, in order. */
  events(step: string): StepEvent[];
}

export interface HarnessOptions {
  workspace?: string;
  absentSteps?: string[];
  env?: Record<string, string | undefined>;
  /** Variables of the agent's environment as `sh` sees it (e.g. a PATH without node). */
  agentEnv?: Record<string, string>;
  /** Independent calls: a failing call does not stop the next one (test plumbing, not Jenkins). */
  continueAfterErrors?: boolean;
  /** What CPS keeps across each step call is Java-serialized and read back first (CpsCheckpoint.groovy). */
  strictCps?: boolean;
  /** Another library file than vars/pyhermetic.groovy (a fixture of an older one). */
  library?: string;
  home?: string;
}

export async function runBuild(calls: Call[], opts: HarnessOptions = {}): Promise<HarnessRun> {
  const dir = tempDir('groovy-');
  const workspace = opts.workspace ?? join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const home = opts.home ?? join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const scenario = join(dir, 'scenario.json');
  const recordFile = join(dir, 'record.json');
  writeFileSync(
    scenario,
    JSON.stringify({
      library: opts.library ?? LIBRARY,
      resources: join(ROOT, 'resources'),
      workspace,
      record: recordFile,
      absentSteps: opts.absentSteps ?? [],
      agentEnv: opts.agentEnv ?? {},
      continueAfterErrors: opts.continueAfterErrors ?? false,
      strictCps: opts.strictCps ?? process.env.PYHERMETIC_GROOVY_STRICT_CPS === '1',
      calls,
    }),
  );
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    JAVA_HOME,
    LANG: 'C.UTF-8',
    PYHERMETIC_HOME: join(home, '.cache', 'pyhermetic'),
    PYHERMETIC_REPO: ROOT,
    ...opts.env,
  };
  const classPath = process.env.PYHERMETIC_GROOVY_CLASSPATH;
  const r = await execa('groovy', [...(classPath ? ['-cp', classPath] : []), HARNESS, scenario], {
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>,
    extendEnv: false,
    reject: false,
    all: true,
    cwd: dir,
    timeout: 60 * 60 * 1000,
  });
  if (r.exitCode !== 0) throw new Error(`the Groovy harness itself failed (exit ${r.exitCode}):\n${r.all}`);
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as BuildRecord;
  return {
    record,
    log: String(r.all),
    workspace,
    home,
    events: (step: string) => record.events.filter((e) => e.step === step),
  };
}

/** The parameter files the steps wrote (in call order), parsed: the maps exactly as the runner got them. */
export function paramsFiles(run: HarnessRun): Record<string, unknown>[] {
  return run
    .events('writeFile')
    .filter((e) => String(e.file).endsWith('.params.json'))
    .map((e) => JSON.parse(readFileSync(e.file, 'utf8')) as Record<string, unknown>);
}

/** The command words of a rerun.sh (after `exec 'node' RUNNER`), unquoted. */
export function rerunArgv(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const rest = text.slice(text.indexOf(" exec 'node' ") + ' exec '.length);
  const words: string[] = [];
  let i = 0;
  while (i < rest.length && rest[i] !== '\n') {
    if (rest[i] === ' ') {
      i++;
      continue;
    }
    let word = '';
    while (i < rest.length && rest[i] !== ' ' && rest[i] !== '\n') {
      if (rest[i] === "'") {
        const end = rest.indexOf("'", i + 1);
        word += rest.slice(i + 1, end);
        i = end + 1;
      } else if (rest[i] === '\\') {
        word += rest[i + 1];
        i += 2;
      } else word += rest[i++];
    }
    words.push(word);
  }
  return words.slice(2);
}

/** What the runner printed in one step's sh (without sh's trace line), up to its closing re-run notice. */
export function stepOutput(run: HarnessRun, index: number): string {
  let text = String(run.events('sh')[index]!.output);
  if (text.startsWith('+ ')) text = text.slice(text.indexOf('\n') + 1);
  // The notice is the runner's last output; a hostile word with a newline spreads it over several lines.
  const at = text.lastIndexOf('pyhermetic: rerun with: ');
  if (!(at >= 0 && (at === 0 || text[at - 1] === '\n'))) throw new Error(`no re-run notice in:\n${text}`);
  return text.slice(0, at);
}
