// The pip cache audit: open every wheel under a directory (a pip cache or a wheelhouse) and say which
// ones must not be handed to this interpreter — the poison-wheel outage, found before it ships.
import pLimit from 'p-limit';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Finding } from '../../shared/errors.js';
import type { FingerprintFields } from '../model/fingerprint-fields.js';
import { linkageFindings } from '../abi/linkage.js';
import { readWheel, type WheelContents } from '../abi/wheel.js';
import { interpreterTagSummary, tagText, wheelFits } from '../abi/wheel-tags.js';
import { policyBreaches, policyNeeds, wheelProvides } from './audit-policy.js';

export interface AuditFinding extends Finding {
  /** The wheel, as found under the audited directory. */
  wheel: string;
  /** pip's wheel-cache key: the wheel's directory below `wheels/` (a hash of the source link). Absent in a wheelhouse. */
  cacheKey?: string;
  /** The member of the wheel the finding is about. */
  member?: string;
  /** Where pip built the wheel from (origin.json beside it in pip ≥ 23), when known. */
  source?: string;
}

export interface AuditOptions {
  dir: string;
  fields: FingerprintFields;
  glibcMax: string;
  concurrency?: number;
}

export interface AuditResult {
  ok: boolean;
  wheels: number;
  findings: AuditFinding[];
}

const MAX_WALK_ENTRIES = 1_000_000;

/** Every `*.whl` file under dir, sorted. Directory symlinks are not followed (no loops); file symlinks are. */
export async function findWheels(dir: string): Promise<string[]> {
  const out: string[] = [];
  let visited = 0;
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (++visited > MAX_WALK_ENTRIES) return;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (
        e.name.endsWith('.whl') &&
        (e.isFile() ||
          (e.isSymbolicLink() &&
            (await stat(p).then(
              (s) => s.isFile(),
              () => false,
            ))))
      )
        out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * pip keeps built wheels at <cache>/wheels/<h0h1>/<h2h3>/<h4h5>/<rest of the hash>/<file>.whl; the
 * directory below `wheels/` is the key. Works when the audited root is the cache, a parent of it, or
 * the wheels/ directory itself; a plain wheelhouse has no key.
 */
export function cacheKeyOf(root: string, wheelPath: string): string | undefined {
  const parts = relative(root, dirname(wheelPath))
    .split(sep)
    .filter((p) => p !== '');
  const at = parts.lastIndexOf('wheels');
  const key = at >= 0 ? parts.slice(at + 1) : basename(root) === 'wheels' ? parts : [];
  return key.length > 0 ? key.join('/') : undefined;
}

async function originOf(wheelPath: string): Promise<string | undefined> {
  try {
    const doc = JSON.parse(await readFile(join(dirname(wheelPath), 'origin.json'), 'utf8')) as { url?: unknown };
    return typeof doc.url === 'string' ? doc.url : undefined;
  } catch {
    return undefined;
  }
}

const REMOVE_FIX =
  'remove this wheel from the cache (delete its cache-key directory) and rebuild it with this interpreter; use pyhermetic env create, which scopes the pip cache per interpreter fingerprint';

/** The findings of one wheel that has been read. Pure: exported for tests. */
export function wheelFindings(
  w: WheelContents,
  fields: FingerprintFields,
  glibcMax: string,
): Omit<AuditFinding, 'wheel' | 'cacheKey' | 'source'>[] {
  const path = w.path;
  const out: Omit<AuditFinding, 'wheel' | 'cacheKey' | 'source'>[] = [];
  for (const p of w.problems) {
    out.push({
      path,
      message: p,
      fix: 'do not install it: delete this file and fetch or build the wheel again from a trusted source',
    });
  }
  if (w.problems.length > 0) return out;
  if (!w.fileName) {
    out.push({
      path,
      message: `${basename(path)} is not a valid wheel file name ({name}-{version}-{python}-{abi}-{platform}.whl)`,
      fix: 'pip would not use it; delete it',
    });
  } else {
    const fit = wheelFits(w.fileName.tags, fields);
    if (!fit.fits) {
      out.push({
        path,
        message: `its tags (${w.fileName.tags.map(tagText).join(', ')}) do not fit the interpreter (${interpreterTagSummary(fields)}): ${fit.reasons[0]}`,
        fix: `this wheel was built for another interpreter: ${REMOVE_FIX}`,
      });
    }
  }
  if (!w.metadataTags) {
    out.push({
      path,
      message: 'no {name}.dist-info/WHEEL file: not a valid wheel',
      fix: 'delete it and build the wheel again',
    });
  } else if (w.fileName) {
    const named = new Set(w.fileName.tags.map(tagText));
    const declared = new Set(w.metadataTags.map(tagText));
    const same = named.size === declared.size && [...named].every((t) => declared.has(t));
    if (!same) {
      out.push({
        path,
        message: `the file name's tags (${[...named].join(', ')}) differ from its WHEEL file's (${[...declared].join(', ')}): the wheel was renamed`,
        fix: 'delete it: a renamed wheel claims compatibility it was not built for',
      });
    }
  }
  const staticInterpreter = !fields.Py_ENABLE_SHARED;
  const libpython = fields.Py_ENABLE_SHARED && fields.INSTSONAME ? fields.INSTSONAME : undefined;
  for (const elf of w.elfs) {
    if (elf.error || !elf.info) {
      out.push({
        path,
        member: elf.name,
        message: `${elf.name}: starts like an ELF file but is not a readable one (${elf.error})`,
        fix: 'delete this wheel and build it again',
      });
      continue;
    }
    for (const f of linkageFindings(elf.info, { path: elf.name, staticInterpreter, glibcMax, libpython })) {
      out.push({ path, member: elf.name, message: `${elf.name}: ${f.message}`, fix: f.fix });
    }
  }
  return out;
}

export async function auditWheels(opts: AuditOptions): Promise<AuditResult> {
  const root = resolve(opts.dir);
  const wheels = await findWheels(root);
  const limit = pLimit(opts.concurrency ?? 2);
  const provided = new Set<string>();
  const perWheel = await Promise.all(
    wheels.map((path) =>
      limit(async () => {
        const contents = await readWheel(path);
        for (const name of wheelProvides(contents)) provided.add(name);
        return { path, found: wheelFindings(contents, opts.fields, opts.glibcMax), needs: policyNeeds(contents) };
      }),
    ),
  );
  // The manylinux check needs every wheel read first: a library may come from a sibling wheel.
  const findings: AuditFinding[] = [];
  for (const { path, found, needs } of perWheel) {
    const all = [...found, ...(needs ? policyBreaches(path, needs, provided) : [])];
    if (all.length === 0) continue;
    const cacheKey = cacheKeyOf(root, path);
    const source = await originOf(path);
    findings.push(...all.map((f): AuditFinding => ({ ...f, wheel: path, cacheKey, source })));
  }
  return { ok: findings.length === 0, wheels: wheels.length, findings };
}
