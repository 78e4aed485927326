// `pyhermetic verify --artifact FILE.tar.gz --tested DIR [--app DIR] [--report DIR] [--glibc-max X.Y]
//  [--allow-system-lib NAME...] [--root ROOTFS...] [--deploy-path P] [--smoke MODULE...] [--no-smoke]
//  [--no-default-smoke] [--json]`
import { UsageError } from '../shared/errors.js';
import { ensureOutputDir } from '../shared/safe-dirs.js';
import { findingCount, verdictLine, writeReports, type Report } from '../core/report/index.js';
import { verifyPackage } from '../core/verify/verify.js';
import { readTestedRecord } from '../core/report/tested-record.js';
import * as log from '../shared/log.js';
import { listOption, printJson, stringOption, type Command } from './command.js';

/** Findings printed per check on the terminal; the report files have all of them. */
const SHOWN = 20;

function human(report: Report): string {
  const lines = [`${report.ok ? 'ok' : 'FINDINGS'}: ${verdictLine(report)}`];
  for (const c of report.checks) {
    const state = c.skipped !== undefined ? 'skipped' : c.ok ? 'ok' : `${c.findings.length} finding(s)`;
    lines.push(
      `  ${c.name.padEnd(13)} ${state}${c.summary ? `  (${c.summary})` : ''}${c.skipped ? `  (${c.skipped})` : ''}`,
    );
    for (const f of c.findings.slice(0, SHOWN)) lines.push(`    ${f.path}: ${f.message}\n      fix: ${f.fix}`);
    if (c.findings.length > SHOWN) lines.push(`    … ${c.findings.length - SHOWN} more (see the report)`);
  }
  const w = report.whereItRuns;
  if (w) {
    lines.push(`where it runs: glibc ≥ ${w.glibcFloor.version ?? 'any'} (${w.glibcFloor.source})`);
    const libs = w.systemLibraries.map((l) => `${l.name}${l.declared ? '' : ' (UNDECLARED)'}`);
    lines.push(`  needs from the host besides glibc: ${libs.length ? libs.join(', ') : 'nothing'}`);
    for (const r of w.roots)
      lines.push(
        `  ${r.ok ? 'runs' : 'FAILS'} in ${r.root}${r.sha256 ? ` (sha256 ${r.sha256.slice(0, 16)}…)` : ''} at ${r.deployPath}, glibc ${r.glibc ?? '?'}`,
      );
  }
  return lines.join('\n');
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check that a package is what was tested (interpreter, distributions, files) and will load (linkage, smoke)',
  usage:
    'verify --artifact FILE.tar.gz --tested DIR [--app DIR] [--report DIR] [--glibc-max X.Y] [--allow-system-lib NAME...] [--root ROOTFS...] [--deploy-path P] [--smoke MODULE...] [--no-smoke] [--tested-record FILE...] [--json]',
  help: `options:
  --artifact FILE     the package made by \`pyhermetic pack\`
  --tested DIR        the env the tests ran in
  --app DIR           the app tree the tests ran on: compare the package's app/ with it file by file
                      (without it, app/ is checked against the package's own manifest only)
  --report DIR        write report.json, report.html, junit.xml and summary.md there
  --glibc-max X.Y     the glibc floor every ELF file is held to, the interpreter's own included (default: the
                      interpreter's: glibcFloor of its interpreter.json, else the highest GLIBC_x.y its files need)
  --allow-system-lib NAME  a library (soname) the production hosts provide besides glibc's (repeatable); listed
                      in the report as a runtime requirement instead of a finding
  --root ROOTFS       run the package inside this root filesystem (a directory, or a .tar/.tar.gz such as
                      \`docker export\` of the production base image); repeatable, one check per root
  --deploy-path P     where the package is extracted inside the root (default /opt/<package name>)
  --smoke MODULE      import this module too (repeatable); by default every top-level extension module is imported
  --no-default-smoke  import only the --smoke modules
  --no-smoke          skip the import test on this machine (each --root still runs the package inside it)
  --tested-record FILE  a record \`pyhermetic test --record\` wrote (repeatable, one per shard and agent): each
                      must have tested the package's env (the same tree digest); a shard missing or run twice,
                      a test in two shards, failed tests are findings; the report gets a "tested on" section
  --json              print the report (report.json) on stdout

checks: interpreter (fingerprint and artifact), distributions (names, versions, RECORD hashes), files (every
sha256: missing, extra, changed), linkage (every ELF file: libraries from the host, glibc floor), smoke (imports
with env -i from a copy at another path), root: NAME (per --root: the root's loader lists every ELF file, then the
imports run there, as root with unshare -m + chroot over an overlay, unprivileged with bwrap over a copy).
exit codes: 0 clean · 1 findings · 2 bad input, a refused (hostile) archive, a --root that is no root filesystem ·
3 a tool failed`,
  options: {
    artifact: { type: 'string' },
    tested: { type: 'string' },
    app: { type: 'string' },
    report: { type: 'string' },
    'glibc-max': { type: 'string' },
    'allow-system-lib': { type: 'string', multiple: true },
    root: { type: 'string', multiple: true },
    'deploy-path': { type: 'string' },
    smoke: { type: 'string', multiple: true },
    'no-smoke': { type: 'boolean' },
    'no-default-smoke': { type: 'boolean' },
    'tested-record': { type: 'string', multiple: true },
  },
  async run({ values, json }) {
    const artifact = stringOption(values, 'artifact');
    const tested = stringOption(values, 'tested');
    if (!artifact || !tested)
      throw new UsageError(
        `verify needs ${!artifact ? '--artifact FILE.tar.gz' : '--tested DIR'}`,
        `usage: pyhermetic ${verifyCommand.usage}`,
      );
    const reportDir = stringOption(values, 'report');
    // Before the checks: a --report that is a file, a symlink or another user's directory fails at once.
    if (reportDir) ensureOutputDir(reportDir, 'the --report directory');
    const recordFiles = listOption(values, 'tested-record');
    const testedRecords = await Promise.all(
      recordFiles.map(async (file) => ({ file, record: await readTestedRecord(file) })),
    );
    const report = await log.stage('verify', () =>
      verifyPackage({
        artifact,
        tested,
        app: stringOption(values, 'app'),
        glibcMax: stringOption(values, 'glibc-max'),
        allowSystemLibs: listOption(values, 'allow-system-lib').flatMap((v) => v.split(',').filter(Boolean)),
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
    else log.out(human(report));
    if (!report.ok)
      log.info(`${findingCount(report)} finding(s): the package is not what was tested, or will not load`);
    return report.ok ? 0 : 1;
  },
};
