// Replays a production host: this machine has Debian's libpython3.11.so.1.0 in the default library
// path, so an extension that needs libpython would silently load *that* one under a static
// interpreter. runWithoutSystemLibpython runs a command in a private mount namespace (unshare -m)
// where /usr/lib/x86_64-linux-gnu is replaced by a directory of symlinks to every entry except
// libpython*: libc and friends still load, libpython is gone, exactly as on a host without it.
import { execa } from 'execa';
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './runner.js';

export const SYSTEM_LIBDIR = '/usr/lib/x86_64-linux-gnu';

// A constant script; every path arrives as a positional parameter, never inside the string.
const SCRIPT = 'mount --bind "$1" "$2" && mount --bind "$3" "$1" && shift 3 && exec env -i "$@"';

export async function runWithoutSystemLibpython(
  argv: string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const work = tempDir('nolibpython-');
  const original = join(work, 'original');
  const view = join(work, 'view');
  mkdirSync(original);
  mkdirSync(view);
  for (const name of readdirSync(SYSTEM_LIBDIR)) {
    if (name.startsWith('libpython')) continue;
    symlinkSync(join(original, name), join(view, name));
  }
  const r = await execa(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', SCRIPT, 'sh', SYSTEM_LIBDIR, original, view, ...argv],
    { reject: false },
  );
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
