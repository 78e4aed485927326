// `pyhermetic store verify [--repair] [--store DIR] [--json]`
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { STORE_OPTION } from './store-option.js';

export const storeVerifyCommand = defineCommand({
  name: 'store verify',
  summary:
    'Check every blob and entry of the store (hashes; an interpreter is what its key says, probed); --repair quarantines bad ones',
  options: {
    repair: {
      type: 'boolean',
      description: 'move every bad blob or entry to <store>/quarantine/ (kept for inspection)',
    },
    store: STORE_OPTION,
  },
  json: '{"store", "checked", "problems": [{path, message, fix, quarantined?}]}',
  details: `Every file is checked against its sha256, and every interpreter entry as a remote one is before it
is stored: its interpreter.json parses, its buildKey and spec hash are its key's, its fingerprint fields are
what its spec implies (shared or static, version, debug, GIL, SOABI), the artifact holds exactly the files
it lists, and the extracted interpreter answers the fingerprint probe with the recorded fields.`,
  exitCodes:
    '0 everything verifies · 1 bad entries were found (also with --repair, which says where it moved them; a second run then exits 0)',
  async run({ values, json }) {
    const { Store } = await import('../core/store/store.js');
    const { entryProblems } = await import('../core/interpreter/entry-checks.js');
    const store = await Store.open(stringOption(values, 'store'), {
      onSweep: (p) => log.info(`swept ${p.length} leftover temp(s) of killed runs`),
    });
    const { checked, problems } = await store.verify({ checkEntry: entryProblems });
    const repaired: Record<string, string> = {};
    if (values.repair === true) {
      for (const p of problems) repaired[p.path] = await store.quarantine(p.path);
    }
    if (json) {
      printJson({
        store: store.root,
        checked,
        problems: problems.map((p) => ({ ...p, ...(repaired[p.path] ? { quarantined: repaired[p.path] } : {}) })),
      });
    } else {
      for (const p of problems) {
        log.out(`BAD ${p.path}: ${p.message}`);
        log.out(repaired[p.path] ? `    moved to ${repaired[p.path]}` : `    fix: ${p.fix}`);
      }
      log.out(
        `${store.root}: ${checked} item(s) checked, ${problems.length} bad${values.repair === true && problems.length > 0 ? ', all moved to quarantine/' : ''}`,
      );
    }
    return problems.length > 0 ? 1 : 0;
  },
});
