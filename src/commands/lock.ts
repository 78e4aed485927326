// `pyhermetic lock -r requirements.in --interpreter ARTIFACT_OR_DIR --index-url URL... [--allow-source NAME...] -o requirements.lock`
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { defineCommand, listOption, printJson, stringOption } from './command.js';
import { withFindings } from './findings.js';

export const lockCommand = defineCommand({
  name: 'lock',
  summary: "Resolve requirements.in with the interpreter's own pip into a hashed, wheels-only requirements.lock",
  options: {
    requirement: {
      type: 'string',
      short: 'r',
      value: 'FILE',
      required: true,
      description: 'the requirements to resolve (names and version ranges)',
    },
    interpreter: {
      type: 'string',
      value: 'X',
      required: true,
      description: 'interpreter.tar.gz (or its --out directory), an installed prefix, or a python',
    },
    'index-url': {
      type: 'string',
      value: 'URL',
      repeatable: true,
      required: true,
      description: 'PEP 503 index; the first is the index, the rest extra indexes',
    },
    'allow-source': {
      type: 'string',
      value: 'NAME',
      repeatable: true,
      description: 'NAME may come from an sdist (built when the env is created)',
    },
    'cache-root': {
      type: 'string',
      value: 'DIR',
      default: '<store>/cache',
      description: 'the pip cache root; pip uses DIR/pip/<fingerprint>',
    },
    'glibc-max': {
      type: 'string',
      value: 'X.Y',
      default:
        "the interpreter's own floor: glibcFloor of its interpreter.json, else the highest GLIBC_x.y its files need",
      description:
        'refuse (exit 1) a chosen wheel that needs a newer glibc than X.Y (e.g. 2.17 for manylinux2014 targets): pip picks what fits the build host, not the deploy host',
    },
    output: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      required: true,
      description: 'where to write the lock (atomically)',
    },
  },
  json: '{output, fingerprint, cacheDir, pip, glibcMax, fromSource, distributions: [{name, version, sha256}]}',
  details: `Resolves with pip's installation report (install --dry-run --ignore-installed --report) and
--only-binary :all:, so nothing is built. A package whose wanted version has no wheel for this
interpreter stops the lock with exit 1, naming it, unless it is named in --allow-source.
lock takes no remote store: it reads only the interpreter it is given and the indexes.`,
  exitCodes:
    '0 written · 1 no wheel for a package, or a wheel above --glibc-max · 2 bad input · 3 index unreachable or pip failed',
  async run({ values, json }) {
    const requirements = stringOption(values, 'requirement');
    const interpreter = stringOption(values, 'interpreter');
    const output = stringOption(values, 'output');
    const missing = [!requirements && '-r', !interpreter && '--interpreter', !output && '-o'].filter(Boolean);
    if (missing.length)
      throw new UsageError(`lock needs ${missing.join(', ')}`, `usage: pyhermetic ${lockCommand.usage}`);
    const { parseGlibcVersion } = await import('../core/abi/linkage.js');
    const glibcText = stringOption(values, 'glibc-max');
    const glibcMax = glibcText === undefined ? undefined : parseGlibcVersion(glibcText);
    if (glibcText !== undefined && !glibcMax)
      throw new UsageError(`--glibc-max must be a glibc version like 2.17, got '${glibcText}'`);
    const { createLock } = await import('../core/deps/lock.js');
    const { interpreterGlibcFloor } = await import('../core/interpreter/glibc-floor.js');
    const { resolveInterpreter } = await import('../core/interpreter/interpreter-ref.js');
    return withFindings(json, async () => {
      const floor = glibcMax ?? (await interpreterGlibcFloor(await resolveInterpreter(interpreter!))).version;
      const r = await createLock({
        requirements: requirements!,
        interpreter: interpreter!,
        output: output!,
        indexUrls: listOption(values, 'index-url'),
        allowSource: listOption(values, 'allow-source'),
        cacheRoot: stringOption(values, 'cache-root'),
        glibcMax: floor,
      });
      if (json) {
        printJson({
          output: r.output,
          fingerprint: r.fingerprint,
          cacheDir: r.cacheDir,
          pip: r.pipVersion,
          glibcMax: floor ?? null,
          fromSource: r.fromSource,
          distributions: r.entries.map((e) => ({ name: e.name, version: e.version, sha256: e.hashes[0] })),
        });
      } else {
        log.info(
          `locked ${r.entries.length} distribution(s) for interpreter ${r.fingerprint.slice(0, 16)}… into ${r.output}`,
        );
        if (r.fromSource.length) log.info(`from source (allowed): ${r.fromSource.join(', ')}`);
        if (floor)
          log.info(`every locked wheel fits glibc ${floor}${glibcMax ? '' : " (the interpreter's own floor)"}`);
      }
      return 0;
    });
  },
});
