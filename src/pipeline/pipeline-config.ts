// pyhermetic.json: what `pyhermetic pipeline` runs for one project. Validated strictly (an unknown
// key is an error, not a silent no-op: a typo such as "indexUrl" must not fall back to a default
// index). Relative paths are resolved against the config file's directory, so the pipeline gives
// the same result whatever directory it is started from.
import { readUserJson } from '../shared/user-json.js';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { SONAME_RE } from '../core/abi/linkage.js';
import { DEPLOY_PATH_RE } from '../core/verify/verify.js';
import { UsageError } from '../shared/errors.js';
import { CONFIG_EXAMPLE } from './config-example.js';

export interface PipelineConfig {
  /** Absolute path of the config file itself. */
  configPath: string;
  /** Directory every relative path below was resolved against. */
  baseDir: string;
  /** Name of the package file: dist/<name>.tar.gz. */
  name: string;
  spec: string;
  requirements: string;
  lock: string;
  indexUrls: string[];
  allowSource: string[];
  app: string;
  test: { command: string[] };
  smoke: string[];
  /** The glibc floor given to verify; null: the interpreter's own (verify's default). */
  glibcMax: string | null;
  /** Libraries (sonames) the production hosts provide besides glibc's: verify --allow-system-lib. */
  systemLibraries: string[];
  /** Root filesystems (directory or .tar/.tar.gz) verify runs the package in: verify --root. */
  productionRoots: string[];
  /** Where the package is extracted on the production host: verify --deploy-path (null: /opt/<name>). */
  deployPath: string | null;
  store: string | null;
  cacheRoot: string | null;
  /** A shared remote store URL (read through; publishing is the job's decision: --publish). */
  remote: string | null;
  /** The last released package: the report gets a "changes since the baseline" section. */
  baseline: string | null;
}

const KEYS = [
  'name',
  'spec',
  'requirements',
  'lock',
  'indexUrls',
  'allowSource',
  'app',
  'test',
  'smoke',
  'glibcMax',
  'systemLibraries',
  'productionRoot',
  'deployPath',
  'store',
  'cacheRoot',
  'remote',
  'baseline',
] as const;
const REQUIRED = ['spec', 'lock', 'indexUrls'] as const;

export { CONFIG_EXAMPLE };

/** A package file name: no path separators, nothing a shell or tar would read specially. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const GLIBC_RE = /^\d+\.\d+$/;
/** PEP 503-ish project names, as `--allow-source` takes them. */
const PROJECT_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

function fail(file: string, field: string, problem: string): never {
  throw new UsageError(`${file}: "${field}" ${problem}`, `fix the field; a complete example:\n${CONFIG_EXAMPLE}`);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

function str(file: string, field: string, v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) fail(file, field, `must be a non-empty string, got ${typeName(v)}`);
  if (v.includes('\0')) fail(file, field, 'must not contain a NUL byte');
  return v;
}

function strList(
  file: string,
  field: string,
  v: unknown,
  opts: { nonEmpty?: boolean; pattern?: RegExp; what?: string } = {},
): string[] {
  if (!Array.isArray(v)) fail(file, field, `must be an array of strings, got ${typeName(v)}`);
  if (opts.nonEmpty && v.length === 0) fail(file, field, 'must not be empty');
  return v.map((item, i) => {
    const s = str(file, `${field}[${i}]`, item);
    if (opts.pattern && !opts.pattern.test(s))
      fail(file, `${field}[${i}]`, `is not ${opts.what ?? 'valid'}: ${JSON.stringify(s)}`);
    return s;
  });
}

function pathOrNull(file: string, field: string, v: unknown, baseDir: string): string | null {
  if (v === undefined || v === null) return null;
  return resolve(baseDir, str(file, field, v));
}

/** A remote store URL: http(s) or a kind+http(s) scheme, and never with credentials in it. */
function remoteOrNull(file: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = str(file, 'remote', v);
  let u: URL | undefined;
  try {
    u = new URL(s);
  } catch {
    u = undefined;
  }
  if (!u || !/^((webdav|artifactory|nexus)\+)?https?:$/.test(u.protocol))
    fail(file, 'remote', 'must be an http(s):// URL, or artifactory+https:// / nexus+https:// (docs/remote-store.md)');
  if (u.username || u.password)
    fail(file, 'remote', 'must not carry credentials: set PYHERMETIC_REMOTE_TOKEN or PYHERMETIC_REMOTE_USER/PASSWORD');
  return s;
}

function indexUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return ['file:', 'http:', 'https:'].includes(u.protocol);
  } catch {
    return false;
  }
}

