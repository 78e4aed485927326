// The files generated from the commands' declarations, the config files' fields and the Jenkins step table, by path: what
// `npm run generate` writes and what the drift test (test/unit/generated-docs.test.ts) compares.
import { renderHelpHtml, renderMarkdown } from '../jenkins/step-docs.js';
import { resolveSteps } from '../jenkins/step-table.js';
import { renderCommandsDoc } from './commands-doc.js';
import { renderConfigFilesDoc } from './config-files-doc.js';
import { COMMANDS } from './registry.js';

export const GENERATED_FILES: Record<string, () => string> = {
  'docs/commands.md': () => renderCommandsDoc(COMMANDS),
  'docs/config-files.md': renderConfigFilesDoc,
  'vars/pyhermetic.txt': () => renderHelpHtml(resolveSteps(COMMANDS)),
  'docs/jenkins-steps.md': () => renderMarkdown(resolveSteps(COMMANDS)),
};
