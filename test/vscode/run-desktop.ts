/**
 * npm run test:vscode: runs the extension-host suite in desktop VS Code through @vscode/test-electron (which
 * downloads VS Code; where that is impossible, npm run test:e2e runs the same suite in code-server).
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace } from './workspace';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'mandate-lint-ws-'));
  prepareWorkspace(root, workspace);
  const results = join(workspace, 'results.json');
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'vscode-suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { MANDATE_LINT_VSCODE_RESULTS: results },
  });
  if (existsSync(results)) console.log(readFileSync(results, 'utf8'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
