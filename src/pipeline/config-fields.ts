// The keys of pyhermetic.json, declared once (shared/json-fields.ts): what validatePipelineConfig reads and
// what docs/config-files.md lists. A bad value stops at the first problem, naming the key and what it must
// be; relative paths are resolved against the config file's directory.
import { basename, resolve } from 'node:path';
import { SONAME_RE } from '../core/abi/linkage.js';
import { FAIL_ON, type FailOn } from '../core/audit/rules.js';
import { parseRemote, type RemoteTarget } from '../core/store/remote-config.js';
import { DEPLOY_PATH_RE } from '../core/verify/verify.js';
import { UsageError } from '../shared/errors.js';
import type { JsonField } from '../shared/json-fields.js';
import { CONFIG_EXAMPLE } from './config-example.js';

export interface ConfigContext {
  /** The config file, named in every message. */
  file: string;
  /** Its directory: relative paths are resolved against it. */
  baseDir: string;
  /** The whole document (the package name defaults to the app directory's name). */
  doc: Record<string, unknown>;
}

/** A package file name: no path separators, nothing a shell or tar would read specially. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const GLIBC_RE = /^\d+\.\d+$/;
/** PEP 503-ish project names, as `--allow-source` takes them. */
const PROJECT_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const MODULE_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const DEFAULT_TEST_COMMAND = ['python', '-m', 'pytest', '-q'];

export function fail(file: string, field: string, problem: string): never {
  throw new UsageError(`${file}: "${field}" ${problem}`, `fix the field; a complete example:\n${CONFIG_EXAMPLE}`);
}

export function typeName(v: unknown): string {
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

/** An optional path: null or absent is null. */
function pathOrNull(key: string, doc: string, absent: string): JsonField<ConfigContext, string | null> {
  return {
    type: 'path or `null`',
    default: absent,
    doc,
    read: (v, { file, baseDir }) => (v === undefined || v === null ? null : resolve(baseDir, str(file, key, v))),
  };
}

/** An optional list of strings of one kind. */
function list(
  key: string,
  type: string,
  doc: string,
  pattern?: RegExp,
  what?: string,
): JsonField<ConfigContext, string[]> {
  return {
    type,
    default: '`[]`',
    doc,
    read: (v, { file }) => (v === undefined ? [] : strList(file, key, v, { pattern, what })),
  };
}

/** The app directory as given, or the config's directory. */
function appDir({ file, baseDir, doc }: ConfigContext): string {
  return doc.app === undefined ? baseDir : resolve(baseDir, str(file, 'app', doc.app));
}

function indexUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return ['file:', 'http:', 'https:'].includes(u.protocol);
  } catch {
    return false;
  }
}

/** A remote store URL, through the one validator every command uses (remote-config.ts parseRemote). */
function remoteOrNull(file: string, v: unknown): RemoteTarget | null {
  if (v === undefined || v === null) return null;
  const s = str(file, 'remote', v);
  try {
    return parseRemote(s, 'the URL');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return fail(file, 'remote', `is refused: ${err.message}${err.hint ? ` (${err.hint})` : ''}`);
  }
}

/** "auditPins": true (the default: the config's directory, fail on errors), false, or {"paths", "failOn"}. */
function auditPinsOf(file: string, v: unknown, baseDir: string): { paths: string[]; failOn: FailOn } | null {
  if (v === false || v === null) return null;
  if (v === undefined || v === true) return { paths: [baseDir], failOn: 'error' };
  if (typeof v !== 'object' || Array.isArray(v))
    fail(file, 'auditPins', `must be true, false or {"paths": [...], "failOn": "error"}, got ${typeName(v)}`);
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== 'paths' && k !== 'failOn');
  if (extra.length > 0) fail(file, `auditPins.${extra[0]}`, 'is not a known key (auditPins has "paths" and "failOn")');
  const failOn = o.failOn === undefined ? 'error' : str(file, 'auditPins.failOn', o.failOn);
  if (!(FAIL_ON as readonly string[]).includes(failOn))
    fail(file, 'auditPins.failOn', `must be one of ${FAIL_ON.join(', ')}, got ${JSON.stringify(failOn)}`);
  const paths =
    o.paths === undefined
      ? [baseDir]
      : strList(file, 'auditPins.paths', o.paths, { nonEmpty: true }).map((p) => resolve(baseDir, p));
  return { paths, failOn: failOn as FailOn };
}

const name: JsonField<ConfigContext, string> = {
  type: 'string (letters, digits, `. _ + -`)',
  default: "the app directory's name",
  doc: 'the package file name, `dist/<name>.tar.gz`',
  read(v, ctx) {
    const n = v === undefined ? basename(appDir(ctx)) : str(ctx.file, 'name', v);
    if (!NAME_RE.test(n)) {
      fail(
        ctx.file,
        'name',
        `${JSON.stringify(n)} is not usable as a file name (letters, digits, . _ + -)${v === undefined ? '; it defaults to the app directory\'s name, set "name" explicitly' : ''}`,
      );
    }
    return n;
  },
};

