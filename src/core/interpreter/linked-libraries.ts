// Provenance of the libraries linked into a static interpreter, for interpreter.json (and the SBOM):
// each with its version, the sha256 of the input it came from and its licence.
//   - OpenSSL: the pinned source tarball (openssl.ts).
//   - Debian archives (.a of a -dev package): the package's installed version from dpkg's database of
//     the root the build ran in; the .deb's sha256 from the lock the build root carries inside
//     (buildroot create puts it there), never from the host when the build used a root (the root alone
//     decides the artifact: a root without a lock records null with the reason); a host build asks the
//     host (the .deb in apt's cache, or the SHA256 apt's index records for that version).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256OfFile } from '../../shared/canonical.js';
import { run, scrubbedEnv } from '../../shared/exec.js';
import type { LinkedLibrary } from '../model/manifests.js';
import { OPENSSL } from './openssl.js';
import { debianArchives, LIB_DIR } from './static-libs.js';

/** buildroot.lock as the build-root side writes it: the suite and every .deb of the root. */
export interface BuildRootLock {
  suite: string;
  packages: { name: string; version: string; arch: string; sha256: string }[];
}

interface DpkgPackage {
  version: string;
  arch: string;
}

/** name → version/arch of every installed package, from <root>/var/lib/dpkg/status. */
export async function installedPackages(root: string): Promise<Map<string, DpkgPackage>> {
  const text = await readFile(join(root, 'var/lib/dpkg/status'), 'utf8').catch(() => '');
  const out = new Map<string, DpkgPackage>();
  for (const stanza of text.split(/\n\n+/)) {
    const field = (f: string) => new RegExp(`^${f}: (.*)$`, 'm').exec(stanza)?.[1]?.trim();
    const name = field('Package');
    const status = field('Status');
    const version = field('Version');
    if (name && version && status?.endsWith(' installed'))
      out.set(name, { version, arch: field('Architecture') ?? '' });
  }
  return out;
}

/** The .deb's sha256 on the host: apt's cache, else the SHA256 field of apt's index for that version. */
async function hostDebSha256(
  name: string,
  p: DpkgPackage,
): Promise<{ sha256: string | null; source?: string; why?: string }> {
  // apt names cached files name_version_arch.deb with ':' (an epoch) written as %3a.
  const cached = join('/var/cache/apt/archives', `${name}_${p.version.replace(/:/g, '%3a')}_${p.arch}.deb`);
  const fromCache = await sha256OfFile(cached).then(
    (r) => r.sha256,
    () => undefined,
  );
  if (fromCache) return { sha256: fromCache, source: "the .deb in apt's cache" };
  const r = await run('apt-cache', ['show', '--no-all-versions', `${name}:${p.arch}=${p.version}`], {
    env: scrubbedEnv(),
    timeoutMs: 60_000,
  });
  const m = r.exitCode === 0 ? /^SHA256: ([0-9a-f]{64})$/m.exec(r.stdout) : null;
  if (m) return { sha256: m[1], source: "apt's index entry of that version" };
  return {
    sha256: null,
    why: `the .deb of ${name} ${p.version} is neither in apt's cache nor in apt's index of this host (and the build used no build root whose lock records it)`,
  };
}

/**
 * The linked libraries of a static build. `root` is the filesystem the build ran in ('/' on the host);
 * `lock` is the lock inside the build root (null: the root has none), undefined for a host build.
 */
export async function linkedLibraries(root = '/', lock?: BuildRootLock | null): Promise<LinkedLibrary[]> {
  const installed = await installedPackages(root);
  const out: LinkedLibrary[] = [
    {
      name: OPENSSL.name,
      version: OPENSSL.version,
      inputSha256: OPENSSL.sha256,
      licence: OPENSSL.licence,
      from: `source tarball ${OPENSSL.file} (Debian source package ${OPENSSL.debianSource})`,
      archives: ['libssl.a', 'libcrypto.a'],
    },
  ];
  const byPackage = new Map<string, { archives: string[]; licence: string }>();
  for (const a of debianArchives()) {
    const e = byPackage.get(a.package) ?? { archives: [], licence: a.licence };
    e.archives.push(a.archive);
    byPackage.set(a.package, e);
  }
  for (const [name, { archives, licence }] of [...byPackage].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const p = installed.get(name);
    if (!p) {
      out.push({
        name,
        version: null,
        inputSha256: null,
        licence,
        from: `${LIB_DIR}/${archives.join(', ')}`,
        archives,
        why: `dpkg's database of ${root} does not list ${name} as installed`,
      });
      continue;
    }
    const locked = lock?.packages.find((l) => l.name === name && l.version === p.version);
    const deb = locked
      ? { sha256: locked.sha256, source: `buildroot.lock (${lock?.suite})`, why: undefined }
      : lock === undefined
        ? await hostDebSha256(name, p)
        : {
            sha256: null,
            source: undefined,
            why: `the build root ${lock ? 'lock does not list this version' : 'carries no buildroot.lock (not made by pyhermetic buildroot create)'}`,
          };
    out.push({
      name,
      version: p.version,
      inputSha256: deb.sha256,
      licence,
      from: `Debian package ${name} ${p.version} (${p.arch})${deb.source ? `; .deb sha256 from ${deb.source}` : ''}`,
      archives,
      ...(deb.why ? { why: deb.why } : {}),
    });
  }
  return out;
}
