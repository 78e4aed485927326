// OUT/rerun.sh: the pipeline command exactly as it ran, for a person on the agent's shell. Every word
// is single-quoted (shell-quote.ts), so no value from the config or the command line is ever read by
// the shell as code. Written before the first stage (a run that dies still leaves it) and again at
// the end with each stage's own command as a comment.
import { writeFileAtomic } from '../shared/atomic-file.js';
import { quoteWord, shellQuote } from '../shared/shell-quote.js';

export interface RerunScript {
  cwd: string;
  argv: string[];
  env: Record<string, string>;
  /** The remote store the run used (parsed, without credentials), also when it came from the config. */
  remote?: string;
  stages?: { name: string; command?: string[]; cwd?: string }[];
}

export function rerunScriptText(s: RerunScript): string {
  const lines = [
    '#!/bin/sh',
    '# Re-runs this `pyhermetic pipeline` exactly as it ran. Written by pyhermetic; safe to run again.',
    `cd ${quoteWord(s.cwd)} || exit 3`,
  ];
  if (s.remote !== undefined || s.env.PYHERMETIC_REMOTE !== undefined || s.argv.includes('--remote'))
    lines.push(
      "# The remote store's credentials are not written here: set PYHERMETIC_REMOTE_TOKEN, or PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD (or a netrc entry) first.",
    );
  if (s.remote !== undefined)
    lines.push(
      `# The stages below read the remote store ${s.remote} from PYHERMETIC_REMOTE, which the pipeline set for them.`,
    );
  for (const [k, v] of Object.entries(s.env)) lines.push(`${k}=${quoteWord(v)}; export ${k}`);
  lines.push(`exec ${shellQuote(s.argv)}`);
  const ran = (s.stages ?? []).filter((st) => st.command);
  if (ran.length > 0) {
    lines.push('', '# The stages of the last run, each re-runnable on its own (from the directory above):');
    for (const st of ran) {
      const cmd = `${st.cwd ? `cd ${quoteWord(st.cwd)} && ` : ''}${shellQuote(st.command!)}`;
      // A quoted word may hold a newline; inside a comment that would start a live line. Never write it.
      lines.push(
        /[\n\r]/.test(cmd) ? `# ${st.name}: (an argument holds a newline; see the log)` : `# ${st.name}: ${cmd}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function writePipelineRerun(path: string, s: RerunScript): Promise<void> {
  await writeFileAtomic(path, rerunScriptText(s), 0o755);
}
