// Reads the junit XML a test runner (pytest --junitxml) wrote, just enough to say in the pipeline
// report how many tests ran and which failed. Not a general XML parser: pytest's output is regular
// (one <testcase> element per test, <failure>/<error>/<skipped> children with a message attribute).

export interface FailedTest {
  /** classname::name, as a person finds it in the test output. */
  id: string;
  kind: 'failure' | 'error';
  message: string;
}

export interface JunitSummary {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  failed: FailedTest[];
}

function unescapeXml(s: string): string {
  return s.replace(
    /&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g,
    (_m, name: string, dec?: string, hex?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name];
    },
  );
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

export function parseJunit(xml: string): JunitSummary {
  const summary: JunitSummary = { tests: 0, failures: 0, errors: 0, skipped: 0, failed: [] };
  // Each testcase runs from its opening tag to its closing tag (or is self-closing).
  const caseRe = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = caseRe.exec(xml); m; m = caseRe.exec(xml)) {
    summary.tests++;
    const open = `<testcase${m[1]}>`;
    const body = m[3] ?? '';
    const id = [attr(open, 'classname'), attr(open, 'name')].filter(Boolean).join('::') || '(unnamed test)';
    const problem = /<(failure|error)\b([^>]*)>?/.exec(body);
    if (problem) {
      const kind = problem[1] as 'failure' | 'error';
      if (kind === 'failure') summary.failures++;
      else summary.errors++;
      summary.failed.push({ id, kind, message: (attr(`<x${problem[2]}>`, 'message') ?? '').split('\n')[0] });
    } else if (/<skipped\b/.test(body)) {
      summary.skipped++;
    }
  }
  return summary;
}
