// The CLI's log sink: progress and errors on stderr (so that --json output on stdout stays one clean
// document), `out` on stdout. No cursor movement, no spinners; NO_COLOR or a non-TTY stderr disables colour.
import { type LogLevel, setLogSink } from '../shared/log.js';
import { visibleControls } from '../shared/visible.js';

const useColor = (): boolean => !process.env.NO_COLOR && process.stderr.isTTY === true;
const paint = (code: string, s: string): string => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);

/**
 * A reader that went away (`pyhermetic … 2>&1 | head -c 10`) must not change the run's exit code: an
 * unhandled EPIPE on stdout or stderr made it 1 in two runs of three. Writes to a closed pipe are dropped.
 */
function dropWritesToClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

export function installConsoleLog(options: { quiet?: boolean } = {}): void {
  dropWritesToClosedPipes();
  setLogSink((level: LogLevel, text: string) => {
    // File names and tool output in a message must not drive the terminal (ESC) or hide a line (CR).
    const message = visibleControls(text);
    if (level === 'out') process.stdout.write(message.endsWith('\n') ? message : `${message}\n`);
    else if (level === 'warn') process.stderr.write(`pyhermetic: ${paint('33', 'warning:')} ${message}\n`);
    else if (level === 'error') process.stderr.write(`pyhermetic: ${paint('31', 'error:')} ${message}\n`);
    else if (!options.quiet) process.stderr.write(`pyhermetic: ${message}\n`);
  });
}
