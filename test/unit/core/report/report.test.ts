import assert from 'node:assert/strict';
import { execa } from 'execa';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkResult, makeReport, skippedCheck } from '../../../../src/core/model/report.js';
import { renderAll, renderHtml, renderJunit, renderMarkdown, writeReports } from '../../../../src/core/report/index.js';
import { tempDir } from '../../../helpers/runner.js';

const HOSTILE = `<script>alert("x")</script> & 'q' \u0001 ]]> --> \u{1F600}`;

function sample(withFindings: boolean) {
  return makeReport({
    title: 'pyhermetic verify',
    checks: [
      checkResult('interpreter', [], { summary: 'fingerprint equal', durationMs: 3 }),
      checkResult(
        'files',
        withFindings
          ? [
              {
                path: 'lib/python3.11/site-packages/x.py',
                message: 'content differs from the tested env',
                fix: 'rebuild the package from the tested env',
              },
              { path: HOSTILE, message: HOSTILE, fix: HOSTILE },
            ]
          : [],
        { durationMs: 1200 },
      ),
      skippedCheck('smoke', 'no modules to import'),
    ],
    artifact: { path: '/tmp/a.tar.gz', sha256: 'ab'.repeat(32) },
    tested: { path: '/tmp/env', note: HOSTILE },
    timings: { read: 1000, smoke: 20 },
  });
}

/** Parses junit.xml with a real XML parser (Python's expat) and returns what Jenkins would see. */
async function parseJunit(text: string) {
  const script = `import sys, json, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
out = []
for tc in root.iter('testcase'):
    f = tc.find('failure'); s = tc.find('skipped')
    out.append({'name': tc.get('name'), 'failure': None if f is None else f.text, 'message': None if f is None else f.get('message'), 'skipped': s is not None})
print(json.dumps({'failures': root.get('failures'), 'cases': out}))`;
  const r = await execa('/usr/bin/python3', ['-c', script], { input: text });
  return JSON.parse(r.stdout);
}

function withWhere() {
  return makeReport({
    title: 'pyhermetic verify',
    checks: [
      checkResult('linkage', []),
      checkResult('root: debian11.tar', [
        { path: '/opt/app/bin/python3.11', message: "version `GLIBC_2.34' not found", fix: 'older build root' },
      ]),
    ],
    whereItRuns: {
      glibcFloor: { version: '2.31', source: 'glibcFloor of interpreter.json', interpreterNeeds: '2.30' },
      hostLibraryRules: ["the interpreter's own files and the app: glibc's libraries only"],
      systemLibraries: [
        { name: 'libssl.so.3', declared: true, neededBy: ['interpreter'], allowedBy: [], notAllowedFor: [] },
        {
          name: 'libz.so.1',
          declared: false,
          neededBy: ['numpy 1.26.4'],
          allowedBy: ['manylinux_2_17'],
          notAllowedFor: [],
        },
        { name: HOSTILE, declared: false, neededBy: ['evil 1.0'], allowedBy: [], notAllowedFor: ['evil 1.0'] },
      ],
      hostLibraries: [
        {
          owner: 'numpy 1.26.4',
          policy: 'manylinux_2_17',
          platforms: ['manylinux_2_17_x86_64', 'manylinux2014_x86_64'],
          libraries: [{ name: 'libz.so.1', allowedBy: 'manylinux_2_17' }],
        },
      ],
      roots: [
        {
          root: '/roots/debian11.tar',
          kind: 'tarball',
          sha256: 'cd'.repeat(32),
          deployPath: '/opt/app',
          sandbox: 'unshare -m + chroot',
          glibc: '2.31',
          ok: false,
          findings: 1,
          check: 'root: debian11.tar',
          libraries: [
            {
              name: 'libz.so.1',
              found: '/lib/x86_64-linux-gnu/libz.so.1',
              loader: 'libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f0000000000)',
            },
          ],
        },
      ],
    },
  });
}

