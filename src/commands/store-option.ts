// `--store DIR`, the local content-addressed store, declared once for every command that opens it.
import type { OptionSpec } from '../shared/cli-spec.js';

export const STORE_OPTION = {
  type: 'string',
  value: 'DIR',
  env: 'PYHERMETIC_HOME',
  default: '$PYHERMETIC_HOME, else ~/.cache/pyhermetic',
  description: 'the local store of interpreters, sources and build roots',
} satisfies OptionSpec;
