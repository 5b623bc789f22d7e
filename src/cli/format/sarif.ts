/**
 * SARIF 2.1.0 for GitHub code scanning: rules carry help text and a help URI to their docs page; locations are
 * relative to the repository root (%SRCROOT%); files that could not be linted become tool notifications.
 */
import { relative, sep } from 'node:path';
import { hashString } from '../../core/text';
import type { Rule } from '../../core/rules/types';
import { citeLessons, getLesson } from '../../core/lessons';
import type { FileResult, FormatContext } from '../../core/results';

export interface SarifOptions extends FormatContext {
  rules: readonly Rule[];
  toolVersion: string;
  docsBaseUrl: string;
  informationUri: string;
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
  const rules = options.rules.map((rule) => {
    const lessons = rule.lessons.map((id) => getLesson(id)).filter((l): l is NonNullable<typeof l> => !!l);
    const helpUri = `${options.docsBaseUrl}/${rule.id}.md`;
    const lessonLines = lessons.map((l) => `- ${l.label}: ${l.title}`);
    return {
      id: rule.id,
      name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.docs.summary },
      help: {
        text: `${rule.docs.summary}\n\nWhat good language looks like: ${rule.docs.goodPractice}\n\nLessons: ${citeLessons(rule.lessons)}.\n\nDocs: ${helpUri}`,
        markdown: `${rule.docs.summary}\n\n**What good language looks like:** ${rule.docs.goodPractice}\n\n**Lessons**\n${lessonLines.join('\n')}\n\n[Rule documentation](${helpUri})`,
      },
      helpUri,
      defaultConfiguration: { level: level(rule.defaultSeverity === 'off' ? 'info' : rule.defaultSeverity), enabled: rule.defaultSeverity !== 'off' },
      properties: { tags: ['security-sector-reform', ...rule.docTypes], lessons: rule.lessons },
    };
  });

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
        tool: { driver: { name: 'mandate-lint', semanticVersion: options.toolVersion, version: options.toolVersion, informationUri: options.informationUri, rules } },
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
