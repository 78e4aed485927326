// Reads the junit XML a test runner (pytest --junitxml) wrote, to say in the pipeline report how many
// tests ran and which failed. Parsed by fast-xml-parser (CDATA, comments and attribute quoting as XML has
// them), with XML's own entities and character references (&#10;) decoded by @nodable/entities, the
// decoder fast-xml-parser is built on, and every expansion bounded; then every <testcase> is taken
// wherever it sits (<testsuites><testsuite>…, or a bare <testsuite>).
import { EntityDecoder } from '@nodable/entities';
import { XMLParser } from 'fast-xml-parser';

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

type Node = Record<string, unknown>;

/** Bounds on what entities (a DOCTYPE's included) may expand to: a junit file is output, not a bomb. */
const ENTITY_LIMITS = { maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000, applyLimitsTo: 'all' as const };

const parser = new XMLParser({
  entityDecoder: new EntityDecoder({ numericAllowed: true, limit: ENTITY_LIMITS }),
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
});

/** Every <testcase> element under node, in document order. */
function testcases(node: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) testcases(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'testcase') out.push(...(value as Node[]).filter((v) => v !== null && typeof v === 'object'));
      else if (!key.startsWith('@')) testcases(value, out);
    }
  }
  return out;
}

const attr = (node: Node, name: string): string | undefined =>
  typeof node[`@${name}`] === 'string' ? (node[`@${name}`] as string) : undefined;

export function parseJunit(xml: string): JunitSummary {
  const summary: JunitSummary = { tests: 0, failures: 0, errors: 0, skipped: 0, failed: [] };
  for (const tc of testcases(parser.parse(xml))) {
    summary.tests++;
    const id = [attr(tc, 'classname'), attr(tc, 'name')].filter(Boolean).join('::') || '(unnamed test)';
    const kind = tc.failure ? 'failure' : tc.error ? 'error' : undefined;
    if (kind) {
      if (kind === 'failure') summary.failures++;
      else summary.errors++;
      const first = (tc[kind] as unknown[])[0];
      const message = first !== null && typeof first === 'object' ? (attr(first as Node, 'message') ?? '') : '';
      summary.failed.push({ id, kind, message: message.split('\n')[0] });
    } else if (tc.skipped) {
      summary.skipped++;
    }
  }
  return summary;
}
