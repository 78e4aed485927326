// sbom.cdx.json: a CycloneDX 1.6 JSON document of one package, made with @cyclonedx/cyclonedx-library.
//   metadata.component  the application (the package file: name, sha256)
//   components          the interpreter (version, configure options, fingerprint, artifact and source
//                       sha256, CPE), with the libraries linked into it as its sub-components; then every
//                       installed distribution (purl pkg:pypi/name@version, the wheel sha256 the lock pins,
//                       licences from METADATA)
// No timestamp, and a serial number derived from the package's sha256: the same package and lock give
// the same bytes.
// Subpath imports: the package's index also loads its validators (ajv, libxmljs2), which the runner never uses.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { distLicences, type DistLicence } from './dist-licences.js';
import {
  buildRootOf,
  pypiPurl,
  type InterpreterFacts,
  type LinkedLibrary,
  type PackageFacts,
} from './package-facts.js';

const SHA256 = Enums.HashAlgorithm['SHA-256'];

export interface SbomOptions {
  /** The application's name (default: the package file's name without .tar.gz). */
  appName?: string;
  appVersion?: string;
  /** pyhermetic's own version, recorded as the tool that wrote the document. */
  toolVersion: string;
}

function hashes(sha256: string | null | undefined): Models.HashDictionary {
  return new Models.HashDictionary(sha256 ? [[SHA256, sha256]] : []);
}

function properties(pairs: [string, string | undefined][]): Models.PropertyRepository {
  return new Models.PropertyRepository(
    pairs.filter((p): p is [string, string] => p[1] !== undefined).map(([k, v]) => new Models.Property(k, v)),
  );
}

function licenceModels(licences: DistLicence[]): Models.LicenseRepository {
  // CycloneDX takes either one expression or a list of licences, never both.
  const expression = licences.find((l): l is { expression: string } => 'expression' in l);
  if (expression) return new Models.LicenseRepository([new Models.LicenseExpression(expression.expression)]);
  return new Models.LicenseRepository(
    licences.map((l) =>
      'spdx' in l ? new Models.SpdxLicense(l.spdx) : new Models.NamedLicense((l as { name: string }).name),
    ),
  );
}

function spdxId(value: string): string | undefined {
  return fixupSpdxId(value);
}

/** A licence string as recorded for a linked library: an SPDX id, else an expression if it has operators, else a name. */
function licenceFromString(value: string | undefined): DistLicence[] {
  if (!value) return [];
  const id = spdxId(value);
  if (id) return [{ spdx: id }];
  return / (AND|OR|WITH) /.test(value) ? [{ expression: value }] : [{ name: value }];
}

function linkedLibraryComponent(lib: LinkedLibrary, parentRef: string): Models.Component {
  return new Models.Component(Enums.ComponentType.Library, lib.name, {
    bomRef: `${parentRef}/${lib.name}`,
    version: lib.version ?? undefined,
    hashes: hashes(lib.inputSha256),
    licenses: licenceModels(licenceFromString(lib.licence)),
    properties: properties([['pyhermetic:linked', 'static, into the interpreter (the hash is of its pinned input)']]),
  });
}

function interpreterComponent(facts: PackageFacts): Models.Component {
  const env = facts.env.interpreter;
  const im: InterpreterFacts | undefined = facts.interpreter;
  const bomRef = `interpreter:cpython@${env.version}`;
  const spec = im?.spec;
  const source = spec?.source;
  const externalReferences = new Models.ExternalReferenceRepository(
    (source?.urls ?? []).map(
      (url) =>
        new Models.ExternalReference(url, Enums.ExternalReferenceType.SourceDistribution, {
          hashes: hashes(im?.sourceSha256),
        }),
    ),
  );
  const root = buildRootOf(im);
  return new Models.Component(Enums.ComponentType.Application, 'cpython', {
    bomRef,
    version: env.version,
    description: `CPython ${env.version}, ${env.shared ? 'shared' : 'static'} build (the interpreter artifact every env and package is made from)`,
    cpe: `cpe:2.3:a:python:python:${env.version}:*:*:*:*:*:*:*`,
    hashes: hashes(env.artifactSha256),
    licenses: licenceModels([{ spdx: 'PSF-2.0' }]),
    externalReferences,
    properties: properties([
      ['pyhermetic:interpreter:fingerprint', env.fingerprint],
      ['pyhermetic:interpreter:artifact:sha256', env.artifactSha256 ?? undefined],
      ['pyhermetic:interpreter:source:sha256', im?.sourceSha256],
      ['pyhermetic:interpreter:configure:shared', String(spec?.configure.shared ?? env.shared)],
      ['pyhermetic:interpreter:configure:args', spec ? JSON.stringify(spec.configure.args) : undefined],
      ['pyhermetic:interpreter:build-key', im?.buildKey],
      ['pyhermetic:interpreter:build-root:sha256', root?.sha256],
    ]),
    components: new Models.ComponentRepository(
      (im?.linkedLibraries ?? []).map((lib) => linkedLibraryComponent(lib, bomRef)),
    ),
  });
}

/** Why a distribution has no lock hash: env create installs only the lock, so the rest came with the interpreter. */
function notLocked(lockKnown: boolean): string {
  return lockKnown
    ? 'not in the lock: it came with the interpreter artifact (ensurepip)'
    : 'the package carries no lock (an older pack): pass --lock for the wheel sha256';
}

function distributionComponent(d: PackageFacts['distributions'][number], lockGiven: boolean): Models.Component {
  const purl = pypiPurl(d.name, d.version);
  return new Models.Component(Enums.ComponentType.Library, d.name, {
    bomRef: purl,
    version: d.version,
    purl,
    // One pin, one wheel: the lock's hash is the wheel's. More than one hash: say so, claim none.
    hashes: hashes(d.lockHashes.length === 1 ? d.lockHashes[0] : undefined),
    licenses: licenceModels(d.metadata ? distLicences(d.metadata, spdxId) : []),
    properties: properties([
      ['pyhermetic:lock:hashes', d.lockHashes.length > 1 ? d.lockHashes.join(' ') : undefined],
      ['pyhermetic:lock', d.lockHashes.length === 0 ? notLocked(lockGiven) : undefined],
    ]),
  });
}

/** sha256-derived RFC 4122 form (version 5 layout): a stable serial number for the same package. */
function serialNumber(sha256: string): string {
  const h = sha256.slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `urn:uuid:${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export function makeSbom(facts: PackageFacts, opts: SbomOptions): Models.Bom {
  const appName = opts.appName ?? facts.name.replace(/\.tar\.gz$/, '');
  const bom = new Models.Bom({ serialNumber: serialNumber(facts.sha256) });
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'pyhermetic', { version: opts.toolVersion }),
  );
  bom.metadata.component = new Models.Component(Enums.ComponentType.Application, appName, {
    bomRef: `app:${appName}`,
    version: opts.appVersion,
    hashes: hashes(facts.sha256),
    properties: properties([
      ['pyhermetic:package:file', facts.name],
      ['pyhermetic:package:size', String(facts.size)],
      ['pyhermetic:package:app', facts.app ?? undefined],
      ['pyhermetic:lock:sha256', facts.env.lock.sha256],
      ['pyhermetic:pip:version', facts.env.pip.version],
    ]),
  });
  bom.components.add(interpreterComponent(facts));
  for (const d of facts.distributions) bom.components.add(distributionComponent(d, facts.lock !== undefined));
  return bom;
}

/** The document as CycloneDX 1.6 JSON text (lists sorted, two-space indent, final newline). */
export function renderSbom(bom: Models.Bom): string {
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}
