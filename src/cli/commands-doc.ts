// docs/commands.md, written from the registry: every command with its usage, arguments, options (default,
// environment variable, repeatable, secret), prose and exit codes; the global options; every environment
// variable the runner reads. `npm run generate` writes it; test/unit/generated-docs.test.ts fails when the
// committed file differs.
import type { Command } from '../commands/command.js';
import { COMMON_OPTIONS, defaultText, type OptionSpec } from '../shared/cli-spec.js';
import { ENVIRONMENT } from './environment.js';
import { GLOBAL_USAGE, optionFlags } from './help.js';
import { COMMANDS } from './registry.js';

export const COMMANDS_NOTE =
  "Generated from the commands' declarations (src/commands/, listed in src/cli/registry.ts) by `npm run generate`; do not edit by hand.";

/** Markdown text: `<…>` outside code spans kept as text (not read as an HTML tag). */
export function mdText(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

const cell = (s: string): string => mdText(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

const anchor = (cmd: Command): string => cmd.name.replace(/ /g, '-');

function optionRow(name: string, o: OptionSpec): string {
  const facts = [
    o.required ? 'required' : '',
    o.repeatable ? 'repeatable' : '',
    o.secret ? 'secret: prefer the variable' : '',
  ].filter(Boolean);
  const def = defaultText(o);
  return `| \`${optionFlags(name, o)}\` | ${cell(facts.join(', '))} | ${cell(def)} | ${cell(o.description)} |`;
}

function commandSection(cmd: Command): string[] {
  const options = Object.entries(cmd.options);
  const json = cmd.json ? `print ${cmd.json} on stdout` : COMMON_OPTIONS.json!.description;
  return [
    `## ${cmd.name}`,
    '',
    `${mdText(cmd.summary)}.`,
    '',
    '```',
    `pyhermetic ${cmd.usage}`,
    '```',
    '',
    ...(cmd.positionals?.length
      ? [
          '| argument | description |',
          '|---|---|',
          ...cmd.positionals.map((p) => `| \`${p.name}\` | ${cell(p.description)} |`),
          '',
        ]
      : []),
    '| option | | default | description |',
    '|---|---|---|---|',
    ...options.map(([name, o]) => optionRow(name, o)),
    `| \`--json\` | | | ${cell(json)} |`,
    '',
    ...(cmd.details ? [mdText(cmd.details.trimEnd()), ''] : []),
    ...(cmd.exitCodes ? [`Exit codes: ${mdText(cmd.exitCodes)}.`, ''] : []),
  ];
}

/** Every variable: those that give an option's default (with the options), then the others. */
function environmentSection(commands: readonly Command[]): string[] {
  const byVariable = new Map<string, { secret: boolean; uses: string[]; description: string }>();
  for (const cmd of commands) {
    for (const [name, o] of Object.entries(cmd.options)) {
      if (!o.env) continue;
      const v = byVariable.get(o.env) ?? { secret: false, uses: [], description: o.description };
      v.secret ||= o.secret === true;
      v.uses.push(`${cmd.name} --${name}`);
      byVariable.set(o.env, v);
    }
  }
  const rows = [...byVariable].map(
    ([name, v]) =>
      `| \`${name}\` | ${v.secret ? 'yes' : ''} | ${cell(v.uses.map((u) => `\`${u}\``).join(', '))} | the default of the option: ${cell(v.description)} |`,
  );
  for (const e of ENVIRONMENT)
    rows.push(`| \`${e.name}\` | ${e.secret ? 'yes' : ''} | ${cell(e.usedBy)} | ${cell(e.description)} |`);
  return [
    '## Environment variables',
    '',
    'An option given on the command line wins over its variable. A secret variable is only ever set from',
    'credentials (Jenkins: `withCredentials`); rerun.sh names it instead of holding its value.',
    '',
    '| variable | secret | read by | what it gives |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}

const INTRO = [
  'The runner is one file with no `node_modules`: `node resources/pyhermetic/runner.mjs …` from a checkout, or',
  '`npx pyhermetic …` where the package is installed. `--json` prints one JSON document on stdout; progress and',
  'messages go to stderr, one line each (no colours when `NO_COLOR` is set or stderr is not a terminal).',
  '',
  '**Global options**, before the command: `--args FILE.json` runs the command line stored in FILE as a JSON',
  'array of strings (or `{"argv": [...]}`); `--write-rerun FILE` also writes FILE, a sh script that re-runs',
  'exactly this command. `--version` prints the version; `help [COMMAND]` and `COMMAND --help` print help.',
  '',
  '**The Jenkins steps** run `jenkins-step STEP --params FILE --result FILE`: the step writes its parameter',
  'map to FILE as given, and the runner checks it, runs the command and writes the result (docs/jenkins.md,',
  'docs/jenkins-steps.md).',
  '',
  "**Re-running a step by hand.** Every Jenkins step and every pipeline run writes a `rerun.sh` (the step's",
  "`.pyhermetic/<step>/rerun.sh`, the pipeline's `OUT/rerun.sh`) and prints its one-line form at the end of its",
  "log, e.g. `(cd '/ws/app' && 'node' '/ws@tmp/pyhermetic/runner.mjs' 'verify' '--artifact=dist/app.tar.gz' …)`.",
  'Copy that line into a shell on the agent, or run `sh rerun.sh`: it is the same command with the same',
  "arguments, quoted word by word, so it gives the same result. The pipeline's `rerun.sh` also lists each",
  "stage's own command as a comment, to re-run one stage alone.",
];

const EXIT_CODES = [
  '## Exit codes',
  '',
  '| code | meaning |',
  '| --- | --- |',
  '| 0 | ok |',
  '| 1 | findings: the check ran and found problems (differing fingerprints, parity findings, …) |',
  '| 2 | usage or config error: a bad option, spec or input; unsupported interpreter |',
  '| 3 | environment or tool failure: a compiler, pip, the network, an interpreter that does not answer |',
  '',
];

export function renderCommandsDoc(commands: readonly Command[] = COMMANDS): string {
  return `${[
    '# Command reference',
    '',
    `<!-- ${COMMANDS_NOTE} -->`,
    '',
    '```',
    GLOBAL_USAGE,
    '',
    ...commands.map((c) => `pyhermetic ${c.usage}`),
    '```',
    '',
    ...INTRO,
    '',
    `Commands: ${commands.map((c) => `[${c.name}](#${anchor(c)})`).join(', ')}.`,
    '',
    ...EXIT_CODES,
    ...environmentSection(commands),
    ...commands.flatMap(commandSection),
  ]
    .join('\n')
    .trimEnd()}\n`;
}