const test: JsonField<ConfigContext, { command: string[] }> = {
  type: '`{"command": [argv]}`',
  default: '`{"command": ["python", "-m", "pytest", "-q"]}`',
  doc: "the test command, an argv (never a shell string); `python`/`python3` is the test env's python, another bare name is looked up in the env's `bin/` first",
  read(t, { file }) {
    if (t === undefined) return { command: DEFAULT_TEST_COMMAND };
    if (typeof t !== 'object' || t === null || Array.isArray(t))
      fail(file, 'test', `must be an object {"command": [...]}, got ${typeName(t)}`);
    const extra = Object.keys(t).filter((k) => k !== 'command');
    if (extra.length > 0) fail(file, `test.${extra[0]}`, 'is not a known key (test has only "command")');
    if ((t as Record<string, unknown>).command === undefined) fail(file, 'test.command', 'is required');
    return { command: strList(file, 'test.command', (t as Record<string, unknown>).command, { nonEmpty: true }) };
  },
};

const indexUrls: JsonField<ConfigContext, string[]> = {
  type: 'non-empty array of `file://`, `http://`, `https://` URLs',
  required: true,
  doc: 'the package indexes (the first is `--index-url`)',
  read(v, { file }) {
    const urls = strList(file, 'indexUrls', v, { nonEmpty: true });
    urls.forEach((u, i) => {
      if (!indexUrl(u))
        fail(file, `indexUrls[${i}]`, `is not a file://, http:// or https:// URL: ${JSON.stringify(u)}`);
    });
    return urls;
  },
};

const glibcMax: JsonField<ConfigContext, string | null> = {
  type: 'string like `"2.31"`, or `null`',
  default: "the interpreter's own floor",
  doc: 'the GLIBC symbol-version floor verify holds the package to (`--glibc-max`)',
  read(v, { file }) {
    // No default number: verify holds the package to its interpreter's own floor unless one is given.
    const g = v === undefined || v === null ? null : str(file, 'glibcMax', v);
    if (g !== null && !GLIBC_RE.test(g))
      fail(file, 'glibcMax', `must look like "2.31" (or null: the interpreter's own floor), got ${JSON.stringify(g)}`);
    return g;
  },
};

const productionRoot: JsonField<ConfigContext, string[]> = {
  type: 'path, or array of paths (directories or .tar/.tar.gz)',
  default: 'none',
  doc: 'root file systems verify runs the package in (`verify --root`)',
  read(v, { file, baseDir }) {
    const roots = v === undefined || v === null ? [] : v;
    return (
      typeof roots === 'string' ? [str(file, 'productionRoot', roots)] : strList(file, 'productionRoot', roots)
    ).map((r) => resolve(baseDir, r));
  },
};

const deployPath: JsonField<ConfigContext, string | null> = {
  type: 'absolute path',
  default: '`/opt/<name>`',
  doc: 'where the package is extracted on the production host (`verify --deploy-path`)',
  read(v, { file }) {
    const d = v === undefined || v === null ? null : str(file, 'deployPath', v);
    if (d !== null && (!DEPLOY_PATH_RE.test(d) || d.split('/').includes('..')))
      fail(file, 'deployPath', `must be an absolute, normal path like "/opt/demo-app", got ${JSON.stringify(d)}`);
    return d;
  },
};

/** The lock of each version when `specs` names several and `lock` is not given. */
export const DEFAULT_MATRIX_LOCK = 'requirements-{version}.lock';

/** `spec`, or `specs`: exactly one of them. */
function oneOfSpecs({ file, doc }: ConfigContext): void {
  if (doc.spec !== undefined && doc.specs !== undefined)
    fail(file, 'specs', 'and "spec" are both given: name one spec with "spec", or several with "specs"');
  if (doc.spec === undefined && doc.specs === undefined)
    fail(file, 'spec', 'is required (or "specs" for several interpreter versions)');
}

/** The specs of several versions, resolved, each once. */
function specsList({ file, baseDir }: ConfigContext, v: unknown): string[] {
  const specs = strList(file, 'specs', v, { nonEmpty: true }).map((s) => resolve(baseDir, s));
  const dup = specs.find((s, i) => specs.indexOf(s) !== i);
  if (dup) fail(file, 'specs', `names ${dup} twice`);
  return specs;
}

