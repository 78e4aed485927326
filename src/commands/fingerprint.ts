// `pyhermetic fingerprint --python PATH [--compare PATH2] [--json] [--timeout S]`
import { UsageError } from '../shared/errors.js';
import { cutLong } from '../shared/fs-errors.js';
import { compareFields, describe, fingerprintPython } from '../core/interpreter/fingerprint.js';
import type { Fingerprint } from '../core/model/fingerprint-fields.js';
import * as log from '../shared/log.js';
import { printJson, stringOption, type Command } from './command.js';

function human(fp: Fingerprint): string {
  const d = describe(fp.fields);
  return [
    `fingerprint ${fp.fingerprint}`,
    `  python   ${fp.python}`,
    `  version  ${d.version}`,
    `  linkage  ${d.linkage}`,
    `  debug    ${d.debug}`,
    `  abi      ${d.abi}`,
    `  libc     ${d.libc}`,
    `  machine  ${d.machine}`,
  ].join('\n');
}

/** A sane range for --timeout: a probe needs far less than a day, and setTimeout cannot wait longer than ~24 days. */
const MIN_TIMEOUT_S = 0.1;
const MAX_TIMEOUT_S = 86_400;

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export const fingerprintCommand: Command = {
  name: 'fingerprint',
  summary: 'Print the ABI fingerprint of a Python interpreter (the key of its pip cache scope)',
  usage: 'fingerprint --python PATH [--compare PATH2] [--timeout SECONDS] [--json]',
  help: `options:
  --python PATH      the interpreter to fingerprint (CPython 3.6 or newer)
  --compare PATH2    a second interpreter: exit 0 when both fingerprints are equal, 1 when they differ
  --timeout SECONDS  kill the probe after this long (default 30)
  --json             print {"fingerprint", "fields", "python"} (with --compare: {"equal", "a", "b", "differences"})

The fingerprint covers what decides binary compatibility of compiled extensions: version_info, SOABI,
EXT_SUFFIX, ABIFLAGS, Py_ENABLE_SHARED, LDLIBRARY, INSTSONAME, debug/trace-refs/GIL switches, target
triplet, pointer size, byte order, libc, and the ABI switches of CONFIG_ARGS. Paths are not part of it.`,
  options: {
    python: { type: 'string' },
    compare: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run({ values, json }) {
    const python = stringOption(values, 'python');
    if (!python)
      throw new UsageError(
        'fingerprint needs --python PATH',
        'usage: pyhermetic fingerprint --python PATH [--compare PATH2] [--json]',
      );
    const timeoutText = stringOption(values, 'timeout');
    let timeoutMs: number | undefined;
    if (timeoutText !== undefined) {
      const s = Number(timeoutText);
      if (!Number.isFinite(s) || s < MIN_TIMEOUT_S || s > MAX_TIMEOUT_S)
        throw new UsageError(
          `--timeout must be a number of seconds from ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S}, got '${cutLong(timeoutText, 40)}'`,
          'the probe answers in well under a second; 30 (the default) is plenty',
        );
      timeoutMs = s * 1000;
    }
    const a = await fingerprintPython(python, { timeoutMs });
    const comparePath = stringOption(values, 'compare');
    if (!comparePath) {
      if (json) printJson(a);
      else log.out(human(a));
      return 0;
    }
    const b = await fingerprintPython(comparePath, { timeoutMs });
    const differences = compareFields(a.fields, b.fields);
    const equal = a.fingerprint === b.fingerprint;
    if (json) {
      printJson({ equal, a, b, differences });
    } else {
      log.out(`${human(a)}\n${human(b)}`);
      if (equal) log.out('equal: the two interpreters have the same fingerprint');
      else {
        log.out(`different: ${differences.length} field(s) differ`);
        for (const d of differences) log.out(`  ${d.field}: ${show(d.a)} ≠ ${show(d.b)}`);
      }
    }
    return equal ? 0 : 1;
  },
};
