// pyhermetic.json: what `pyhermetic pipeline` runs for one project. Validated strictly (an unknown
// key is an error, not a silent no-op: a typo such as "indexUrl" must not fall back to a default
// index). Relative paths are resolved against the config file's directory, so the pipeline gives
// the same result whatever directory it is started from.
import type { FailOn } from '../core/audit/rules.js';
import type { RemoteTarget } from '../core/store/remote-config.js';
import { readUserJson } from '../shared/user-json.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { isJsonObject, missingKeys, readFields, unknownKeys } from '../shared/json-fields.js';
import { CONFIG_EXAMPLE } from './config-example.js';
import { CONFIG_FIELDS, fail, typeName } from './config-fields.js';

export interface PipelineConfig {
  /** Absolute path of the config file itself. */
  configPath: string;
  /** Directory every relative path below was resolved against. */
  baseDir: string;
  /** Name of the package file: dist/<name>.tar.gz. */
  name: string;
  /** The interpreter spec (with `specs`: the first one; each version runs with its own, see matrix). */
  spec: string;
  /**
   * Several interpreter specs (`"specs": ["py39.json", …]`): the pipeline runs once per spec, each with
   * its own lock (`lock` with {version} replaced by the spec's version, e.g. requirements-3.14.7t.lock),
   * package and report, plus a summary report (pipeline-matrix.ts). null: one spec.
   */
  matrix: { specs: string[]; lockPattern: string } | null;
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
  /** verify --strict-host-libs: glibc's libraries only, no manylinux policy allowance for wheels. */
  strictHostLibs: boolean;
  /** Root filesystems (directory or .tar/.tar.gz) verify runs the package in: verify --root. */
  productionRoots: string[];
  /** Where the package is extracted on the production host: verify --deploy-path (null: /opt/<name>). */
  deployPath: string | null;
  store: string | null;
  cacheRoot: string | null;
  /** A shared remote store URL (read through; publishing is the job's decision: --publish). */
  remote: RemoteTarget | null;
  /** The last released package: the report gets a "changes since the baseline" section. */
  baseline: string | null;
  /** The first stage, `audit pins` over `paths` (absolute); null when "auditPins" is false. */
  auditPins: { paths: string[]; failOn: FailOn } | null;
}

export { CONFIG_EXAMPLE };

/** Validates a parsed pyhermetic.json; `configPath` must be absolute (it anchors relative paths). */
export function validatePipelineConfig(doc: unknown, configPath: string): PipelineConfig {
  const file = configPath;
  if (!isAbsolute(configPath)) throw new Error(`validatePipelineConfig needs an absolute path, got ${configPath}`);
  if (!isJsonObject(doc)) {
    throw new UsageError(
      `${file}: must hold a JSON object, got ${typeName(doc)}`,
      `a complete example:\n${CONFIG_EXAMPLE}`,
    );
  }
  const unknown = unknownKeys(doc, CONFIG_FIELDS);
  if (unknown.length > 0) {
    throw new UsageError(
      `${file}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`,
      `the keys are: ${Object.keys(CONFIG_FIELDS).join(', ')}`,
    );
  }
  for (const k of missingKeys(doc, CONFIG_FIELDS)) fail(file, k, 'is required');
  const baseDir = dirname(configPath);
  const v = readFields(doc, CONFIG_FIELDS, { file, baseDir, doc });
  return {
    configPath,
    baseDir,
    name: v.name,
    spec: v.spec,
    matrix: v.specs,
    requirements: v.requirements,
    lock: v.lock,
    indexUrls: v.indexUrls,
    allowSource: v.allowSource,
    app: v.app,
    test: v.test,
    smoke: v.smoke,
    glibcMax: v.glibcMax,
    systemLibraries: v.systemLibraries,
    strictHostLibs: v.strictHostLibs,
    productionRoots: v.productionRoot,
    deployPath: v.deployPath,
    store: v.store,
    cacheRoot: v.cacheRoot,
    remote: v.remote,
    baseline: v.baseline,
    auditPins: v.auditPins,
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
