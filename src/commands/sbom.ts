// `pyhermetic sbom --artifact PKG.tar.gz [--lock requirements.lock] [--name NAME] [--out FILE.cdx.json] [--json]`
import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { writeFileAtomic } from '../shared/atomic-file.js';
import { readPackageFacts } from '../core/provenance/package-facts.js';
import { makeSbom, renderSbom } from '../core/provenance/sbom.js';
import * as log from '../shared/log.js';
import { printJson, stringOption, type Command } from './command.js';
import { TOOL_VERSION } from './tool-version.js';

export const sbomCommand: Command = {
  name: 'sbom',
  summary:
    'Write a CycloneDX 1.6 SBOM of a package: the app, the interpreter and its linked libraries, every distribution',
  usage: 'sbom --artifact PKG.tar.gz [--lock requirements.lock] [--name NAME] [--version V] [--out FILE.cdx.json]',
  help: `options:
  --artifact FILE  the package made by \`pyhermetic pack\`
  --lock FILE      the requirements.lock the package was installed from (its sha256 must be the one the
                   package records): each distribution gets the wheel sha256 the lock pins. Without it the
                   distributions are listed without hashes (a warning says so)
  --name NAME      the application's name (default: the package file's name)
  --version V      the application's version (default: none)
  --out FILE       where to write the document (default: stdout)
  --json           the same as without --out: the document on stdout

Components: the interpreter (version, configure options, fingerprint, artifact and source sha256, the
libraries linked into it as sub-components) and every distribution (purl pkg:pypi/name@version, sha256,
licences from METADATA, SPDX ids where the metadata has them). The same package and lock give the same bytes.
exit codes: 0 written · 2 not a package, or a lock that is not the package's · 3 cannot write --out`,
  options: {
    artifact: { type: 'string' },
    lock: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ values }) {
    const artifact = stringOption(values, 'artifact');
    if (!artifact) throw new UsageError('sbom needs --artifact PKG.tar.gz', `usage: pyhermetic ${sbomCommand.usage}`);
    const lock = stringOption(values, 'lock');
    const facts = await readPackageFacts(resolve(artifact), lock ? resolve(lock) : undefined);
    if (!facts.lock)
      log.warn('no --lock: the distributions are listed without the wheel sha256 (pass the requirements.lock)');
    const text = renderSbom(
      makeSbom(facts, {
        appName: stringOption(values, 'name'),
        appVersion: stringOption(values, 'version'),
        toolVersion: TOOL_VERSION,
      }),
    );
    const out = stringOption(values, 'out');
    if (out) {
      await writeFileAtomic(resolve(out), text);
      log.info(`sbom: ${resolve(out)} (${facts.distributions.length} distributions, CycloneDX 1.6)`);
    } else printJson(JSON.parse(text));
    return 0;
  },
};
