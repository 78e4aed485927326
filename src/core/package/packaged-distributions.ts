// The distributions a package holds, read from the METADATA of its dist-info directories (not from its
// manifest): what verify compares with the tested env and what diff lists.
import { metadataField } from '../deps/dist-metadata.js';
import type { PackageContents } from './package-read.js';

export interface PackagedDistribution {
  name: string;
  version: string;
  distInfo: string;
}

/** The distributions of a package per the METADATA files of its dist-info directories. */
export function packagedDistributions(pkg: PackageContents): PackagedDistribution[] {
  const out: PackagedDistribution[] = [];
  for (const [path, text] of pkg.distInfo) {
    if (!path.endsWith('/METADATA')) continue;
    const distInfo = path.slice(0, -'/METADATA'.length);
    out.push({ name: metadataField(text, 'name') ?? '', version: metadataField(text, 'version') ?? '', distInfo });
  }
  return out.sort((a, b) => (a.distInfo < b.distInfo ? -1 : 1));
}
