// The report API other stages use: build a Report (report.ts) and render it (writeReports).
export {
  checkResult,
  findingCount,
  makeReport,
  skippedCheck,
  verdictLine,
  type CheckResult,
  type HostLibraryUse,
  type Report,
  type RootRun,
  type SystemLibrary,
  type WhereItRuns,
} from './report.js';
export { renderAll, writeReports, REPORT_FILES, type ReportFiles } from './write.js';
export { renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