const spec: JsonField<ConfigContext, string> = {
  type: 'path',
  default: 'required unless `specs` is given',
  doc: 'the interpreter spec, `python.json`',
  read(v, ctx) {
    oneOfSpecs(ctx);
    return v === undefined ? specsList(ctx, ctx.doc.specs)[0]! : resolve(ctx.baseDir, str(ctx.file, 'spec', v));
  },
};

const specs: JsonField<ConfigContext, { specs: string[]; lockPattern: string } | null> = {
  type: 'array of paths',
  default: 'one spec (`spec`)',
  doc: 'several CPython versions, one spec each: the chain runs once per spec, each with its own lock, package and report, and a summary report (docs/pipeline-and-demo.md)',
  read(v, ctx) {
    if (v === undefined) return null;
    const list = specsList(ctx, v);
    const lock = ctx.doc.lock;
    const pattern = lock === undefined ? DEFAULT_MATRIX_LOCK : str(ctx.file, 'lock', lock);
    if (!pattern.includes('{version}'))
      fail(
        ctx.file,
        'lock',
        `must contain {version} when "specs" names several interpreters (one lock per version, e.g. "${DEFAULT_MATRIX_LOCK}"), got ${JSON.stringify(pattern)}`,
      );
    return { specs: list, lockPattern: resolve(ctx.baseDir, pattern) };
  },
};

const lock: JsonField<ConfigContext, string> = {
  type: 'path; with `specs` a pattern with `{version}`',
  default: 'required with `spec`; `"requirements-{version}.lock"` with `specs`',
  doc: 'the committed hash lock `pyhermetic lock` made for this interpreter (with `specs`: one per version, `{version}` = `3.9.2`, `3.14.7t`)',
  read(v, { file, baseDir, doc }) {
    if (v === undefined && doc.specs === undefined) fail(file, 'lock', 'is required');
    return resolve(baseDir, v === undefined ? DEFAULT_MATRIX_LOCK : str(file, 'lock', v));
  },
};

/** pyhermetic.json's keys, in the order they are checked and documented. */
export const CONFIG_FIELDS = {
  name,
  spec,
  specs,
  requirements: {
    type: 'path',
    default: '`"requirements.in"`',
    doc: 'the input of `pyhermetic lock`; used in the re-lock command the lock check prints',
    read: (v, { file, baseDir }) =>
      resolve(baseDir, v === undefined ? 'requirements.in' : str(file, 'requirements', v)),
  },
  lock,
  indexUrls,
  allowSource: list(
    'allowSource',
    'array of project names',
    'names allowed to build from an sdist (`--allow-source`)',
    PROJECT_RE,
    'a project name',
  ),
  app: {
    type: 'path',
    default: "the config file's directory",
    doc: 'the application directory that is tested and packed',
    read: (_v, ctx) => appDir(ctx),
  },
  test,
  smoke: list(
    'smoke',
    'array of module names',
    'modules verify imports from the moved package (`--smoke`)',
    MODULE_RE,
    'a module name',
  ),
  glibcMax,
  systemLibraries: list(
    'systemLibraries',
    'array of sonames',
    'libraries the production hosts provide besides glibc (`verify --allow-system-lib`)',
    SONAME_RE,
    'a library name (soname)',
  ),
  strictHostLibs: {
    type: 'boolean',
    default: '`false`',
    doc: "verify allows glibc's libraries only, no manylinux policy allowance for wheels (`verify --strict-host-libs`)",
    read(v, { file }) {
      const strict = v ?? false;
      if (typeof strict !== 'boolean') fail(file, 'strictHostLibs', `must be true or false, got ${typeName(strict)}`);
      return strict;
    },
  },
  productionRoot,
  deployPath,
  store: pathOrNull(
    'store',
    'the store root; `--store` overrides it',
    '`$PYHERMETIC_HOME`, else `~/.cache/pyhermetic`',
  ),
  cacheRoot: pathOrNull(
    'cacheRoot',
    'the pip cache root of `env create`',
    "`<store>/cache` when a store is named, else env create's default",
  ),
  remote: {
    type: 'URL or `null`',
    default: 'none',
    doc: 'a shared remote store (docs/remote-store.md); `--remote` overrides it; publishing is `--publish`',
    read: (v, { file }) => remoteOrNull(file, v),
  },
  baseline: pathOrNull('baseline', 'the last released package: the report gets "changes since the baseline"', 'none'),
  auditPins: {
    type: '`true`, `false`, or `{"paths": [paths], "failOn": "error"|"warning"|…}`',
    default: "`true`: the config's directory, failing on errors",
    doc: 'the first stage, `audit pins` (docs/audit-pins.md); `false` leaves it out',
    read: (v, { file, baseDir }) => auditPinsOf(file, v, baseDir),
  },
} satisfies Record<string, JsonField<ConfigContext>>;
