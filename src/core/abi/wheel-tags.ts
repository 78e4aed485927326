// Does a wheel's tag set fit an interpreter? The same answer pip's tag matching gives for CPython on
// Linux (PEP 425 / 600 / 656, packaging.tags), computed from the interpreter's fingerprint fields so
// the audit needs no running interpreter when it has an artifact.
import { compareVersions } from './elf.js';
import { manylinuxTag } from './manylinux-policy.js';
import type { FingerprintFields } from '../model/fingerprint-fields.js';

export interface WheelTag {
  python: string;
  abi: string;
  platform: string;
}

export interface WheelFileName {
  distribution: string;
  version: string;
  build?: string;
  tags: WheelTag[];
}

export const tagText = (t: WheelTag): string => `${t.python}-${t.abi}-${t.platform}`;

/** Expands a compressed tag triple (`py2.py3-none-any`, `cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64`). */
export function expandTags(python: string, abi: string, platform: string): WheelTag[] {
  const out: WheelTag[] = [];
  for (const p of python.split('.'))
    for (const a of abi.split('.')) for (const pl of platform.split('.')) out.push({ python: p, abi: a, platform: pl });
  return out;
}

/** `{dist}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, or undefined when the name is not a wheel name. */
export function parseWheelFileName(fileName: string): WheelFileName | undefined {
  if (!fileName.endsWith('.whl')) return undefined;
  const parts = fileName.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  if (parts.some((p) => p === '')) return undefined;
  const [distribution, version] = parts;
  const build = parts.length === 6 ? parts[2] : undefined;
  const [python, abi, platform] = parts.slice(-3);
  return { distribution, version, build, tags: expandTags(python, abi, platform) };
}

/** The `Tag:` lines of a `*.dist-info/WHEEL` file (expanded, in file order). */
export function parseWheelMetadataTags(text: string): WheelTag[] {
  const out: WheelTag[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^Tag:\s*(\S+)-(\S+)-(\S+)\s*$/.exec(line);
    if (m) out.push(...expandTags(m[1], m[2], m[3]));
  }
  return out;
}

/**
 * The glibc and architecture a manylinux platform tag stands for (legacy or PEP 600), else undefined.
 * The legacy names (manylinux2014 = 2.17) come from the policy table (manylinux-policy.ts).
 */
export function manylinuxGlibc(platform: string): { glibc: string; arch: string } | undefined {
  return manylinuxTag(platform);
}

/** The platform architecture name wheels use for this interpreter (x86_64, i686, aarch64 …). */
function wheelArch(fields: FingerprintFields): string {
  const m = fields.machine;
  if (fields.pointer_bits === 32 && (m === 'x86_64' || m === 'i386' || m === 'i586' || m === 'i686')) return 'i686';
  if (m === 'arm64') return 'aarch64';
  return m;
}

function pyVersion(fields: FingerprintFields): { major: number; minor: number } {
  return { major: Number(fields.version_info[0]), minor: Number(fields.version_info[1]) };
}

/** Why the platform tag does not fit, or undefined when it does. */
function platformMismatch(platform: string, fields: FingerprintFields): string | undefined {
  if (platform === 'any') return undefined;
  const arch = wheelArch(fields);
  const libc = fields.libc_family;
  if (platform === `linux_${arch}`) return undefined;
  const glibcTag = manylinuxGlibc(platform);
  if (glibcTag) {
    if (glibcTag.arch !== arch) return `platform ${platform} is for ${glibcTag.arch}, the interpreter is ${arch}`;
    if (libc !== 'glibc') return `platform ${platform} needs glibc, the interpreter runs on ${libc}`;
    if (compareVersions(glibcTag.glibc, fields.libc_version) > 0)
      return `platform ${platform} needs glibc ${glibcTag.glibc}, the interpreter has ${fields.libc_version}`;
    return undefined;
  }
  const m = /^musllinux_(\d+)_(\d+)_(.+)$/.exec(platform);
  if (m) {
    if (m[3] !== arch) return `platform ${platform} is for ${m[3]}, the interpreter is ${arch}`;
    if (libc !== 'musl') return `platform ${platform} needs musl, the interpreter runs on ${libc}`;
    if (compareVersions(`${m[1]}.${m[2]}`, fields.libc_version) > 0)
      return `platform ${platform} needs musl ${m[1]}.${m[2]}, the interpreter has ${fields.libc_version}`;
    return undefined;
  }
  return `platform ${platform} is not a Linux ${arch} platform`;
}

/** Why one tag does not fit the interpreter, or undefined when it fits. */
export function tagMismatch(tag: WheelTag, fields: FingerprintFields): string | undefined {
  const { major, minor } = pyVersion(fields);
  const cp = `cp${major}${minor}`;
  const abiflags = fields.ABIFLAGS ?? '';
  const py = /^(py|cp)(\d)(\d*)$/.exec(tag.python);
  if (!py) return `python tag ${tag.python} is not CPython ${major}.${minor}`;
  const [, kind, tagMajor, tagMinorText] = py;
  const tagMinor = tagMinorText === '' ? undefined : Number(tagMinorText);
  if (Number(tagMajor) !== major)
    return `python tag ${tag.python} is for Python ${tagMajor}, the interpreter is ${major}.${minor}`;
  if (tag.abi === 'abi3') {
    // abi3 wheels built for cp3X load in every later CPython 3 (not in a free-threaded build).
    if (kind !== 'cp' || tagMinor === undefined) return `abi3 needs a cp3X python tag, got ${tag.python}`;
    if (tagMinor > minor)
      return `python tag ${tag.python} (abi3) needs CPython ${major}.${tagMinor} or newer, the interpreter is ${major}.${minor}`;
    if (fields.Py_GIL_DISABLED) return 'abi3 wheels do not load in a free-threaded interpreter';
  } else if (tag.abi === 'none') {
    // cp311-none-* and py3 / py311 / py3X (X ≤ minor)
    if (kind === 'cp' && tag.python !== cp) return `python tag ${tag.python} is not ${cp}`;
    if (kind === 'py' && tagMinor !== undefined && tagMinor > minor)
      return `python tag ${tag.python} needs Python ${major}.${tagMinor}, the interpreter is ${major}.${minor}`;
  } else {
    if (tag.python !== cp) return `python tag ${tag.python} is not ${cp}`;
    if (tag.abi !== `${cp}${abiflags}`) return `ABI tag ${tag.abi} is not ${cp}${abiflags}`;
  }
  // A compiled ABI (cp311, abi3) never comes with platform any in practice, but pip would accept it; so do we.
  return platformMismatch(tag.platform, fields);
}

export interface TagFit {
  fits: boolean;
  /** One reason per tag when nothing fits. */
  reasons: string[];
}

/** A wheel fits when any of its tags fits (as pip decides). */
export function wheelFits(tags: WheelTag[], fields: FingerprintFields): TagFit {
  if (tags.length === 0) return { fits: false, reasons: ['the wheel has no tags'] };
  const reasons: string[] = [];
  for (const t of tags) {
    const why = tagMismatch(t, fields);
    if (why === undefined) return { fits: true, reasons: [] };
    reasons.push(`${tagText(t)}: ${why}`);
  }
  return { fits: false, reasons };
}

/** A short description of what the interpreter accepts: `cp311 (cp311, abi3, none) linux x86_64 glibc 2.36`. */
export function interpreterTagSummary(fields: FingerprintFields): string {
  const { major, minor } = pyVersion(fields);
  return `cp${major}${minor}${fields.ABIFLAGS ?? ''} on ${wheelArch(fields)} ${fields.libc_family} ${fields.libc_version}`.trim();
}
