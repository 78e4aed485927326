// `pyhermetic store verify [--repair] [--store DIR] [--json]`
import * as log from '../shared/log.js';
import { defineCommand, printJson, stringOption } from './command.js';
import { STORE_OPTION } from './store-option.js';

export const storeVerifyCommand = defineCommand({
  name: 'store verify',
  summary: 'Check every blob and entry of the store against its sha256; --repair moves bad ones to quarantine',
  options: {
    repair: {
      type: 'boolean',
      description: 'move every bad blob or entry to <store>/quarantine/ (kept for inspection)',
    },
    store: STORE_OPTION,
  },
  json: '{"store", "checked", "problems": [{path, message, fix, quarantined?}]}',
  exitCodes:
    '0 everything verifies · 1 bad entries were found (also with --repair, which says where it moved them; a second run then exits 0)',
  async run({ values, json }) {
    const { Store } = await import('../core/store/store.js');
    const store = await Store.open(stringOption(values, 'store'), {
      onSweep: (p) => log.info(`swept ${p.length} leftover temp(s) of killed runs`),
    });
    const { checked, problems } = await store.verify();
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
