// `npm run generate`: writes the files generated from the Jenkins step table (src/jenkins/step-table.ts):
// vars/pyhermetic.txt and docs/jenkins-steps.md. test/unit/jenkins/step-docs.test.ts fails when the
// committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderHelpHtml, renderMarkdown } from '../src/jenkins/step-docs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files: Array<[string, string]> = [
  ['vars/pyhermetic.txt', renderHelpHtml()],
  ['docs/jenkins-steps.md', renderMarkdown()],
];
for (const [path, text] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  process.stderr.write(`generate: wrote ${path}\n`);
}
