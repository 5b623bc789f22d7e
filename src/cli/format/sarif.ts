/**
 * SARIF 2.1.0 for GitHub code scanning: rules carry their help (what code scanning shows as the rule's help: the
 * summary, what good language looks like, the lessons) as text and Markdown; locations are relative to the
 * repository root (%SRCROOT%); files that could not be linted become tool notifications. The project has no web
 * site, so the log names no helpUri or informationUri (a file:// URL of the installed page would mean nothing on
 * the server that shows the log): the help itself says where the full page is installed.
 */
import { relative, sep } from 'node:path';
import { hashString } from '../../core/text';
import type { Rule } from '../../core/rules/types';
import { citeLessons, getLesson } from '../../core/lessons';
import type { FileResult, FormatContext } from '../../core/results';

export interface SarifOptions extends FormatContext {
  rules: readonly Rule[];
  toolVersion: string;
}

const DOC_TYPE_NAMES: Record<string, string> = { mandate: 'mandates', strategy: 'strategies', 'peace-agreement': 'peace agreements' };

function listed(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A rule's help for code scanning, as plain text and as Markdown, from the rule's own docs fields. */
export function ruleHelp(rule: Rule): { text: string; markdown: string } {
  const lessons = rule.lessons.map((id) => getLesson(id)).filter((l): l is NonNullable<typeof l> => !!l);
  const appliesTo = `The rule reads ${listed(rule.docTypes.map((t) => DOC_TYPE_NAMES[t] ?? t))}.`;
  const page = `docs/rules/${rule.id}.md`;
  const configure = `{ "rules": { "${rule.id}": "off" } }`;
  // One text, written twice: plain, and as Markdown with its labels in bold and its file names as code.
  const render = (markdown: boolean): string => {
    const strong = (value: string) => (markdown ? `**${value}**` : value);
    const code = (value: string) => (markdown ? `\`${value}\`` : value);
    const lessonList = lessons.map((l) => `- ${strong(l.label)}: ${l.title}. ${l.summary}`).join('\n');
    return [
      rule.docs.summary,
      `${strong('What good language looks like:')} ${rule.docs.goodPractice}`,
      ...(lessons.length ? [markdown ? `**Lessons**\n\n${lessonList}` : `Lessons (${citeLessons(rule.lessons)}):\n${lessonList}`] : []),
      `${appliesTo} Its severity is set in ${code('.mandatelintrc.json')}, for example ${code(configure)}.`,
      `The rule's full page, with examples, is ${code(page)} in the mandate-lint package.`,
    ].join('\n\n');
  };
  return { text: render(false), markdown: render(true) };
}

function level(severityName: string): 'error' | 'warning' | 'note' {
  return severityName === 'error' ? 'error' : severityName === 'warning' ? 'warning' : 'note';
}

function artifactUri(filePath: string, cwd: string): string {
  if (filePath === '<text>') return 'stdin';
  const rel = relative(cwd, filePath);
  const path = rel && !rel.startsWith('..') ? rel : filePath;
  return path.split(sep).map(encodeURIComponent).join('/');
}

export function formatSarif(results: FileResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  const rules = options.rules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.summary },
    help: ruleHelp(rule),
    defaultConfiguration: { level: level(rule.defaultSeverity === 'off' ? 'info' : rule.defaultSeverity), enabled: rule.defaultSeverity !== 'off' },
    properties: { tags: ['security-sector-reform', ...rule.docTypes], lessons: rule.lessons },
  }));

  const sarifResults: object[] = [];
  const notifications: object[] = [];
  for (const file of results) {
    const uri = artifactUri(file.filePath, options.cwd);
    for (const m of file.messages) {
      if (!m.ruleId) {
        notifications.push({
          level: level(m.severityName),
          message: { text: m.message },
          locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' } } }],
        });
        continue;
      }
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: ruleIndex.get(m.ruleId) ?? -1,
        level: level(m.severityName),
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
            },
          },
        ],
        partialFingerprints: { 'mandateLint/v1': hashString(`${m.ruleId}|${uri}|${m.level ?? ''}|${m.message}`) },
        ...(m.baselineState ? { baselineState: m.baselineState } : {}),
        properties: { level: m.level, lessons: m.lessons },
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mandate-lint', semanticVersion: options.toolVersion, version: options.toolVersion, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUri(options.cwd) } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function pathToFileUri(path: string): string {
  const normalized = path.split(sep).join('/');
  const withSlash = normalized.endsWith('/') ? normalized : normalized + '/';
  return 'file://' + (withSlash.startsWith('/') ? '' : '/') + withSlash.split('/').map(encodeURIComponent).join('/');
}
