/**
 * The extension-host test entry, the run() that @vscode/test-electron calls on desktop VS Code and that
 * code-server loads through the payload URL (scripts/e2e/run.ts). VS Code does not pass the result back from
 * code-server, so it is also written as JSON to MANDATE_LINT_VSCODE_RESULTS.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteResults {
  metrics?: object;
  passes: number;
  failures: number;
  tests: Array<{ title: string; state: 'passed' | 'failed'; durationMs: number; error?: string }>;
  vscodeVersion: string;
  finishedAt: string;
}

export function run(): Promise<void> {
  // MANDATE_LINT_VSCODE_GREP runs only the matching tests (the activation tests always run first).
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, ...(process.env.MANDATE_LINT_VSCODE_GREP ? { grep: process.env.MANDATE_LINT_VSCODE_GREP } : {}) });
  mocha.addFile(join(__dirname, 'extension.test.js'));
  const resultsFile = process.env.MANDATE_LINT_VSCODE_RESULTS ?? join(tmpdir(), 'mandate-lint-vscode-results.json');
  const results: SuiteResults = { passes: 0, failures: 0, tests: [], vscodeVersion: vscode.version, finishedAt: '' };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        results.failures = failures;
        results.finishedAt = new Date().toISOString();
        results.metrics = (globalThis as { mandateLintMetrics?: object }).mandateLintMetrics;
        writeFileSync(resultsFile, JSON.stringify(results, null, 2));
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => {
        results.passes++;
        results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      });
      runner.on('fail', (test, error: Error) => {
        results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: `${error.message}\n${error.stack ?? ''}`.slice(0, 4000) });
      });
    } catch (error) {
      writeFileSync(resultsFile, JSON.stringify({ ...results, failures: 1, tests: [{ title: 'suite setup', state: 'failed', durationMs: 0, error: String(error) }] }, null, 2));
      reject(error);
    }
  });
}
