// From the parameter map of a Jenkinsfile line to what the runner does: defaults applied, the map
// validated against the step table (unknown key, wrong type, missing required key: a UsageError, exit
// 2, worded for the person who wrote the Jenkinsfile), the command's argv, the rerun.sh path and what
// Jenkins publishes afterwards. Pure: no file is read or written here.
import { posix } from 'node:path';
import { UsageError } from '../shared/errors.js';
import {
  stepParams,
  stepTitle,
  type JenkinsStep,
  type ParamValue,
  type StepParam,
  type StepValues,
} from './step-table.js';

export interface PublishPlan {
  /** junit result files, relative to the step's directory. */
  junit: string[];
  html: { dir: string; file: string; name: string } | null;
  /** archiveArtifacts patterns, relative to the step's directory (rerun.sh included). */
  archive: string[];
  /** SARIF files for Warnings NG's recordIssues: the file (relative), the issues' id and their name. */
  sarif: { pattern: string; id: string; name: string }[];
}

export interface StepPlan {
  step: JenkinsStep;
  values: StepValues;
  /** The command line: `['fingerprint', '--python=/usr/bin/python3']`. */
  argv: string[];
  /** Absolute path of rerun.sh. */
  rerun: string;
  /** Variables rerun.sh needs set (bound from credentials by the step); names only. */
  needs: string[];
  /** The withCredentials bindings the Groovy makes around the run (ids and variable names, never secrets). */
  credentials: CredentialBinding[];
  publish: PublishPlan;
  /** Absolute path of the summary.md that words a run with findings, if the step has one. */
  summary: string | null;
  /** Paths that cannot be archived or published (outside the step's directory, or not a plain path). */
  notPublished: string[];
}

/** One withCredentials binding as the Groovy builds it: usernamePassword(...), string(...) or file(...). */
export type CredentialBinding =
  | { kind: 'usernamePassword'; credentialsId: string; usernameVariable: string; passwordVariable: string }
  | { kind: 'string' | 'file'; credentialsId: string; variable: string };

/** The bindings for the credential ids a map names, in table order. */
export function credentialBindings(step: JenkinsStep, values: StepValues): CredentialBinding[] {
  const out: CredentialBinding[] = [];
  for (const p of stepParams(step)) {
    const id = values[p.name];
    if (p.credentialKind === undefined || typeof id !== 'string' || id === '') continue;
    const [first, second] = p.credentialVariables ?? [];
    if (p.credentialKind === 'usernamePassword')
      out.push({ kind: 'usernamePassword', credentialsId: id, usernameVariable: first!, passwordVariable: second! });
    else out.push({ kind: p.credentialKind, credentialsId: id, variable: first! });
  }
  return out;
}

const HELP = 'see the help page pyhermetic.txt';

/** What a wrong value is, for messages. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return `a boolean: ${v}`;
  if (typeof v === 'number') return `a number: ${v}`;
  if (typeof v === 'string') return `a string: ${v}`;
  if (Array.isArray(v)) return `a list: [${v.map(String).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}:${String(x)}`);
    return `a map: [${entries.join(', ') || ':'}]`;
  }
  return `a value: ${String(v)}`;
}

const isNumericText = (s: string): boolean => /^-?\d+(\.\d+)?$/.test(s);

/** One value checked against its declared type; returns the value to use or throws the message. */
function checkValue(title: string, p: StepParam, v: unknown): ParamValue {
  const wrong = (what: string): never => {
    throw new UsageError(`${title}: parameter '${p.name}' ${what}`);
  };
  switch (p.type) {
    case 'boolean':
      return typeof v === 'boolean' ? v : wrong(`must be true or false, got ${describeValue(v)}`);
    case 'number':
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'string' && isNumericText(v)) return v;
      return wrong(`must be a number, got ${describeValue(v)}`);
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
      if (typeof v === 'number')
        // JSON keeps no trailing zeros: 2.10 would arrive as 2.1. Only the person's text is exact.
        return wrong(`must be a string, got ${describeValue(v)} (write it in quotes, e.g. ${p.name}: '${v}')`);
      return wrong(`must be a string, got ${describeValue(v)}`);
    case 'list': {
      if (typeof v === 'string') return [v];
      if (!Array.isArray(v))
        return wrong(`must be a list of strings, e.g. ${p.name}: ['value'], got ${describeValue(v)}`);
      const bad = v.find((item) => typeof item !== 'string');
      if (bad !== undefined) return wrong(`must be a list of strings; one item is ${describeValue(bad)}`);
      return v as string[];
    }
    case 'map': {
      if (v === null || typeof v !== 'object' || Array.isArray(v))
        return wrong(`must be a map, e.g. ${p.name}: [KEY: 'value'], got ${describeValue(v)}`);
      const out: Record<string, string> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean')
          return wrong(`must be a map of strings; the value of '${k}' is ${describeValue(x)}`);
        out[k] = String(x);
      }
      return out;
    }
  }
}

const isEmpty = (v: ParamValue | undefined): boolean =>
  v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The map as written, validated, with the defaults applied. An explicit null means "not given". */
