// Line-oriented progress for CI logs: no cursor movement, no spinners; everything goes to stderr so
// that --json output on stdout stays one clean document. NO_COLOR (or a non-TTY stderr) disables colour.

const useColor = (): boolean => !process.env.NO_COLOR && process.stderr.isTTY === true;
const paint = (code: string, s: string): string => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);

let quiet = false;
export function setQuiet(value: boolean): void {
  quiet = value;
}

export function info(message: string): void {
  if (!quiet) process.stderr.write(`pyhermetic: ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`pyhermetic: ${paint('33', 'warning:')} ${message}\n`);
}

export function error(message: string): void {
  process.stderr.write(`pyhermetic: ${paint('31', 'error:')} ${message}\n`);
}

/** A stage header and, when it ends, its elapsed time: `== build (12.3 s): ok`. */
export async function stage<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  info(`== ${name}`);
  try {
    const result = await run();
    info(`== ${name} (${seconds(Date.now() - started)}): ok`);
    return result;
  } catch (err) {
    info(`== ${name} (${seconds(Date.now() - started)}): failed`);
    throw err;
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Plain output for humans on stdout (used when --json is not given). */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
