import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { quoteWord, shellQuote } from '../../../src/shared/shell-quote.js';

// Words a CI parameter might carry, on purpose or not. Each must come back from a real /bin/sh
// exactly as it went in, and none of them may run anything.
const HOSTILE = [
  '',
  ' ',
  'plain',
  "it's",
  "'",
  "''",
  "'; touch /tmp/pwned; '",
  '$(id)',
  '`id`',
  '${HOME}',
  '$HOME',
  '"double" \\ back\\slash',
  'new\nline',
  'tab\there',
  '\r\n',
  '*',
  '~',
  '-n',
  '--help',
  'a;b|c&d>e<f',
  '!history',
  'ünïcödé ✓ 🐍 日本語',
  "\\'",
  '#comment',
];

/** Runs `printf '%s\0' <quoted words>` in a real /bin/sh and splits its output at the NULs. */
function roundTrip(words: string[]): string[] {
  const script = `printf '%s\\0' ${shellQuote(words)}`;
  const out = execFileSync('/bin/sh', ['-c', script], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent-home' },
  });
  const parts = out.split('\0');
  assert.equal(parts.pop(), '', 'output ends with a NUL');
  return parts;
}

describe('shell-quote', () => {
  it("wraps every word in single quotes and escapes quotes as '\\''", () => {
    assert.equal(quoteWord('plain'), "'plain'");
    assert.equal(quoteWord(''), "''");
    assert.equal(quoteWord("it's"), "'it'\\''s'");
    assert.equal(shellQuote(['node', 'a b', "'"]), "'node' 'a b' ''\\'''");
    assert.equal(shellQuote([]), '');
  });

  it('every hostile word survives a real /bin/sh byte for byte, one word each', () => {
    assert.deepEqual(roundTrip(HOSTILE), HOSTILE);
  });

  it('each hostile word alone survives too (no word depends on its neighbours)', () => {
    for (const w of HOSTILE) assert.deepEqual(roundTrip([w]), [w], JSON.stringify(w));
  });

  it('runs nothing: a word that would create a file when unquoted does not', () => {
    const marker = `/tmp/pwned-shell-quote-${process.pid}-${Date.now()}`;
    const words = [`'; touch ${marker}; '`, `$(touch ${marker})`, `\`touch ${marker}\``, `;touch ${marker}`];
    assert.deepEqual(roundTrip(words), words);
    assert.throws(() => execFileSync('/bin/sh', ['-c', `test -e '${marker}'`]), 'the marker file must not exist');
  });

  it('refuses a NUL byte instead of silently cutting the word', () => {
    assert.throws(() => quoteWord('a\0b'), /NUL byte/);
  });
});
