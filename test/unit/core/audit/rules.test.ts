// The rule list and the pieces the rules stand on: docs/audit-pins.md lists every rule with its
// severity; the shell lexer, the requirements-file reader and the suppression comments behave as the
// formats do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { globMatcher } from '../../../../src/core/audit/audit-config.js';
import { LineIndex } from '../../../../src/core/audit/finding.js';
import { classifyLibraryRef, imageHasDigest } from '../../../../src/core/audit/refs.js';
import { atOrAbove, RULES } from '../../../../src/core/audit/rules.js';
import { lexShell } from '../../../../src/core/audit/shell-lexer.js';
import { inlineSuppressions } from '../../../../src/core/audit/suppress.js';
import { exactPin, readRequirementsLines } from '../../../../src/core/deps/requirements-file.js';

const DOC = readFileSync(resolve(import.meta.dirname, '../../../../docs/audit-pins.md'), 'utf8');

describe('audit pins: rules and their documentation', () => {
  it('docs/audit-pins.md has one row per rule with its severity, and no other rule', () => {
    const rows = [...DOC.matchAll(/^\| `([a-z-]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      rows,
      RULES.map((r) => [r.id, r.severity]),
    );
    for (const r of RULES) assert.ok(r.why.length > 40 && r.fix.length > 20, r.id);
  });

  it('--fail-on: error counts errors, warning counts both, never counts nothing', () => {
    assert.deepEqual(
      (['error', 'warning', 'never'] as const).map((f) => [atOrAbove('error', f), atOrAbove('warning', f)]),
      [
        [true, false],
        [true, true],
        [false, false],
      ],
    );
  });
});

describe('audit pins: the pieces', () => {
  it('shell lexer: quotes, continuations, pipes, here-documents fed to a shell, substitutions before their command', () => {
    const cmds = lexShell(
      "a 'b c' \"d $(e f)\" \\\n  g | h && i <<EOF\nnot a command\nEOF\nbash <<'X'\nj k\nX\n# l m\nn # o\n",
    );
    assert.deepEqual(
      cmds.map((c) => [c.words.map((w) => w.value).join(' '), c.pipeToNext, c.substitution?.kind ?? '']),
      [
        ['e f', false, '$('],
        ['a b c d $(e f) g', true, ''],
        ['h', false, ''],
        ['i', false, ''],
        ['bash', false, ''],
        ['j k', false, ''],
        ['n', false, ''],
      ],
    );
  });

  it("requirements-file reader: pip's continuations and comments, options split off, positions in the file", () => {
    const lines = readRequirementsLines(
      '# c\nfoo==1.0 \\\n  --hash=sha256:ab # tail\r\n-r other.txt\nbar[x]>=2 ; python_version<"3.12"\n',
    );
    assert.deepEqual(
      lines.map((l) => [l.line, l.requirementText, l.options.map((o) => `${o.name}=${o.value}`)]),
      [
        [2, 'foo==1.0', ['--hash=sha256:ab']],
        [4, '', ['-r=other.txt']],
        [5, 'bar[x]>=2 ; python_version<"3.12"', []],
      ],
    );
    assert.deepEqual(lines[0]!.position(lines[0]!.text.indexOf('--hash')), { line: 3, column: 3 });
    assert.equal(lines[2]!.requirement?.kind, 'pep508');
    assert.deepEqual(exactPin('Foo_Bar==1.0.post1'), { name: 'Foo_Bar', version: '1.0.post1' });
    for (const loose of ['foo>=1', 'foo[x]==1', 'foo==1;python_version<"3"', 'foo===1', '-e x', 'foo'])
      assert.equal(exactPin(loose), null, loose);
  });

  it('suppression comments: rules, reason after a dash, the next code line when alone', () => {
    const lines = new LineIndex(
      '# pyhermetic: allow a-rule, b-rule — because\n\nx\ny  # pyhermetic: allow c-rule -- why not\nz # pyhermetic: allow d-rule\n',
    );
    assert.deepEqual(
      inlineSuppressions(lines).map((s) => [s.line, s.covers, s.rules, s.reason]),
      [
        [1, [1, 3], ['a-rule', 'b-rule'], 'because'],
        [4, [4], ['c-rule'], 'why not'],
        [5, [5], ['d-rule'], ''],
      ],
    );
  });

  it('refs: digests, tags, commits and branches; globs of the config', () => {
    assert.ok(imageHasDigest(`python:3@sha256:${'a'.repeat(64)}`));
    assert.ok(imageHasDigest('python@sha256:${DIGEST}'));
    assert.ok(!imageHasDigest('python:3.11-slim'));
    const tags = new Set(['stable']);
    const pinned = (ref?: string) => classifyLibraryRef(ref, tags).pinned;
    assert.deepEqual(['v1.2.3', '2.0', 'release-1.4', 'v3.1.0-rc.2', 'stable', 'a'.repeat(40)].map(pinned), [
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    assert.deepEqual([undefined, 'main', 'master', 'feature/x', 'abc1234', '${REF}'].map(pinned), Array(6).fill(false));
    const m = globMatcher('ci/**/*.sh');
    assert.deepEqual(['ci/a.sh', 'ci/x/y/a.sh', 'ci/a.bash', 'other/ci/a.sh'].map(m), [true, true, false, false]);
    assert.ok(globMatcher('vendor')('vendor/x/y.sh'));
  });
});
