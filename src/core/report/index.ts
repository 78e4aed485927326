// Rendering verify's and the pipeline's Report (core/model/report.ts) as json, html, junit and markdown.
export { renderAll, writeReports, REPORT_FILES, type ReportFiles } from './write.js';
export { renderHtml } from './html.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
