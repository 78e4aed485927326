// The report API other stages use: build a Report (report.ts) and render it (writeReports).
export {
  checkResult,
  findingCount,
  makeReport,
  skippedCheck,
  verdictLine,
  type CheckResult,
  type Report,
  type RootRun,
  type WhereItRuns,
} from './report.js';
export { envTreeDigest, parseShard, parseTestedRecord, shardText, type TestedRecord } from './tested-record.js';
export { testedOnCheck, type TestedOn } from './tested-on.js';
export { renderAll, writeReports, REPORT_FILES, type ReportFiles } from './write.js';
export { renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
