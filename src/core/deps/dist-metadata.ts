// Reading Python distribution metadata: the one PEP 503 name normalisation and the one reader of
// METADATA header fields, shared by the lock, the env check, verify and diff.

/** PEP 503 normalisation: runs of -, _ and . become one -, lower case. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The first value of a header field of a METADATA (RFC 822 style) text: field names compare
 * case-insensitively, CRLF and LF line ends both work, and the headers end at the first blank line.
 */
export function metadataField(text: string, field: string): string | undefined {
  const wanted = field.toLowerCase();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') break;
    const m = /^([A-Za-z0-9-]+):\s*(.*?)\s*$/.exec(line);
    if (m && m[1]!.toLowerCase() === wanted) return m[2];
  }
  return undefined;
}
