// The CLI's log sink: progress and errors on stderr (so that --json output on stdout stays one clean
// document), `out` on stdout. No cursor movement, no spinners; NO_COLOR or a non-TTY stderr disables colour.
import { type LogLevel, setLogSink } from '../shared/log.js';

const useColor = (): boolean => !process.env.NO_COLOR && process.stderr.isTTY === true;
const paint = (code: string, s: string): string => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);

export function installConsoleLog(options: { quiet?: boolean } = {}): void {
  setLogSink((level: LogLevel, message: string) => {
    if (level === 'out') process.stdout.write(message.endsWith('\n') ? message : `${message}\n`);
    else if (level === 'warn') process.stderr.write(`pyhermetic: ${paint('33', 'warning:')} ${message}\n`);
    else if (level === 'error') process.stderr.write(`pyhermetic: ${paint('31', 'error:')} ${message}\n`);
    else if (!options.quiet) process.stderr.write(`pyhermetic: ${message}\n`);
  });
}
