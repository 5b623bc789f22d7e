/**
 * JUnit XML, which most CI systems (GitLab, Jenkins, Azure Pipelines) show as a test report: one test suite per
 * draft, one failing test case per finding (errors as errors, warnings and information as failures), and one
 * passing case for a clean draft so that it is counted.
 */
import { displayPath } from './paths';
import type { FileResult, FormatContext } from '../../core/results';

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters, even escaped.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJunit(results: FileResult[], context: FormatContext): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const total = results.reduce((n, r) => n + Math.max(1, r.messages.length), 0);
  const failures = results.reduce((n, r) => n + r.messages.filter((m) => m.severityName !== 'error').length, 0);
  const errors = results.reduce((n, r) => n + r.messages.filter((m) => m.severityName === 'error').length, 0);
  out.push(`<testsuites name="mandate-lint" tests="${total}" failures="${failures}" errors="${errors}">`);
  for (const result of results) {
    const file = displayPath(result.filePath, context.cwd, 'stdin');
    const suiteErrors = result.messages.filter((m) => m.severityName === 'error').length;
    out.push(`  <testsuite name="${xml(file)}" package="mandate-lint" tests="${Math.max(1, result.messages.length)}" failures="${result.messages.length - suiteErrors}" errors="${suiteErrors}">`);
    if (!result.messages.length) out.push(`    <testcase classname="${xml(file)}" name="no findings" />`);
    for (const m of result.messages) {
      const name = `${m.ruleId ?? 'mandate-lint'} at line ${m.line}, column ${m.column}`;
      const tag = m.severityName === 'error' ? 'error' : 'failure';
      out.push(`    <testcase classname="${xml(file)}" name="${xml(name)}">`);
      out.push(`      <${tag} type="${xml(m.severityName)}" message="${xml(m.message)}">${xml(`${file}:${m.line}:${m.column} ${m.severityName} ${m.message} (${m.ruleId ?? 'mandate-lint'})`)}</${tag}>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
