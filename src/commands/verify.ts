// `pyhermetic verify --artifact FILE.tar.gz --tested DIR [--app DIR] [--report DIR] [--glibc-max X.Y]
//  [--allow-system-lib NAME...] [--strict-host-libs] [--root ROOTFS...] [--deploy-path P] [--smoke MODULE...] [--no-smoke]
//  [--no-default-smoke] [--json]`
import type { Report } from '../core/model/report.js';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { oneLine } from '../shared/visible.js';
import { ensureOutputDir } from '../shared/safe-dirs.js';
import { defineCommand, listOption, printJson, stringOption } from './command.js';

/** Findings printed per check on the terminal; the report files have all of them. */
const SHOWN = 20;

function human(report: Report, verdictLine: (r: Report) => string): string {
  const lines = [`${report.ok ? 'ok' : 'FINDINGS'}: ${verdictLine(report)}`];
  for (const c of report.checks) {
    const state = c.skipped !== undefined ? 'skipped' : c.ok ? 'ok' : `${c.findings.length} finding(s)`;
    lines.push(
      `  ${c.name.padEnd(13)} ${state}${c.summary ? `  (${c.summary})` : ''}${c.skipped ? `  (${c.skipped})` : ''}`,
    );
    for (const f of c.findings.slice(0, SHOWN))
      lines.push(`    ${oneLine(f.path)}: ${oneLine(f.message)}\n      fix: ${oneLine(f.fix)}`);
    if (c.findings.length > SHOWN) lines.push(`    … ${c.findings.length - SHOWN} more (see the report)`);
  }
  const w = report.whereItRuns;
  if (w) {
    lines.push(`where it runs: glibc ≥ ${w.glibcFloor.version ?? 'any'} (${w.glibcFloor.source})`);
    const libs = w.systemLibraries.map((l) =>
      l.declared
        ? `${l.name} (declared)`
        : l.notAllowedFor.length
          ? `${l.name} (UNDECLARED: not allowed for ${l.notAllowedFor.join(', ')})`
          : `${l.name} (allowed by ${l.allowedBy.join(', ')})`,
    );
    lines.push(`  needs from the host besides glibc: ${libs.length ? libs.join(', ') : 'nothing'}`);
    for (const r of w.roots) {
      lines.push(
        `  ${r.ok ? 'runs' : 'FAILS'} in ${r.root}${r.sha256 ? ` (sha256 ${r.sha256.slice(0, 16)}…)` : ''} at ${r.deployPath}, glibc ${r.glibc ?? '?'}`,
      );
      for (const l of r.libraries ?? []) lines.push(`    ${l.name}: ${l.found ? `present at ${l.found}` : 'MISSING'}`);
    }
  }
  return lines.join('\n');
}

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'Check that a package is what was tested (interpreter, distributions, files) and will load (linkage, smoke)',
  options: {
    artifact: {
      type: 'string',
      value: 'FILE.tar.gz',
      required: true,
      description: 'the package made by `pyhermetic pack`',
    },
    tested: { type: 'string', value: 'DIR', required: true, description: 'the env the tests ran in' },
    app: {
      type: 'string',
      value: 'DIR',
      description:
        "the app tree the tests ran on: the package's app/ is compared with it file by file (without it, app/ is checked against the package's own manifest only)",
    },
    report: {
      type: 'string',
      value: 'DIR',
      description: 'write report.json, report.html, junit.xml and summary.md there',
    },
    'glibc-max': {
      type: 'string',
      value: 'X.Y',
      default:
        "the interpreter's own floor: glibcFloor of its interpreter.json, else the highest GLIBC_x.y its files need",
      description: "the glibc floor every ELF file is held to, the interpreter's own included",
    },
    smoke: {
      type: 'string',
      value: 'MODULE',
      repeatable: true,
      description: 'import this module too; by default every top-level extension module is imported',
    },
    'no-default-smoke': { type: 'boolean', description: 'import only the --smoke modules' },
    'no-smoke': {
      type: 'boolean',
      description: 'skip the import test on this machine (each --root still runs the package inside it)',
    },
    root: {
      type: 'string',
      value: 'ROOTFS',
      repeatable: true,
      description:
        'run the package inside this root filesystem (a directory, or a .tar/.tar.gz such as `docker export` of the production base image); one check per root',
    },
    'deploy-path': {
      type: 'string',
      value: 'P',
      default: '/opt/<package name>',
      description: 'where the package is extracted inside each root',
    },
    'allow-system-lib': {
      type: 'string',
      value: 'NAME',
      repeatable: true,
      description:
        "a library (soname) the production hosts provide besides glibc's; listed in the report as a runtime requirement instead of a finding",
    },
    'strict-host-libs': {
      type: 'boolean',
      description:
        "glibc's libraries only, for every file: a wheel's manylinux policy allows nothing more (by default a wheel's files may also need the libraries of the manylinux policy its tag claims, e.g. libz.so.1, libgcc_s.so.1, libstdc++.so.6 for manylinux2014)",
    },
    'tested-record': {
      type: 'string',
      value: 'FILE',
      repeatable: true,
      description:
        'a record `pyhermetic test --record` wrote, one per shard and agent: each must have tested the package\'s env (the same tree digest); a shard missing or run twice, a test in two shards and failed tests are findings; the report gets a "tested on" section',
    },
  },
  json: 'the report (report.json)',
  details: `checks: interpreter (fingerprint and artifact), distributions (names, versions, RECORD hashes), files (every
sha256: missing, extra, changed; the lock inside), linkage (every ELF file: libraries from the host by the two rules
— the interpreter's files glibc's only, a wheel's also its manylinux policy's list —, glibc floor), smoke (imports
with env -i from a copy at another path), root: NAME (per --root: the root's loader lists every ELF file nothing else
loads, and answers for each library from the host, then the imports run there, as root with unshare -m + chroot over an overlay, unprivileged with bwrap over a copy).`,
  exitCodes:
    '0 clean · 1 findings · 2 bad input, a refused (hostile) archive, a --root that is no root filesystem · 3 a tool failed',
  async run({ values, json }) {
    const artifact = stringOption(values, 'artifact');
    const tested = stringOption(values, 'tested');
    if (!artifact || !tested)
      throw new UsageError(
        `verify needs ${!artifact ? '--artifact FILE.tar.gz' : '--tested DIR'}`,
        `usage: pyhermetic ${this.usage}`,
      );
    const reportDir = stringOption(values, 'report');
    // Before the checks: a --report that is a file, a symlink or another user's directory fails at once.
    if (reportDir) ensureOutputDir(reportDir, 'the --report directory');
    const { findingCount, verdictLine } = await import('../core/model/report.js');
    const { writeReports } = await import('../core/report/index.js');
    const { verifyPackage } = await import('../core/verify/verify.js');
    const { readTestedRecord } = await import('../core/verify/tested-record-read.js');
    const testedRecords = await Promise.all(
      listOption(values, 'tested-record').map(async (file) => ({ file, record: await readTestedRecord(file) })),
    );
    const report = await log.stage('verify', () =>
      verifyPackage({
        artifact,
        tested,
        app: stringOption(values, 'app'),
        glibcMax: stringOption(values, 'glibc-max'),
        allowSystemLibs: listOption(values, 'allow-system-lib').flatMap((v) => v.split(',').filter(Boolean)),
        strictHostLibs: values['strict-host-libs'] === true,
        roots: listOption(values, 'root'),
        deployPath: stringOption(values, 'deploy-path'),
        smoke: listOption(values, 'smoke'),
        smokeDefaults: values['no-default-smoke'] !== true,
        skipSmoke: values['no-smoke'] === true,
        testedRecords,
      }),
    );
    if (reportDir) {
      const files = await writeReports(report, reportDir);
      log.info(`report: ${files.html}`);
    }
    if (json) printJson(report);
    else log.out(human(report, verdictLine));
    if (!report.ok)
      log.info(`${findingCount(report)} finding(s): the package is not what was tested, or will not load`);
    return report.ok ? 0 : 1;
  },
});
