// The glibc floor at lock time. pip picks the newest wheel that fits *this* machine (glibc 2.36 here),
// so a lock made on a new build host can hold wheels that will not load on the older machines the
// package is deployed to — verify's linkage check would catch it, but only after a whole env was built
// and tested. With --glibc-max the lock stops at once, naming each such wheel and what to pin instead.
import { FindingsError, type Finding } from '../../shared/errors.js';
import { compareGlibc } from '../abi/linkage.js';
import { manylinuxGlibc, parseWheelFileName } from '../abi/wheel-tags.js';

/**
 * The lowest glibc a wheel file name claims to work with (a wheel tagged for several manylinux
 * levels runs on the lowest), `null` for a pure or non-Linux wheel, `'unknown'` for a `linux_*` wheel
 * (built on some machine with no promise at all), undefined when the name is not a wheel's.
 */
export function wheelGlibcFloor(fileName: string): string | null | 'unknown' | undefined {
  const parsed = parseWheelFileName(fileName);
  if (!parsed) return undefined;
  let lowest: string | undefined;
  let plainLinux = false;
  for (const { platform } of parsed.tags) {
    const glibc = manylinuxGlibc(platform)?.glibc;
    if (glibc) {
      if (lowest === undefined || compareGlibc(glibc, lowest) < 0) lowest = glibc;
    } else if (platform.startsWith('linux_')) {
      plainLinux = true;
    }
  }
  if (lowest !== undefined) return lowest;
  return plainLinux ? 'unknown' : null;
}

export interface LockedFile {
  name: string;
  version: string;
  /** The file pip chose (its URL's last segment). */
  fileName: string;
}

/** One finding per locked wheel whose glibc need is above the floor (or unknown). */
export function glibcFloorFindings(files: LockedFile[], glibcMax: string): Finding[] {
  const findings: Finding[] = [];
  for (const f of files) {
    const need = wheelGlibcFloor(f.fileName);
    if (need === undefined || need === null) continue;
    if (need === 'unknown') {
      findings.push({
        path: `${f.name}==${f.version}`,
        message: `the wheel ${f.fileName} is a plain linux wheel: it promises no glibc level`,
        fix: `pin a version of ${f.name} that has a manylinux wheel for glibc ≤ ${glibcMax}`,
      });
    } else if (compareGlibc(need, glibcMax) > 0) {
      findings.push({
        path: `${f.name}==${f.version}`,
        message: `the wheel ${f.fileName} needs glibc ${need}, above the floor ${glibcMax}`,
        fix: `pin an older ${f.name} that has a manylinux2014 (glibc ≤ ${glibcMax}) wheel, or raise --glibc-max to the glibc of the oldest machine you deploy to`,
      });
    }
  }
  return findings;
}

export function glibcFloorError(findings: Finding[], glibcMax: string): FindingsError {
  return new FindingsError(
    `${findings.length} locked wheel(s) need a glibc above the floor ${glibcMax}; nothing was written`,
    findings,
  );
}
