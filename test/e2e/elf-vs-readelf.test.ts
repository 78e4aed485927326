// The hand-written ELF reader against binutils' readelf on every shared object of real manylinux
// wheels from the local mirror (and a few system files): the dynamic view must be identical.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseElf, isElf } from '../../src/core/abi/elf.js';
import { tempDir } from '../helpers/runner.js';

const FILES = '/opt/pypi/files';
const NAMES = ['numpy', 'scipy', 'lxml', 'cryptography', 'pillow', 'grpcio'];

/** The newest cp311 manylinux x86_64 wheel of each name (version order by name is fine for picking one). */
function wheelsToCheck(): string[] {
  const all = readdirSync(FILES);
  return NAMES.map((name) => {
    const re = new RegExp(`^${name}-[^-]+-.*cp311.*manylinux.*x86_64.*\\.whl$`, 'i');
    const found = all.filter((f) => re.test(f)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    assert.ok(found.length > 0, `no ${name} cp311 manylinux wheel in ${FILES}`);
    return join(FILES, found[found.length - 1]);
  });
}

interface DynamicView {
  needed: string[];
  runpath: string[];
  rpath: string[];
  soname?: string;
  versionNeeds: { file: string; versions: string[] }[];
}

const split = (s: string) => (s === '' ? [] : s.split(':'));

/** Parses `readelf -d -V -W` output into the same shape as ElfInfo's dynamic view. */
function parseReadelf(text: string): DynamicView {
  const view: DynamicView = { needed: [], runpath: [], rpath: [], versionNeeds: [] };
  let inNeeds = false;
  for (const line of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /\(NEEDED\)\s+Shared library: \[(.*)\]$/.exec(line))) view.needed.push(m[1]);
    else if ((m = /\(SONAME\)\s+Library soname: \[(.*)\]$/.exec(line))) view.soname ??= m[1];
    else if ((m = /\(RUNPATH\)\s+Library runpath: \[(.*)\]$/.exec(line))) view.runpath.push(...split(m[1]));
    else if ((m = /\(RPATH\)\s+Library rpath: \[(.*)\]$/.exec(line))) view.rpath.push(...split(m[1]));
    // The needs block runs from its heading to the next blank line; its rows are indented.
    if (/^Version needs section/.test(line)) inNeeds = true;
    else if (line.trim() === '' || /^\S/.test(line)) inNeeds = false;
    if (!inNeeds) continue;
    if ((m = /File: (\S+)\s+Cnt: \d+/.exec(line))) view.versionNeeds.push({ file: m[1], versions: [] });
    else if ((m = /Name: (\S+)\s+Flags:/.exec(line)))
      view.versionNeeds[view.versionNeeds.length - 1].versions.push(m[1]);
  }
  return view;
}

async function compareWithReadelf(path: string, label: string): Promise<DynamicView> {
  const buf = readFileSync(path);
  assert.ok(isElf(buf), `${label} is not ELF`);
  const info = parseElf(buf);
  const r = await execa('readelf', ['-d', '-V', '-W', path], { reject: false });
  assert.equal(r.exitCode, 0, `readelf failed on ${label}: ${r.stderr}`);
  const expected = parseReadelf(String(r.stdout));
  const actual: DynamicView = {
    needed: info.needed,
    runpath: info.runpath,
    rpath: info.rpath,
    versionNeeds: info.versionNeeds,
  };
  if (info.soname !== undefined) actual.soname = info.soname;
  assert.deepEqual(actual, expected, label);
  return expected;
}

/** Extracts every member whose name looks like a shared object (foo.so, libfoo.so.1.2) with Python's zipfile. */
async function extractSharedObjects(wheel: string, dest: string): Promise<string[]> {
  const script = `
import sys, zipfile, re, os
out = []
with zipfile.ZipFile(sys.argv[1]) as z:
    for i, n in enumerate(z.namelist()):
        if re.search(r'\\.so(\\.|$)', n):
            p = os.path.join(sys.argv[2], str(i) + '-' + os.path.basename(n))
            with open(p, 'wb') as f:
                f.write(z.read(n))
            out.append(p)
print('\\n'.join(out))
`;
  const r = await execa('/usr/bin/python3', ['-c', script, wheel, dest]);
  return String(r.stdout).split('\n').filter(Boolean);
}

describe('elf reader equals readelf -d -V -W on real files', () => {
  const wheels = wheelsToCheck();
  for (const wheel of wheels) {
    it(`every shared object of ${wheel.split('/').pop()}`, async () => {
      const dir = tempDir('elf-');
      const sos = await extractSharedObjects(wheel, dir);
      assert.ok(sos.length > 0, `no shared objects in ${wheel}`);
      let elfs = 0;
      let needed = 0;
      let versions = 0;
      for (const so of sos) {
        if (!isElf(readFileSync(so))) continue;
        elfs++;
        const v = await compareWithReadelf(so, `${wheel}: ${so}`);
        needed += v.needed.length;
        versions += v.versionNeeds.reduce((n, x) => n + x.versions.length, 0);
      }
      // Guards against a vacuous comparison (both sides empty because the readelf parsing broke).
      assert.ok(
        elfs > 0 && needed > 0 && versions > 0,
        `${elfs} ELF files, ${needed} NEEDED, ${versions} version needs`,
      );
    });
  }

  it('system files: libc, libstdc++, the Debian python executable and libpython', async () => {
    for (const f of [
      '/usr/lib/x86_64-linux-gnu/libc.so.6',
      '/usr/lib/x86_64-linux-gnu/libstdc++.so.6',
      '/usr/bin/python3.11',
      '/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0',
    ]) {
      await compareWithReadelf(f, f);
    }
    const py = parseElf(readFileSync('/usr/bin/python3.11'));
    assert.equal(py.interpreter, '/lib64/ld-linux-x86-64.so.2');
  });

  it('a pyenv shared build needs libpython and carries its absolute RUNPATH, and the reader sees it', async () => {
    const py = '/root/.pyenv/versions/3.11.7/bin/python3.11';
    await compareWithReadelf(py, py);
    const info = parseElf(readFileSync(py));
    assert.ok(info.needed.includes('libpython3.11.so.1.0'), JSON.stringify(info.needed));
    assert.deepEqual(info.runpath, ['/root/.pyenv/versions/3.11.7/lib']);
  });
});
