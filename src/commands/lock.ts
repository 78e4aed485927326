// `pyhermetic lock -r requirements.in --interpreter ARTIFACT_OR_DIR --index-url URL... [--allow-source NAME...] -o requirements.lock`
import { UsageError } from '../shared/errors.js';
import { createLock } from '../core/deps/lock.js';
import { parseGlibcVersion } from '../core/abi/linkage.js';
import { interpreterGlibcFloor } from '../core/interpreter/glibc-floor.js';
import { resolveInterpreter } from '../core/interpreter/interpreter-ref.js';
import * as log from '../shared/log.js';
import { listOption, printJson, stringOption, type Command } from './command.js';
import { withFindings } from './findings.js';
import { REMOTE_HELP, REMOTE_OPTIONS, remoteFromOptions } from './remote-options.js';

export const lockCommand: Command = {
  name: 'lock',
  summary: "Resolve requirements.in with the interpreter's own pip into a hashed, wheels-only requirements.lock",
  usage:
    'lock -r requirements.in --interpreter ARTIFACT_OR_DIR --index-url URL... [--allow-source NAME...] [--cache-root DIR] [--glibc-max X.Y] -o requirements.lock [--remote URL [--publish]] [--json]',
  help: `options:
  -r, --requirement FILE   the requirements to resolve (names and version ranges)
  --interpreter X          interpreter.tar.gz (or its --out directory), an installed prefix, or a python
  --index-url URL          PEP 503 index; repeat: the first is the index, the rest extra indexes
  --allow-source NAME      NAME may come from an sdist (built when the env is created); repeatable
  --cache-root DIR         pip cache root (default <store>/cache); pip uses DIR/pip/<fingerprint>
  --glibc-max X.Y          refuse (exit 1) a chosen wheel that needs a newer glibc than X.Y (e.g. 2.17 for
                           manylinux2014 targets): pip picks what fits the build host, not the deploy host.
                           Default: the interpreter's own floor (glibcFloor of its interpreter.json, else the
                           highest GLIBC_x.y its files need)
  -o, --output FILE        where to write the lock (atomically)
${REMOTE_HELP}
                lock accepts them so one option set serves every stage; it builds nothing, so it
                neither fetches from nor publishes to the remote (only the URL is checked)
  --json                   print {output, fingerprint, cacheDir, pip, glibcMax, distributions: [{name, version, sha256}]}

Resolves with pip's installation report (install --dry-run --ignore-installed --report) and
--only-binary :all:, so nothing is built. A package whose wanted version has no wheel for this
interpreter stops the lock with exit 1, naming it, unless it is named in --allow-source.
Exit codes: 0 written · 1 no wheel for a package, or a wheel above --glibc-max · 2 bad input · 3 index unreachable or pip failed.`,
  options: {
    requirement: { type: 'string', short: 'r' },
    interpreter: { type: 'string' },
    'index-url': { type: 'string', multiple: true },
    'allow-source': { type: 'string', multiple: true },
    'cache-root': { type: 'string' },
    'glibc-max': { type: 'string' },
    output: { type: 'string', short: 'o' },
    ...REMOTE_OPTIONS,
  },
  async run({ values, json }) {
    const requirements = stringOption(values, 'requirement');
    const interpreter = stringOption(values, 'interpreter');
    const output = stringOption(values, 'output');
    const missing = [!requirements && '-r', !interpreter && '--interpreter', !output && '-o'].filter(Boolean);
    if (missing.length)
      throw new UsageError(`lock needs ${missing.join(', ')}`, `usage: pyhermetic ${lockCommand.usage}`);
    const glibcText = stringOption(values, 'glibc-max');
    const glibcMax = glibcText === undefined ? undefined : parseGlibcVersion(glibcText);
    if (glibcText !== undefined && !glibcMax)
      throw new UsageError(`--glibc-max must be a glibc version like 2.17, got '${glibcText}'`);
    await remoteFromOptions(values); // a bad URL or credentials in it are refused here as everywhere
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
};
