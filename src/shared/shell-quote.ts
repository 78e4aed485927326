// POSIX sh quoting for the command lines pyhermetic writes for people to re-run (rerun.sh, the
// pipeline's re-run line). Every word is wrapped in single quotes, the only quoting in which the shell
// expands nothing: no $VAR, no $(…), no backticks, no globbing, no backslash escapes. A single quote
// inside a word closes the quote, adds an escaped quote and reopens it: ' → '\''.
// Quoting every word (even "safe" ones) keeps the rule simple enough to check by eye in a CI log.

/** One word, single-quoted for a POSIX shell. Throws for a NUL byte: no argv can carry one. */
export function quoteWord(word: string): string {
  if (word.includes('\0')) {
    throw new Error(`a shell word cannot contain a NUL byte: ${JSON.stringify(word)}`);
  }
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Several words, each single-quoted, joined by one space: `'node' 'a b' 'it'\''s'`. */
export function shellQuote(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}
