// `--strict-keys`, declared once for every command that reads a private key (attest's signing key, the
// store's signing key of a publishing run): a key file group or others can read is then an error.
import type { OptionSpec } from '../shared/cli-spec.js';
import type { OptionValues } from './command.js';

export const STRICT_KEYS_OPTION = {
  type: 'boolean',
  env: 'PYHERMETIC_STRICT_KEYS',
  default: '$PYHERMETIC_STRICT_KEYS=1',
  description: 'a private key readable by group or others is an error (default: a warning)',
} satisfies OptionSpec;

export function strictKeys(values: OptionValues, env: NodeJS.ProcessEnv = process.env): boolean {
  return values['strict-keys'] === true || env[STRICT_KEYS_OPTION.env] === '1';
}
