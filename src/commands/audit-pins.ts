// `pyhermetic audit pins [PATH…] [--sarif FILE] [--junit FILE] [--json] [--fail-on error|warning|never]`
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AUDIT_CONFIG_FILE, emptyConfig, readAuditConfig } from '../core/audit/audit-config.js';
import { type AuditResult, auditPins } from '../core/audit/audit.js';
import { renderAuditJunit } from '../core/audit/junit.js';
import { FAIL_ON, type FailOn, RULES } from '../core/audit/rules.js';
import { renderSarif } from '../core/audit/sarif.js';
import { writeFileAtomic } from '../shared/atomic-file.js';
import { UsageError } from '../shared/errors.js';
import * as log from '../shared/log.js';
import { type Command, type OptionValues, printJson, stringOption } from './command.js';
import { TOOL_VERSION } from './tool-version.js';

const USAGE =
  'audit pins [PATH…] [--sarif FILE] [--junit FILE] [--json] [--fail-on error|warning|never] [--config FILE] [--store DIR]';

/** Findings printed on stderr; the rest are counted (the SARIF, JUnit and --json outputs hold them all). */
const PRINT_LIMIT = 200;

function printFindings(result: AuditResult): void {
  const shown = result.findings.filter((f) => !f.suppressed).slice(0, PRINT_LIMIT);
  for (const f of shown) {
    process.stderr.write(
      `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.rule}] ${f.message}\n    ${f.text}\n    fix: ${f.fix}\n`,
    );
  }
  const more = result.findings.filter((f) => !f.suppressed).length - shown.length;
  if (more > 0) process.stderr.write(`… and ${more} more (see --sarif, --junit or --json)\n`);
}

function configFor(values: OptionValues, paths: string[]) {
  const given = stringOption(values, 'config');
  if (given) return readAuditConfig(resolve(given));
  const first = resolve(paths[0] ?? '.');
  const dir = existsSync(first) && statSync(first).isDirectory() ? first : dirname(first);
  const beside = join(dir, AUDIT_CONFIG_FILE);
  return existsSync(beside) ? readAuditConfig(beside) : emptyConfig(dir);
}

export const auditPinsCommand: Command = {
  name: 'audit pins',
  summary: 'Find what floats in a repository (Jenkinsfiles, Dockerfiles, scripts, requirements): SARIF, JUnit, JSON',
  usage: USAGE,
  help: `Scans PATHs (default: the current directory) for inputs that can change without a commit:
Jenkinsfiles and *.groovy, Dockerfiles, shell scripts (and the scripts of sh steps and RUN lines),
requirements*.txt / *.in / constraints*.txt, and pyhermetic's own python.json and pyhermetic.json.
Each finding has a rule, a severity, the file, line and column, the text, why it matters and the
pinned form to use instead (docs/audit-pins.md lists the rules).

options:
  --sarif FILE      write SARIF 2.1.0 (for Warnings NG: recordIssues(tools: [sarif(pattern: FILE)]))
  --junit FILE      write JUnit XML, one testcase per rule
  --json            print {ok, failOn, counts, byKind, findings: [...], skipped}
  --fail-on LEVEL   exit 1 on findings at or above LEVEL: error (default), warning, or never
  --config FILE     the audit config (default: ${AUDIT_CONFIG_FILE} in the first PATH):
                    {"exclude": [globs], "libraryTags": [names], "suppress": [{"rule", "path", "reason"}]}
  --store DIR       the interpreter store, to compare a lock's fingerprint with its spec's interpreter
                    (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)

Suppress one finding in place with a comment and a reason:
  # pyhermetic: allow floating-docker-image — the platform team rebuilds this base nightly
(// in Groovy). A suppression without a reason is itself a finding.

rules: ${RULES.map((r) => r.id).join(', ')}

exit codes: 0 nothing at or above --fail-on · 1 findings · 2 bad arguments or config`,
  options: {
    sarif: { type: 'string' },
    junit: { type: 'string' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    store: { type: 'string' },
  },
  positionals: { min: 0, max: Number.MAX_SAFE_INTEGER, names: 'PATH…' },
  async run({ values, positionals, json }) {
    const failOn = (stringOption(values, 'fail-on') ?? 'error') as FailOn;
    if (!FAIL_ON.includes(failOn))
      throw new UsageError(
        `--fail-on must be one of ${FAIL_ON.join(', ')}, got '${failOn}'`,
        `usage: pyhermetic ${USAGE}`,
      );
    const paths = positionals.length ? positionals : ['.'];
    const config = configFor(values, paths);
    const started = Date.now();
    const result = await auditPins({ paths, cwd: process.cwd(), config, failOn, store: stringOption(values, 'store') });
    const sarif = stringOption(values, 'sarif');
    const junit = stringOption(values, 'junit');
    if (sarif) await writeFileAtomic(resolve(sarif), renderSarif(result, TOOL_VERSION));
    if (junit) await writeFileAtomic(resolve(junit), renderAuditJunit(result));
    if (json) printJson({ ...result, sarif: sarif ?? null, junit: junit ?? null });
    printFindings(result);
    const { error, warning, suppressed, failing } = result.counts;
    const line = `audited ${result.scanned} file(s) in ${log.seconds(Date.now() - started)}: ${error} error(s), ${warning} warning(s), ${suppressed} suppressed`;
    if (result.ok) log.info(`${line}; nothing at or above --fail-on ${failOn}`);
    else log.error(`${line}; ${failing} at or above --fail-on ${failOn}`);
    for (const s of result.skipped) log.warn(`not read: ${s.file} (${s.why})`);
    return result.ok ? 0 : 1;
  },
};
