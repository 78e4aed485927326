// A real env for the pack/verify tests: the suite's built interpreter, a lock of a few real wheels from
// the local mirror made by `pyhermetic lock`, installed by `pyhermetic env create`. Plus small helpers to
// make variants of it cheaply (hard-linked copies whose changed files are replaced, never edited in place).
import { execa } from 'execa';
import { readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isElf, parseElf } from '../../src/core/abi/elf.js';
import { isGlibcLibrary, isLibpython } from '../../src/core/abi/linkage.js';
import { builtInterpreter, type BuiltInterpreter, type InterpreterKind } from './interpreters.js';
import { LOCAL_INDEX, runPyhermetic, tempDir } from './runner.js';

export const SITE = 'lib/python3.11/site-packages';

export interface TestEnv {
  interp: BuiltInterpreter;
  work: string;
  lock: string;
  env: string;
}

export async function makeEnv(
  kind: InterpreterKind,
  requirements = ['markupsafe', 'orjson'],
  indexUrls = [LOCAL_INDEX],
): Promise<TestEnv> {
  const indexArgs = indexUrls.flatMap((u) => ['--index-url', u]);
  const interp = await builtInterpreter(kind);
  const work = tempDir(`pkgenv-${kind}-`);
  writeFileSync(join(work, 'requirements.in'), `${requirements.join('\n')}\n`);
  const lock = join(work, 'requirements.lock');
  const l = await runPyhermetic([
    'lock',
    '-r',
    join(work, 'requirements.in'),
    '--interpreter',
    interp.artifact,
    ...indexArgs,
    '-o',
    lock,
  ]);
  if (l.exitCode !== 0) throw new Error(`lock failed (${l.exitCode}):\n${l.stderr}`);
  const env = join(work, 'env');
  const e = await runPyhermetic([
    'env',
    'create',
    '--interpreter',
    interp.artifact,
    '--lock',
    lock,
    '--dest',
    env,
    ...indexArgs,
    '--cache-root',
    join(work, 'cache'),
  ]);
  if (e.exitCode !== 0) throw new Error(`env create failed (${e.exitCode}):\n${e.stderr}`);
  return { interp, work, lock, env };
}

/**
 * The libraries a host-built interpreter needs besides glibc's (libssl.so.3, libffi.so.8, …), read from
 * its ELF files: what `verify --allow-system-lib` must declare for a package of it to verify clean.
 */
export function hostLibraries(prefix: string): string[] {
  const needed = new Set<string>();
  const present = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        present.add(e.name);
        const bytes = readFileSync(p);
        if (!isElf(bytes)) continue;
        for (const n of parseElf(bytes).needed) if (!isGlibcLibrary(n) && !isLibpython(n)) needed.add(n);
      }
    }
  };
  walk(prefix);
  return [...needed].filter((n) => !present.has(n)).sort();
}

/** `--allow-system-lib NAME` for each of hostLibraries(prefix). */
export function allowHostLibraries(prefix: string): string[] {
  return hostLibraries(prefix).flatMap((n) => ['--allow-system-lib', n]);
}

/** The arguments of `env create` of this env's interpreter and lock into `dest` with `cacheRoot`. */
export function envCreateArgs(t: TestEnv, dest: string, cacheRoot: string, extra: string[] = []): string[] {
  const base = ['env', 'create', '--interpreter', t.interp.artifact, '--lock', t.lock, '--index-url', LOCAL_INDEX];
  return [...base, '--cache-root', cacheRoot, '--dest', dest, ...extra];
}

/** A hard-linked copy of a tree (fast; change files only with replaceFile/removeFile). */
export async function linkedCopy(src: string, dest: string): Promise<string> {
  await execa('cp', ['-al', src, dest]);
  return dest;
}

/** Replaces a file of a linked copy without touching the original it shares an inode with. */
export function replaceFile(path: string, content: string | Buffer, mode = 0o644): void {
  rmSync(path, { force: true });
  writeFileSync(path, content, { mode });
}

export function appendToFile(path: string, text: string): void {
  const old = readFileSync(path);
  replaceFile(path, Buffer.concat([old, Buffer.from(text)]));
}

export function removeFile(path: string): void {
  unlinkSync(path);
}

/** Packs with the real command; returns the --json document. */
export async function pack(
  env: string,
  out: string,
  extra: string[] = [],
): Promise<{ artifact: string; sha256: string; files: number; size: number }> {
  const r = await runPyhermetic(['pack', '--env', env, '--out', out, '--json', ...extra]);
  if (r.exitCode !== 0) throw new Error(`pack failed (${r.exitCode}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

export interface VerifyRun {
  exitCode: number;
  stderr: string;
  report: {
    ok: boolean;
    checks: {
      name: string;
      ok: boolean;
      findings: { path: string; message: string; fix: string }[];
      summary?: string;
      skipped?: string;
    }[];
    artifact: Record<string, unknown>;
    tested: Record<string, unknown>;
  };
}

export async function verify(artifact: string, tested: string, extra: string[] = []): Promise<VerifyRun> {
  const r = await runPyhermetic(['verify', '--artifact', artifact, '--tested', tested, '--json', ...extra]);
  let report: VerifyRun['report'];
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`verify printed no JSON (exit ${r.exitCode}):\n${r.stdout}\n${r.stderr}`);
  }
  return { exitCode: r.exitCode, stderr: r.stderr, report };
}

/** Every finding as "check: path" lines, for exact comparisons. */
export function findingKeys(run: VerifyRun): string[] {
  return run.report.checks.flatMap((c) => c.findings.map((f) => `${c.name}: ${f.path}`)).sort();
}

/** Compiles a tiny CPython extension module with gcc against Debian's 3.11 headers. */
export async function compileExtension(
  dir: string,
  mod: string,
  opts: { body?: string; args?: string[] } = {},
): Promise<string> {
  const c = join(dir, `${mod}.c`);
  writeFileSync(
    c,
    `#include <Python.h>
${opts.body ?? ''}
static struct PyModuleDef def = { PyModuleDef_HEAD_INIT, "${mod}", NULL, -1, NULL };
PyMODINIT_FUNC PyInit_${mod}(void) { return PyModule_Create(&def); }
`,
  );
  const out = join(dir, `${mod}.cpython-311-x86_64-linux-gnu.so`);
  await execa('gcc', ['-shared', '-fPIC', '-O1', '-I/usr/include/python3.11', '-o', out, c, ...(opts.args ?? [])]);
  return out;
}