export function resolveValues(step: JenkinsStep, given: Record<string, unknown>): StepValues {
  const title = stepTitle(step.name);
  const params = stepParams(step);
  const allowed = params.map((p) => p.name);
  for (const key of Object.keys(given)) {
    if (!allowed.includes(key))
      throw new UsageError(`${title}: unknown parameter '${key}'. Allowed parameters: ${allowed.join(', ')} (${HELP})`);
  }
  const values: StepValues = {};
  for (const p of params) {
    if (key(given, p.name)) {
      const v = given[p.name];
      values[p.name] = v === null || v === undefined ? undefined : checkValue(title, p, v);
    } else if (p.default !== undefined && typeof p.default !== 'function') {
      values[p.name] = p.default;
    }
  }
  // Computed defaults see the other values (the pipeline's `out` follows its `config`).
  for (const p of params) {
    if (!key(given, p.name) && typeof p.default === 'function') values[p.name] = p.default(values);
  }
  for (const p of params) {
    if (p.required && isEmpty(values[p.name]))
      throw new UsageError(`${title}: parameter '${p.name}' is required (${HELP} for an example)`);
  }
  if (values.rerun === '' || values.rerun === undefined)
    throw new UsageError(`${title}: parameter 'rerun' must be a file path`);
  return values;
}

function key(map: Record<string, unknown>, name: string): boolean {
  return Object.hasOwn(map, name);
}

/** The command line: the command's words, then each parameter with an option, in table order. */
export function commandArgv(step: JenkinsStep, values: StepValues): string[] {
  const argv = [...step.command];
  const positionals: string[] = [];
  for (const p of step.params) {
    const v = values[p.name];
    if (p.positional && Array.isArray(v)) positionals.push(...v);
    if (p.option === undefined || v === undefined) continue;
    if (typeof v === 'boolean') {
      if (v) argv.push(`--${p.option}`);
    } else if (Array.isArray(v)) {
      for (const item of v) argv.push(`--${p.option}=${item}`);
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) argv.push(`--${p.option}=${k}=${x}`);
    } else if (v !== '') {
      argv.push(`--${p.option}=${v}`);
    }
  }
  return positionals.length ? [...argv, '--', ...positionals] : argv;
}

/** `{name}` replaced by the value; null when a named value is not given (the entry is left out). */
export function fillTemplate(template: string, values: StepValues): string | null {
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === '' || typeof v === 'object') missing = true;
    return String(v ?? '');
  });
  return missing ? null : filled;
}

/**
 * A path or pattern relative to the step's directory, as junit, archiveArtifacts and publishHTML take
 * them; null when it lies outside (they cannot reach it), holds a comma (their pattern lists split on
 * it), or is a string readJSON's json-lib would turn into a JSON value (`null`, `[…]`, `{…}`).
 */
export function relativeTo(cwd: string, path: string): string | null {
  let rel = path;
  if (path.startsWith('/')) {
    const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
    if (!path.startsWith(prefix)) return null;
    rel = path.slice(prefix.length);
  }
  rel = posix.normalize(rel);
  if (rel === '.' || rel === '..' || rel.startsWith('../') || rel.includes(',')) return null;
  if (rel === 'null' || /^\[[\s\S]*\]$|^\{[\s\S]*\}$/.test(rel)) return null;
  return rel;
}

/**
 * Validates the map of one step and works out everything the runner does for it. `steps` are the resolved
 * steps (step-table.ts, resolveSteps over the runner's commands).
 */
export function planStep(steps: readonly JenkinsStep[], stepName: string, given: unknown, cwd: string): StepPlan {
  const step = steps.find((s) => s.name === stepName);
  if (!step)
    throw new UsageError(`unknown pyhermetic step '${stepName}'`, `the steps: ${steps.map((s) => s.name).join(', ')}`);
  if (given === null || typeof given !== 'object' || Array.isArray(given))
    throw new UsageError(`${stepTitle(step.name)}: the parameters must be a map, got ${describeValue(given)}`);
  const values = resolveValues(step, given as Record<string, unknown>);
  const rerun = posix.resolve(cwd, String(values.rerun));
  const notPublished: string[] = [];
  const relative = (templates: string[] | undefined): string[] => {
    const out: string[] = [];
    for (const t of templates ?? []) {
      const path = fillTemplate(t, values);
      if (path === null) continue;
      const rel = relativeTo(cwd, path);
      if (rel === null) notPublished.push(path);
      else out.push(rel);
    }
    return out;
  };
  const archive = values.archive === false ? [] : relative([...(step.publish.archive ?? []), String(values.rerun)]);
  let html: PublishPlan['html'] = null;
  if (step.publish.html) {
    const [dir] = relative([step.publish.html.dir]);
    if (dir !== undefined) html = { dir, file: step.publish.html.file, name: `pyhermetic ${step.name} report` };
  }
  const sarif: PublishPlan['sarif'] = [];
  for (const entry of step.publish.sarif ?? []) {
    const [pattern] = relative([entry.pattern]);
    if (pattern !== undefined) sarif.push({ ...entry, pattern });
  }
  const summary = step.publish.summary ? fillTemplate(step.publish.summary, values) : null;
  const needs = stepParams(step).flatMap((p) => (values[p.name] !== undefined ? (p.credentialVariables ?? []) : []));
  return {
    step,
    values,
    argv: commandArgv(step, values),
    rerun,
    needs,
    credentials: credentialBindings(step, values),
    publish: { junit: relative(step.publish.junit), html, archive, sarif },
    summary: summary === null ? null : posix.resolve(cwd, summary),
    notPublished,
  };
}
