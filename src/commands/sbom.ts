// `pyhermetic sbom --artifact PKG.tar.gz [--lock requirements.lock] [--name NAME] [--out FILE.cdx.json] [--json]`
import { dirname, resolve } from 'node:path';
import { ensureOutputDir } from '../shared/safe-dirs.js';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { VERSION } from '../shared/version.js';
import { defineCommand, printJson, stringOption } from './command.js';

export const sbomCommand = defineCommand({
  name: 'sbom',
  summary:
    'Write a CycloneDX 1.6 SBOM of a package: the app, the interpreter and its linked libraries, every distribution',
  options: {
    artifact: {
      type: 'string',
      value: 'PKG.tar.gz',
      required: true,
      description: 'the package made by `pyhermetic pack`',
    },
    lock: {
      type: 'string',
      value: 'FILE',
      description:
        'a cross-check: the package carries the lock it was installed from (pyhermetic/requirements.lock) and each distribution gets the wheel sha256 it pins; a --lock that differs from the one inside is refused (exit 2, naming both sha256). For a package of an older pack, which carries none: the lock to read the hashes from',
    },
    name: { type: 'string', value: 'NAME', default: "the package file's name", description: "the application's name" },
    version: { type: 'string', value: 'V', default: 'none', description: "the application's version" },
    out: { type: 'string', value: 'FILE.cdx.json', default: 'stdout', description: 'where to write the document' },
  },
  json: 'the same as without --out: the document on stdout',
  details: `Components: the interpreter (version, configure options, fingerprint, artifact and source sha256, the
libraries linked into it as sub-components) and every distribution (purl pkg:pypi/name@version, sha256,
licences from METADATA, SPDX ids where the metadata has them). The same package and lock give the same bytes.`,
  exitCodes:
    '0 written · 2 not a package, a lock inside that is not the one the package records, or a --lock that differs from it · 3 cannot write --out',
  async run({ values }) {
    const artifact = stringOption(values, 'artifact');
    if (!artifact) throw new UsageError('sbom needs --artifact PKG.tar.gz', `usage: pyhermetic ${this.usage}`);
    const lock = stringOption(values, 'lock');
    const out = stringOption(values, 'out');
    // Checked before the package is read: a symlinked or open directory would take the document anywhere.
    if (out) ensureOutputDir(dirname(resolve(out)), 'the --out directory');
    // The CycloneDX library is loaded here only: no other command evaluates it.
    const { readPackageFacts } = await import('../core/provenance/package-facts.js');
    const { makeSbom, renderSbom } = await import('../core/provenance/sbom.js');
    const { writeFileAtomic } = await import('../shared/atomic-file.js');
    const facts = await readPackageFacts(resolve(artifact), lock ? resolve(lock) : undefined);
    if (!facts.lock)
      log.warn(
        'the package carries no lock (made by an older pack) and no --lock was given: the distributions are listed without the wheel sha256',
      );
    const text = renderSbom(
      makeSbom(facts, {
        appName: stringOption(values, 'name'),
        appVersion: stringOption(values, 'version'),
        toolVersion: VERSION,
      }),
    );
    if (out) {
      await writeFileAtomic(resolve(out), text);
      log.info(`sbom: ${resolve(out)} (${facts.distributions.length} distributions, CycloneDX 1.6)`);
    } else printJson(JSON.parse(text));
    return 0;
  },
});
