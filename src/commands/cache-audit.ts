// `pyhermetic cache audit DIR --interpreter ARTIFACT_OR_PYTHON [--glibc-max X.Y] [--json]`
import { stat } from 'node:fs/promises';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { oneLine } from '../shared/visible.js';
import { defineCommand, printJson, stringOption } from './command.js';

export const cacheAuditCommand = defineCommand({
  name: 'cache audit',
  summary: 'Find wheels in a pip cache or wheelhouse that must not be given to an interpreter',
  positionals: [{ name: 'DIR', description: 'a pip cache (wheels live under DIR/wheels/<key>/) or a wheelhouse' }],
  options: {
    interpreter: {
      type: 'string',
      value: 'X',
      required: true,
      description:
        'interpreter.tar.gz (with interpreter.json beside it), its --out directory, an installed prefix, or a python executable',
    },
    'glibc-max': {
      type: 'string',
      value: 'X.Y',
      default:
        "the interpreter's own floor: glibcFloor of its interpreter.json, else the highest GLIBC_x.y its files need",
      description: 'the glibc floor production guarantees, e.g. 2.17 or 2.31',
    },
  },
  json: '{ok, interpreter: {fingerprint, version, linkage}, dir, glibcMax, wheels, findings: [...]}',
  details: `Opens every \`*.whl\` under DIR without extracting it, and reads every ELF member. Findings, each naming
the wheel, pip's cache key (the wheel's directory below wheels/) and what to do:
  - an extension that needs libpythonX.Y.so while the interpreter is static (built by a shared one)
  - an absolute (or working-directory relative) RUNPATH/RPATH: a build machine's path
  - a GLIBC_x.y symbol version above the glibc floor
  - tags that do not fit the interpreter (another Python version, ABI, platform or newer glibc)
  - a hostile or broken zip (../ or absolute names, symlink entries, duplicate names, sizes that lie)`,
  exitCodes: '0 no findings · 1 findings · 2 bad arguments · 3 the interpreter could not be probed',
  async run({ values, positionals, json }) {
    const dir = positionals[0];
    const interpreterArg = stringOption(values, 'interpreter');
    if (!interpreterArg)
      throw new UsageError('cache audit needs --interpreter ARTIFACT_OR_PYTHON', `usage: pyhermetic ${this.usage}`);
    const { parseGlibcVersion } = await import('../core/abi/linkage.js');
    const glibcText = stringOption(values, 'glibc-max');
    const given = glibcText === undefined ? undefined : parseGlibcVersion(glibcText);
    if (glibcText !== undefined && !given)
      throw new UsageError(
        `--glibc-max must be a glibc version like 2.17 or 2.28, got '${glibcText}'`,
        'pass the oldest glibc of your production hosts (ldd --version shows it)',
      );
    const st = await stat(dir).catch(() => undefined);
    if (!st)
      throw new UsageError(
        `no such directory: ${dir}`,
        'pass a pip cache directory (pip cache dir shows it) or a wheelhouse',
      );
    if (!st.isDirectory())
      throw new UsageError(
        `${dir} is not a directory`,
        'pass a pip cache directory (pip cache dir shows it) or a wheelhouse',
      );

    const { auditWheels } = await import('../core/deps/audit.js');
    const { describe } = await import('../core/interpreter/fingerprint.js');
    const { interpreterGlibcFloor } = await import('../core/interpreter/glibc-floor.js');
    const { resolveInterpreter } = await import('../core/interpreter/interpreter-ref.js');
    const interpreter = await resolveInterpreter(interpreterArg);
    const glibcMax = given ?? (await interpreterGlibcFloor(interpreter)).version;
    if (!glibcMax)
      throw new UsageError(
        `cannot tell the glibc floor of ${interpreterArg}: none of its files needs a versioned glibc symbol`,
        'pass --glibc-max X.Y (the oldest glibc of your production hosts)',
      );
    const d = describe(interpreter.fields);
    log.info(
      `auditing wheels under ${dir} for ${d.version} ${d.linkage} (${interpreter.fingerprint.slice(0, 12)}), glibc floor ${glibcMax}`,
    );
    const result = await auditWheels({ dir, fields: interpreter.fields, glibcMax, concurrency: 2 });

    if (json) {
      printJson({
        ok: result.ok,
        interpreter: { fingerprint: interpreter.fingerprint, version: d.version, linkage: d.linkage },
        dir,
        glibcMax,
        wheels: result.wheels,
        findings: result.findings,
      });
    }
    if (result.wheels === 0) log.warn(`no *.whl files under ${dir}: nothing to audit (is it the right directory?)`);
    let lastWheel = '';
    for (const f of result.findings) {
      if (f.wheel !== lastWheel) {
        lastWheel = f.wheel;
        process.stderr.write(
          `${oneLine(f.wheel)}${f.cacheKey ? `\n  cache key: ${oneLine(f.cacheKey)}` : ''}${f.source ? `\n  built from: ${oneLine(f.source)}` : ''}\n`,
        );
      }
      process.stderr.write(`  - ${oneLine(f.message)}\n    fix: ${oneLine(f.fix)}\n`);
    }
    const bad = new Set(result.findings.map((f) => f.wheel)).size;
    if (result.ok) log.info(`audited ${result.wheels} wheel(s): no findings`);
    else log.error(`audited ${result.wheels} wheel(s): ${result.findings.length} finding(s) in ${bad} wheel(s)`);
    return result.ok ? 0 : 1;
  },
});
