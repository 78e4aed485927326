// Real Debian 11 root filesystems for the tests: `debootstrap --variant=minbase bullseye`, made once per
// test run (and kept across runs when PYHERMETIC_TEST_CACHE names a directory that outlives them). The
// minbase root is the "production host" of the tests: nothing installed beyond debootstrap's minbase,
// glibc 2.31. The archive is the one apt on this machine is configured with (its debian.sources), so
// no host name is written here. Concurrent callers (two mocha processes) wait on one flock.
import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayBuild } from './slow.js';

/** The directory that holds the roots and debootstrap's .deb cache of this run (or of every run). */
export function testCacheDir(): string {
  const dir = process.env.PYHERMETIC_TEST_CACHE ?? join(tmpdir(), 'pyhermetic-test-cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The first `URIs:` of apt's Debian sources: the archive debootstrap fetches from. */
export function debianMirror(): string {
  for (const f of ['/etc/apt/sources.list.d/debian.sources']) {
    if (!existsSync(f)) continue;
    const m = /^URIs:\s*(\S+)/m.exec(readFileSync(f, 'utf8'));
    if (m) return m[1]!;
  }
  const list = existsSync('/etc/apt/sources.list') ? readFileSync('/etc/apt/sources.list', 'utf8') : '';
  const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/m.exec(list);
  if (!m) throw new Error('no Debian archive in apt sources: cannot run debootstrap');
  return m[1]!;
}

const made = new Map<string, Promise<string>>();

/**
 * A Debian root directory (`debootstrap --variant=minbase SUITE`, plus `include` packages), made once
 * and reused. Returns its path; callers must not modify it (copy it first).
 */
export function debianRoot(suite = 'bullseye', include: string[] = []): Promise<string> {
  const name = [suite, 'minbase', ...include].join('-');
  let p = made.get(name);
  if (!p) {
    mayBuild(`a Debian ${suite} root (debootstrap)`);
    p = makeRoot(suite, include, name);
    made.set(name, p);
  }
  return p;
}

async function makeRoot(suite: string, include: string[], name: string): Promise<string> {
  const cache = testCacheDir();
  const dest = join(cache, 'roots', name);
  const debs = join(cache, 'debootstrap-debs');
  mkdirSync(join(cache, 'roots'), { recursive: true });
  mkdirSync(debs, { recursive: true });
  if (existsSync(join(dest, 'etc', 'debian_version'))) return dest;
  const tmp = `${dest}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  // One maker at a time; a waiter finds the finished root after the lock.
  const script = [
    'set -e',
    '[ -f "$DEST/etc/debian_version" ] && exit 0',
    'debootstrap --variant=minbase ${INCLUDE:+--include=$INCLUDE} --cache-dir="$DEBS" "$SUITE" "$TMP" "$MIRROR" >"$TMP.log" 2>&1 || { tail -20 "$TMP.log" >&2; exit 3; }',
  ].join('\n');
  await execa('flock', [join(cache, 'roots', `.${name}.lock`), 'sh', '-c', script], {
    env: { DEST: dest, TMP: tmp, DEBS: debs, SUITE: suite, MIRROR: debianMirror(), INCLUDE: include.join(',') },
    timeout: 15 * 60 * 1000,
  });
  if (!existsSync(join(dest, 'etc', 'debian_version'))) renameSync(tmp, dest);
  rmSync(`${tmp}.log`, { force: true });
  return dest;
}

const tarballs = new Map<string, Promise<string>>();

/**
 * The same root as a .tar (what `docker export` gives), made once with tar beside the root directory
 * and reused. Entries are relative (`./etc/…`), owners numeric.
 */
export function debianRootTarball(suite = 'bullseye', include: string[] = []): Promise<string> {
  const name = [suite, 'minbase', ...include].join('-');
  let p = tarballs.get(name);
  if (!p) {
    p = (async () => {
      const dir = await debianRoot(suite, include);
      const tar = `${dir}.tar`;
      if (existsSync(tar)) return tar;
      const tmp = `${tar}.tmp-${process.pid}`;
      await execa('tar', ['--numeric-owner', '-C', dir, '-cf', tmp, '.'], { timeout: 10 * 60 * 1000 });
      if (!existsSync(tar)) renameSync(tmp, tar);
      else rmSync(tmp, { force: true });
      return tar;
    })();
    tarballs.set(name, p);
  }
  return p;
}
