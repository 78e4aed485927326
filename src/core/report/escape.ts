// Escaping for the text renderers. Paths and messages come from archives and tool output, so they can
// hold anything: markup, quotes, control bytes. XML 1.0 cannot carry most control characters even when
// escaped, so they are replaced by a visible \uXXXX form instead of producing an unparseable file.
import { oneLine } from '../../shared/visible.js';

// eslint-disable-next-line no-control-regex
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The escapes HTML and XML share: invalid characters made visible, then & < > " in that order. */
function escapeMarkup(text: unknown): string {
  return String(text)
    .replace(XML_INVALID, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function html(text: unknown): string {
  return escapeMarkup(text).replace(/'/g, '&#39;');
}

/** Escapes text for XML element content and attributes (junit.xml). */
export function xml(text: unknown): string {
  return (
    escapeMarkup(text)
      .replace(/'/g, '&apos;')
      // Attribute values normalise raw newlines to spaces; keep them as character references.
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  );
}

/** Escapes text for Markdown table cells and inline text: no table breaks, no markup, no HTML. */
export function markdown(text: unknown): string {
  return oneLine(text).replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1');
}

/** Text for a Markdown code span: one line (control characters shown as \uXXXX), no backtick to end it. */
export function markdownCode(text: unknown): string {
  return oneLine(text).replace(/`/g, "'");
}