describe('report renderers', () => {
  it('"where it runs": the glibc floor, the host libraries (declared or not) and each root, in all four files', async () => {
    const r = withWhere();
    const json = JSON.parse(renderAll(r).json);
    assert.equal(json.whereItRuns.glibcFloor.version, '2.31');
    assert.equal(json.whereItRuns.roots[0].sha256, 'cd'.repeat(32));
    const page = renderHtml(r);
    assert.match(page, /<h2 id="where-it-runs">Where it runs<\/h2>/);
    assert.match(page, /glibc ≥ 2\.31 \(glibcFloor of interpreter\.json/);
    assert.match(page, /libssl\.so\.3: declared \(a runtime requirement\); needed by interpreter/);
    assert.match(page, /libz\.so\.1: from the host, allowed by manylinux_2_17; needed by numpy 1\.26\.4/);
    assert.match(page, /NOT ALLOWED from the host for evil 1\.0 \(a finding\)/);
    assert.match(page, /numpy 1\.26\.4 \(under manylinux_2_17\): libz\.so\.1 \(manylinux_2_17\)/);
    assert.match(page, /in \/roots\/debian11\.tar: libz\.so\.1 present at \/lib\/x86_64-linux-gnu\/libz\.so\.1/);
    assert.match(
      page,
      /the interpreter&#39;s own files and the app: glibc&#39;s libraries only|the interpreter's own files/,
    );
    assert.match(page, /\/roots\/debian11\.tar.*FAILS.*sha256 cdcd/s);
    assert.ok(!page.includes('<script>'));
    const md = renderMarkdown(r);
    assert.match(md, /\*\*Where it runs\*\*/);
    assert.match(md, /FAILS in \/roots\/debian11\.tar .*tarball sha256 cdcd/);
    // (Markdown escapes _ ( ) >.)
    assert.match(md, /libz\.so\.1: from the host, allowed by manylinux\\_2\\_17/);
    assert.match(md, /libz\.so\.1 present at \/lib\/x86\\_64-linux-gnu\/libz\.so\.1 \\\(the loader: libz\.so\.1 =\\> /);
    const doc = await parseJunit(renderJunit(r));
    assert.deepEqual(
      doc.cases.map((c: { name: string }) => c.name),
      ['linkage', 'root: debian11.tar'],
    );
    assert.match(doc.cases[1].failure, /GLIBC_2\.34/);
    assert.match(renderJunit(r), /<property name="glibcFloor" value="2\.31"\/>/);
    // A report without the section renders none of it.
    assert.ok(!renderHtml(sample(false)).includes('where-it-runs'));
  });

  it('derives ok from the findings, never from what a caller claims', () => {
    const r = makeReport({
      title: 't',
      checks: [{ name: 'a', ok: true, findings: [{ path: 'p', message: 'm', fix: 'f' }] }],
    });
    assert.equal(r.checks[0].ok, false);
    assert.equal(r.ok, false);
    assert.equal(sample(false).ok, true);
    assert.equal(sample(true).ok, false);
  });

  it('report.html: verdict at the top, a section per check, findings with their fix, everything escaped', () => {
    const page = renderHtml(sample(true));
    const body = page.slice(page.indexOf('<body>'));
    assert.ok(body.indexOf('FAILED') < body.indexOf('<section'), 'verdict precedes the sections');
    assert.equal((page.match(/<section class="check/g) ?? []).length, 3);
    assert.ok(body.indexOf('id="check-1"') < body.indexOf('id="check-0"'), "the failing check's section comes first");
    assert.match(page, /content differs from the tested env/);
    assert.match(page, /rebuild the package from the tested env/);
    assert.ok(!page.includes('<script>'), 'hostile markup is escaped');
    assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(!page.includes('\u0001'));
    assert.ok(!/(src|href)="(https?:)?\/\//.test(page), 'no external assets');
    assert.match(renderHtml(sample(false)), /PASSED — pyhermetic verify/);
  });

  it('junit.xml: one testcase per check, failures carry the findings, parses with a real XML parser', async () => {
    const doc = await parseJunit(renderJunit(sample(true)));
    assert.equal(doc.failures, '1');
    assert.deepEqual(
      doc.cases.map((c: { name: string }) => c.name),
      ['interpreter', 'files', 'smoke'],
    );
    const files = doc.cases[1];
    assert.match(files.failure, /x\.py: content differs from the tested env\n {2}fix: rebuild the package/);
    assert.ok(files.failure.includes('<script>alert("x")</script>'), 'hostile text survives the round trip as text');
    assert.equal(doc.cases[2].skipped, true);
    assert.equal(doc.cases[0].failure, null);
    const clean = await parseJunit(renderJunit(sample(false)));
    assert.equal(clean.failures, '0');
  });

  it('summary.md: a few lines with the verdict, one row per check, the first findings', () => {
    const md = renderMarkdown(sample(true));
    const lines = md.trimEnd().split('\n');
    assert.match(lines[0], /FAILED/);
    assert.ok(lines.length <= 12, md);
    assert.match(md, /\| files \| \*\*FAIL\*\* \| 2 \|/);
    // Markup only ever appears inside a code span (shown literally); in running text it is escaped.
    assert.equal(md.replace(/`[^`]*`/g, '').includes('<script>'), false);
    assert.ok(md.includes('\\<script\\>'));
    assert.match(renderMarkdown(sample(false)).split('\n')[0], /PASSED/);
  });

  it('writeReports writes the four files atomically and leaves no temp files', async () => {
    const dir = join(tempDir('report-'), 'out');
    const paths = await writeReports(sample(true), dir);
    assert.deepEqual(readdirSync(dir).sort(), ['junit.xml', 'report.html', 'report.json', 'summary.md']);
    const json = JSON.parse(readFileSync(paths.json, 'utf8'));
    assert.equal(json.ok, false);
    assert.deepEqual(Object.keys(json.checks[0]).sort(), ['durationMs', 'findings', 'name', 'ok', 'summary']);
    assert.deepEqual(json.checks[1].findings[0], {
      path: 'lib/python3.11/site-packages/x.py',
      message: 'content differs from the tested env',
      fix: 'rebuild the package from the tested env',
    });
    // Re-rendering over existing files replaces them.
    await writeReports(sample(false), dir);
    assert.equal(JSON.parse(readFileSync(paths.json, 'utf8')).ok, true);
    assert.equal(readdirSync(dir).length, 4);
  });

  it('writeReports into a path that is a file fails without creating anything', async () => {
    const file = join(tempDir('report-'), 'afile');
    writeFileSync(file, 'x');
    await assert.rejects(writeReports(sample(true), file));
    assert.equal(readFileSync(file, 'utf8'), 'x');
  });
});

describe('control characters from file names: shown, never passed to a terminal or a Markdown reader', () => {
  const NAME = 'lib/a\u001b[31mred\u001b[0m\rhidden\nsecond-line.py';
  const report = makeReport({
    title: 'pyhermetic verify',
    checks: [checkResult('files', [{ path: NAME, message: `extra file ${NAME}`, fix: 'remove it' }])],
    artifact: { path: '/tmp/a.tar.gz', sha256: 'ab'.repeat(32) },
    tested: { path: '/tmp/env' },
    timings: {},
  });

  it('summary.md: no raw ESC or CR, and the finding stays one line', () => {
    const md = renderMarkdown(report);
    assert.ok(!/[\u001b\r]/.test(md), JSON.stringify(md));
    const line = md.split('\n').find((l) => l.startsWith('- files:'));
    assert.ok(line, md);
    assert.match(line, /\\u001b\[31mred\\u001b\[0m\\u000dhidden\\u000asecond-line\.py/);
  });

  it('the console: the log sink shows ESC and CR as \\u001b and \\u000d', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    const { installConsoleLog } = await import('../../../../src/cli/console-log.js');
    const log = await import('../../../../src/shared/log.js');
    const previous = log.setLogSink(() => undefined);
    try {
      installConsoleLog();
      log.error(`cannot read ${NAME}`);
    } finally {
      process.stderr.write = write;
      log.setLogSink(previous);
    }
    assert.ok(!/[\u001b\r]/.test(written.join('')), JSON.stringify(written));
    assert.match(written.join(''), /\\u001b\[31mred\\u001b\[0m\\u000dhidden\nsecond-line/);
  });
});
