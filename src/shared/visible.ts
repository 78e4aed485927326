// Text that comes from archives, file names and tool output may hold control characters: ESC starts a
// terminal escape sequence (a file name can recolour or rewrite the console), CR returns to the start of
// the line (and hides what was printed before it), a newline splits one finding into two lines. What a
// person reads shows them instead, as \uXXXX.

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

const shown = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line: every control character (newline, CR, tab and ESC included) shown as \uXXXX. */
export function oneLine(text: unknown): string {
  return String(text).replace(CONTROL, shown);
}

/** Control characters shown as \uXXXX, except newline and tab (a message's own line breaks). */
export function visibleControls(text: string): string {
  return text.replace(CONTROL_BUT_LINES, shown);
}
