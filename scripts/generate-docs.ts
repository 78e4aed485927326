// `npm run generate`: writes the files generated from the commands' declarations and the Jenkins step table:
// docs/commands.md, vars/pyhermetic.txt and docs/jenkins-steps.md. test/unit/generated-docs.test.ts fails
// when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_FILES } from '../src/cli/generated-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, render] of Object.entries(GENERATED_FILES)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), render());
  process.stderr.write(`generate: wrote ${path}\n`);
}
