// `pyhermetic fingerprint --python PATH [--compare PATH2] [--json] [--timeout S]`
import type { Fingerprint } from '../core/model/fingerprint-fields.js';
import { UsageError } from '../shared/errors.js';
import { cutLong } from '../shared/fs-errors.js';
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';

type Describe = typeof import('../core/interpreter/fingerprint.js').describe;

function human(fp: Fingerprint, describe: Describe): string {
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

function timeoutMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = Number(text);
  if (!Number.isFinite(s) || s < MIN_TIMEOUT_S || s > MAX_TIMEOUT_S)
    throw new UsageError(
      `--timeout must be a number of seconds from ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S}, got '${cutLong(text, 40)}'`,
      'the probe answers in well under a second; 30 (the default) is plenty',
    );
  return s * 1000;
}

export const fingerprintCommand = defineCommand({
  name: 'fingerprint',
  summary: 'Print the ABI fingerprint of a Python interpreter (the key of its pip cache scope)',
  options: {
    python: {
      type: 'string',
      value: 'PATH',
      required: true,
      description: 'the interpreter to fingerprint (CPython 3.6 or newer)',
    },
    compare: {
      type: 'string',
      value: 'PATH2',
      description: 'a second interpreter: exit 0 when both fingerprints are equal, 1 when they differ',
    },
    timeout: { type: 'number', value: 'SECONDS', default: '30', description: 'kill the probe after this long' },
  },
  json: '{"fingerprint", "fields", "python"} (with --compare: {"equal", "a", "b", "differences"})',
  details: `The fingerprint covers what decides binary compatibility of compiled extensions. The probe runs inside
the interpreter (-E -s -S, scrubbed environment, cwd /, killed after the timeout) and hashes: implementation and
cache tag, full version_info, SOABI, EXT_SUFFIX, ABIFLAGS, Py_ENABLE_SHARED, LDLIBRARY, INSTSONAME, Py_DEBUG,
Py_TRACE_REFS, Py_GIL_DISABLED, MULTIARCH, HOST_GNU_TYPE, machine, pointer size, byte order, libc family and
version, and the ABI switches of CONFIG_ARGS (--enable-shared, --with-pydebug, --disable-gil, --with-trace-refs,
--without-pymalloc). No path, optimisation flag or date is part of it, so a copy of an installation elsewhere has
the same fingerprint. --compare lists each differing field (Py_ENABLE_SHARED: 1 ≠ 0).`,
  exitCodes:
    '0 printed (with --compare: equal) · 1 the fingerprints differ · 2 bad options, an unsupported interpreter (2.7, not CPython) · 3 the interpreter does not answer',
  async run({ values, json }) {
    const python = stringOption(values, 'python');
    if (!python)
      throw new UsageError(
        'fingerprint needs --python PATH',
        'usage: pyhermetic fingerprint --python PATH [--compare PATH2] [--json]',
      );
    const timeout = timeoutMs(stringOption(values, 'timeout'));
    const { compareFields, describe, fingerprintPython } = await import('../core/interpreter/fingerprint.js');
    const a = await fingerprintPython(python, { timeoutMs: timeout });
    const comparePath = stringOption(values, 'compare');
    if (!comparePath) {
      if (json) printJson(a);
      else log.out(human(a, describe));
      return 0;
    }
    const b = await fingerprintPython(comparePath, { timeoutMs: timeout });
    const differences = compareFields(a.fields, b.fields);
    const equal = a.fingerprint === b.fingerprint;
    if (json) {
      printJson({ equal, a, b, differences });
    } else {
      log.out(`${human(a, describe)}\n${human(b, describe)}`);
      if (equal) log.out('equal: the two interpreters have the same fingerprint');
      else {
        log.out(`different: ${differences.length} field(s) differ`);
        for (const d of differences) log.out(`  ${d.field}: ${show(d.a)} ≠ ${show(d.b)}`);
      }
    }
    return equal ? 0 : 1;
  },
});
