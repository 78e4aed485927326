// Small real PEP 503 indexes written by tests: sdists made with tar from a fixture directory, tiny
// pure wheels made with Python's own zipfile, and project pages listing them with sha256 fragments.
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './runner.js';

export interface LocalIndex {
  root: string;
  /** file:// URL of root/simple */
  url: string;
  filesDir: string;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function createIndex(prefix = 'index-'): LocalIndex {
  const root = tempDir(prefix);
  mkdirSync(join(root, 'simple'));
  mkdirSync(join(root, 'files'));
  return { root, url: pathToFileURL(join(root, 'simple')).toString(), filesDir: join(root, 'files') };
}

/** Adds a file and rewrites the project page (every file of the project, sha256 fragments). */
export function addFile(index: LocalIndex, project: string, file: string): string {
  const dest = join(index.filesDir, basename(file));
  copyFileSync(file, dest);
  const pageDir = join(index.root, 'simple', normalize(project));
  mkdirSync(pageDir, { recursive: true });
  const prefix = normalize(project);
  const links = readdirSync(index.filesDir)
    .filter((f) => normalize(f).startsWith(`${prefix}-`))
    .sort()
    .map((f) => `<a href="../../files/${f}#sha256=${sha256File(join(index.filesDir, f))}">${f}</a>`);
  writeFileSync(join(pageDir, 'index.html'), `<!DOCTYPE html><html><body>\n${links.join('\n')}\n</body></html>\n`);
  return dest;
}

/** Makes name-version.tar.gz from a fixture directory (top directory name-version/). */
export async function makeSdist(fixtureDir: string, distName: string, version: string): Promise<string> {
  const work = tempDir('sdist-');
  const top = `${distName}-${version}`;
  cpSync(fixtureDir, join(work, top), { recursive: true });
  writeFileSync(join(work, top, 'PKG-INFO'), `Metadata-Version: 2.1\nName: ${distName}\nVersion: ${version}\n`);
  const out = join(work, `${top}.tar.gz`);
  await execa('tar', ['--sort=name', '--owner=0', '--group=0', '--mtime=@946684800', '-czf', out, '-C', work, top]);
  return out;
}

const WHEEL_SCRIPT = `
import base64, hashlib, json, sys, zipfile
spec = json.load(sys.stdin)
name, version = spec['name'], spec['version']
dist = name.replace('-', '_')
files = dict(spec['files'])
info = f'{dist}-{version}.dist-info'
meta = f'Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n' + ''.join(f'Requires-Dist: {r}\\n' for r in spec['requires'])
files[f'{info}/METADATA'] = meta
files[f'{info}/WHEEL'] = 'Wheel-Version: 1.0\\nGenerator: pyhermetic-tests\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'
if spec.get('entry_points'):
    files[f'{info}/entry_points.txt'] = spec['entry_points']
rows = []
for path, text in files.items():
    data = text.encode()
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    if path == spec.get('tamper_record'):
        digest = base64.urlsafe_b64encode(hashlib.sha256(b'not these bytes').digest()).rstrip(b'=').decode()
    rows.append(f'{path},sha256={digest},{len(data)}')
rows.append(f'{info}/RECORD,,')
files[f'{info}/RECORD'] = '\\n'.join(rows) + '\\n'
with zipfile.ZipFile(spec['out'], 'w') as z:
    for path in sorted(files):
        zi = zipfile.ZipInfo(path, date_time=(2000, 1, 1, 0, 0, 0))
        zi.external_attr = 0o644 << 16
        z.writestr(zi, files[path])
`;

/**
 * A pure py3-none-any wheel with the given modules, Requires-Dist lines and console scripts.
 * `tamperRecord` names a file whose RECORD hash is written wrong (a broken or doctored wheel).
 */
export async function makePureWheel(opts: {
  name: string;
  version: string;
  files: Record<string, string>;
  requires?: string[];
  entryPoints?: string;
  tamperRecord?: string;
}): Promise<string> {
  const out = join(tempDir('wheel-'), `${opts.name.replace(/-/g, '_')}-${opts.version}-py3-none-any.whl`);
  await execa('/usr/bin/python3', ['-I', '-c', WHEEL_SCRIPT], {
    input: JSON.stringify({
      name: opts.name,
      version: opts.version,
      files: opts.files,
      requires: opts.requires ?? [],
      entry_points: opts.entryPoints,
      tamper_record: opts.tamperRecord,
      out,
    }),
  });
  return out;
}
