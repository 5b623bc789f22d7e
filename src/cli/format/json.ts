/** ESLint-compatible JSON: an array of {filePath, messages, errorCount, warningCount, ...}. */
import type { FileResult } from '../../core/results';

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results) + '\n';
}