/** Validates a parsed pyhermetic.json; `configPath` must be absolute (it anchors relative paths). */
export function validatePipelineConfig(doc: unknown, configPath: string): PipelineConfig {
  const file = configPath;
  if (!isAbsolute(configPath)) throw new Error(`validatePipelineConfig needs an absolute path, got ${configPath}`);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new UsageError(
      `${file}: must hold a JSON object, got ${typeName(doc)}`,
      `a complete example:\n${CONFIG_EXAMPLE}`,
    );
  }
  const o = doc as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new UsageError(
      `${file}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`,
      `the keys are: ${KEYS.join(', ')}`,
    );
  }
  for (const k of REQUIRED) if (o[k] === undefined) fail(file, k, 'is required');
  const baseDir = dirname(configPath);
  const at = (field: string, v: unknown): string => resolve(baseDir, str(file, field, v));

  const app = o.app === undefined ? baseDir : at('app', o.app);
  let command = ['python', '-m', 'pytest', '-q'];
  if (o.test !== undefined) {
    const t = o.test;
    if (typeof t !== 'object' || t === null || Array.isArray(t))
      fail(file, 'test', `must be an object {"command": [...]}, got ${typeName(t)}`);
    const extra = Object.keys(t).filter((k) => k !== 'command');
    if (extra.length > 0) fail(file, `test.${extra[0]}`, 'is not a known key (test has only "command")');
    if ((t as Record<string, unknown>).command === undefined) fail(file, 'test.command', 'is required');
    command = strList(file, 'test.command', (t as Record<string, unknown>).command, { nonEmpty: true });
  }
  // No default number: verify holds the package to its interpreter's own floor unless one is given.
  const glibcMax = o.glibcMax === undefined || o.glibcMax === null ? null : str(file, 'glibcMax', o.glibcMax);
  if (glibcMax !== null && !GLIBC_RE.test(glibcMax))
    fail(
      file,
      'glibcMax',
      `must look like "2.31" (or null: the interpreter's own floor), got ${JSON.stringify(glibcMax)}`,
    );
  const roots = o.productionRoot === undefined || o.productionRoot === null ? [] : o.productionRoot;
  const productionRoots = (
    typeof roots === 'string' ? [str(file, 'productionRoot', roots)] : strList(file, 'productionRoot', roots)
  ).map((r) => resolve(baseDir, r));
  const deployPath = o.deployPath === undefined || o.deployPath === null ? null : str(file, 'deployPath', o.deployPath);
  if (deployPath !== null && (!DEPLOY_PATH_RE.test(deployPath) || deployPath.split('/').includes('..')))
    fail(
      file,
      'deployPath',
      `must be an absolute, normal path like "/opt/demo-app", got ${JSON.stringify(deployPath)}`,
    );
  const name = o.name === undefined ? basename(app) : str(file, 'name', o.name);
  if (!NAME_RE.test(name)) {
    fail(
      file,
      'name',
      `${JSON.stringify(name)} is not usable as a file name (letters, digits, . _ + -)${o.name === undefined ? '; it defaults to the app directory\'s name, set "name" explicitly' : ''}`,
    );
  }
  const indexUrls = strList(file, 'indexUrls', o.indexUrls, { nonEmpty: true });
  indexUrls.forEach((u, i) => {
    if (!indexUrl(u)) fail(file, `indexUrls[${i}]`, `is not a file://, http:// or https:// URL: ${JSON.stringify(u)}`);
  });

  return {
    configPath,
    baseDir,
    name,
    spec: at('spec', o.spec),
    requirements:
      o.requirements === undefined ? resolve(baseDir, 'requirements.in') : at('requirements', o.requirements),
    lock: at('lock', o.lock),
    indexUrls,
    allowSource:
      o.allowSource === undefined
        ? []
        : strList(file, 'allowSource', o.allowSource, { pattern: PROJECT_RE, what: 'a project name' }),
    app,
    test: { command },
    smoke:
      o.smoke === undefined
        ? []
        : strList(file, 'smoke', o.smoke, {
            pattern: /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
            what: 'a module name',
          }),
    glibcMax,
    systemLibraries:
      o.systemLibraries === undefined
        ? []
        : strList(file, 'systemLibraries', o.systemLibraries, { pattern: SONAME_RE, what: 'a library name (soname)' }),
    productionRoots,
    deployPath,
    store: pathOrNull(file, 'store', o.store, baseDir),
    cacheRoot: pathOrNull(file, 'cacheRoot', o.cacheRoot, baseDir),
    remote: remoteOrNull(file, o.remote),
    baseline: pathOrNull(file, 'baseline', o.baseline, baseDir),
  };
}

/** Reads and validates the config file (exit 2 for a missing file, bad JSON or a bad field). */
export async function loadPipelineConfig(path: string): Promise<PipelineConfig> {
  const configPath = resolve(path);
  const doc = readUserJson(configPath, {
    what: 'the pipeline config',
    hint: `pass --config pyhermetic.json; a complete example:\n${CONFIG_EXAMPLE}`,
  });
  return validatePipelineConfig(doc, configPath);
}
