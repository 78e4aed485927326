// Line-oriented progress for CI logs. Every layer reports through these functions; where the lines go
// is decided once, by the CLI, which installs a sink (stderr for progress, stdout for `out`). Until a
// sink is installed nothing is written, so the core never writes to a terminal on its own and a test
// or another caller of the core can collect the lines instead.

export type LogLevel = 'info' | 'warn' | 'error' | 'out';
export type LogSink = (level: LogLevel, message: string) => void;

let sink: LogSink = () => {};

/** Installs where log lines go (the CLI's console sink); returns the previous sink. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

export function info(message: string): void {
  sink('info', message);
}

export function warn(message: string): void {
  sink('warn', message);
}

export function error(message: string): void {
  sink('error', message);
}

/** Plain output for humans (stdout when --json is not given). */
export function out(text: string): void {
  sink('out', text);
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
