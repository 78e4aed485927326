// Renders one Report into a directory: report.json, report.html, junit.xml, summary.md. Each file is
// written to a temp file beside it and renamed, so a reader (Jenkins archiving, a person refreshing the
// page) sees either the previous complete file or the new one, never half of one.
import { ensureOutputDir } from '../../shared/safe-dirs.js';
import { writeFileAtomic } from '../../shared/atomic-file.js';
import { join } from 'node:path';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from '../model/report.js';

export interface ReportFiles {
  json: string;
  html: string;
  junit: string;
  markdown: string;
}

export const REPORT_FILES = {
  json: 'report.json',
  html: 'report.html',
  junit: 'junit.xml',
  markdown: 'summary.md',
} as const;

export function renderAll(report: Report): Record<keyof ReportFiles, string> {
  return {
    json: `${JSON.stringify(report, null, 2)}\n`,
    html: renderHtml(report),
    junit: renderJunit(report),
    markdown: renderMarkdown(report),
  };
}

export async function writeReports(report: Report, dir: string): Promise<ReportFiles> {
  ensureOutputDir(dir, 'the report directory');
  const rendered = renderAll(report);
  const paths = {
    json: join(dir, REPORT_FILES.json),
    html: join(dir, REPORT_FILES.html),
    junit: join(dir, REPORT_FILES.junit),
    markdown: join(dir, REPORT_FILES.markdown),
  };
  // report.json last: a watcher that waits for it finds the other three already complete.
  for (const key of ['html', 'junit', 'markdown', 'json'] as const) await writeFileAtomic(paths[key], rendered[key]);
  return paths;
}
