/** Hover on a finding: what was found, what is missing, why it matters, the lessons, good language, the rule's page. */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { getLesson } from '../core/lessons';
import { getRule } from '../core/rules/registry';
import type { Finding } from '../core/rules/types';
import { guarded, type ServerContext } from './context';
import { docsLink } from './diagnostics';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params) =>
    guarded(ctx, 'hover', null, async (): Promise<Hover | null> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri));
      if (!doc || !state?.result) return null;
      const offset = doc.offsetAt(params.position);
      const here = state.result.findings.filter((f) => offset >= f.start && offset <= Math.max(f.end, f.start + 1));
      if (!here.length) return null;
      const first = here[0];
      return {
        contents: { kind: MarkupKind.Markdown, value: here.map((f) => hoverText(f, docsLink(ctx.env.docsDir, f.ruleId))).join('\n\n---\n\n') },
        range: { start: doc.positionAt(first.start), end: doc.positionAt(Math.max(first.end, first.start + 1)) },
      };
    }),
  );
}

export function hoverText(f: Finding, docsUrl: string): string {
  const rule = getRule(f.ruleId);
  const lessons = f.lessons
    .map((id) => getLesson(id))
    .filter((l): l is NonNullable<typeof l> => !!l)
    .map((l) => `- **${l.label}** — ${l.title}: ${l.summary}`);
  return [
    `**${rule?.title ?? f.ruleId}** \`${f.ruleId}\` (${f.severity})`,
    '',
    `**Found:** ${f.found}`,
    '',
    `**Missing:** ${f.missing}`,
    '',
    `**Why it matters:** ${f.why}`,
    '',
    lessons.length ? `**Lessons**\n\n${lessons.join('\n')}` : '',
    '',
    rule ? `**What good language looks like:** ${rule.docs.goodPractice}` : '',
    '',
    `[Rule documentation](${docsUrl})`,
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
