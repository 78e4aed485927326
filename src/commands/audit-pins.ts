// `pyhermetic audit pins [PATH…] [--sarif FILE] [--junit FILE] [--json] [--fail-on error|warning|never]`
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { VERSION } from '../shared/version.js';
import { defineCommand, type OptionValues, printJson, stringOption } from './command.js';
import { STORE_OPTION } from './store-option.js';

const FAIL_ON = ['error', 'warning', 'never'] as const;
const AUDIT_CONFIG_FILE = '.pyhermetic-audit.json';

/** Findings printed on stderr; the rest are counted (the SARIF, JUnit and --json outputs hold them all). */
const PRINT_LIMIT = 200;

export const auditPinsCommand = defineCommand({
  name: 'audit pins',
  summary: 'Find what floats in a repository (Jenkinsfiles, Dockerfiles, scripts, requirements): SARIF, JUnit, JSON',
  positionals: [
    {
      name: 'PATH',
      repeatable: true,
      default: 'the current directory (a Jenkins step: the workspace)',
      description: 'files or directories to scan',
    },
  ],
  options: {
    sarif: {
      type: 'string',
      value: 'FILE',
      description: 'write SARIF 2.1.0 (Warnings NG: recordIssues(tools: [sarif(pattern: FILE)]))',
    },
    junit: { type: 'string', value: 'FILE', description: 'write JUnit XML, one testcase per rule' },
    'fail-on': {
      type: 'string',
      value: 'LEVEL',
      default: 'error',
      description: 'exit 1 on findings at or above LEVEL: error, warning, or never',
    },
    config: {
      type: 'string',
      value: 'FILE',
      default: `${AUDIT_CONFIG_FILE} in the first PATH, if there`,
      description: 'the audit config: {"exclude": [globs], "libraryTags": [names], "suppress": [{rule, path, reason}]}',
    },
    store: {
      ...STORE_OPTION,
      description: "the interpreter store, to compare a lock's fingerprint with its spec's interpreter",
    },
  },
  json: '{ok, root, failOn, scanned, byKind, counts: {error, warning, suppressed, failing}, findings: [{rule, severity, file, line, column, endLine, endColumn, text, message, why, fix, suppressed?}], skipped, sarif, junit}',
  details: `Scans for inputs that can change without a commit: Jenkinsfiles and *.groovy, Dockerfiles, shell
scripts (and the scripts of sh steps and RUN lines), requirements*.txt / *.in / constraints*.txt, and
pyhermetic's own python.json and pyhermetic.json. Each finding has a rule, a severity, the file, line and
column, the text, why it matters and the pinned form to use instead (docs/audit-pins.md lists the rules).

Suppress one finding in place with a comment and a reason (// in Groovy):
  # pyhermetic: allow floating-docker-image — the platform team rebuilds this base nightly
A suppression without a reason is itself a finding.`,
  exitCodes: '0 nothing at or above --fail-on · 1 findings · 2 bad arguments or config',
  async run({ values, positionals, json }) {
    const failOn = stringOption(values, 'fail-on') ?? 'error';
    if (!(FAIL_ON as readonly string[]).includes(failOn))
      throw new UsageError(
        `--fail-on must be one of ${FAIL_ON.join(', ')}, got '${failOn}'`,
        `usage: pyhermetic ${this.usage}`,
      );
    const paths = positionals.length ? positionals : ['.'];
    const { auditPins } = await import('../core/audit/audit.js');
    const { renderAuditJunit } = await import('../core/audit/junit.js');
    const { renderSarif } = await import('../core/audit/sarif.js');
    const { writeFileAtomic } = await import('../shared/atomic-file.js');
    const config = await configFor(values, paths);
    const started = Date.now();
    const result = await auditPins({
      paths,
      cwd: process.cwd(),
      config,
      failOn: failOn as (typeof FAIL_ON)[number],
      store: stringOption(values, 'store'),
    });
    const sarif = stringOption(values, 'sarif');
    const junit = stringOption(values, 'junit');
    if (sarif) await writeFileAtomic(resolve(sarif), renderSarif(result, VERSION));
    if (junit) await writeFileAtomic(resolve(junit), renderAuditJunit(result));
    if (json) printJson({ ...result, sarif: sarif ?? null, junit: junit ?? null });
    const open = result.findings.filter((f) => !f.suppressed);
    for (const f of open.slice(0, PRINT_LIMIT))
      process.stderr.write(
        `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.rule}] ${f.message}\n    ${f.text}\n    fix: ${f.fix}\n`,
      );
    if (open.length > PRINT_LIMIT)
      process.stderr.write(`… and ${open.length - PRINT_LIMIT} more (see --sarif, --junit or --json)\n`);
    const { error, warning, suppressed, failing } = result.counts;
    const line = `audited ${result.scanned} file(s) in ${log.seconds(Date.now() - started)}: ${error} error(s), ${warning} warning(s), ${suppressed} suppressed`;
    if (result.ok) log.info(`${line}; nothing at or above --fail-on ${failOn}`);
    else log.error(`${line}; ${failing} at or above --fail-on ${failOn}`);
    for (const s of result.skipped) log.warn(`not read: ${s.file} (${s.why})`);
    return result.ok ? 0 : 1;
  },
});

/** --config, else .pyhermetic-audit.json in the first PATH (its directory for a file), else none. */
async function configFor(values: OptionValues, paths: string[]) {
  const { emptyConfig, readAuditConfig } = await import('../core/audit/audit-config.js');
  const given = stringOption(values, 'config');
  if (given) return readAuditConfig(resolve(given));
  const first = resolve(paths[0] ?? '.');
  const dir = existsSync(first) && statSync(first).isDirectory() ? first : dirname(first);
  const beside = join(dir, AUDIT_CONFIG_FILE);
  return existsSync(beside) ? readAuditConfig(beside) : emptyConfig(dir);
}
