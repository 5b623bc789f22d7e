/**
 * What a hover on findings adds to the editor's own diagnostic hover, which already shows each finding's message:
 * never the message again. A paragraph finding gets the rule, the lessons by name and what good language looks
 * like; a document finding (they all sit on the title) one short line with a link that shows the paragraphs it
 * rests on, never the list itself, so that the title's hover stays small however many findings it carries.
 */
import { citeLessons, getLesson } from './lessons';
import { getRule } from './rules/registry';
import type { Finding } from './rules/types';

export interface HoverLinks {
  /** The rule's documentation, if there is a page to link to. */
  docs(ruleId: string): string | undefined;
  /** A link that shows the finding's evidence in the draft (a command link in an editor), if there is one. */
  evidence?(finding: Finding): string | undefined;
}

/** "the 8 paragraphs", "the paragraph": what a document finding rests on, counted by paragraph. */
function evidenceLabel(count: number): string {
  return count === 1 ? 'show the paragraph' : `show the ${count} paragraphs`;
}

/** The rule's id, linked to its page when there is one. */
function ruleLink(ruleId: string, links: HoverLinks): string {
  const url = links.docs(ruleId);
  return url ? `[${ruleId}](${url})` : `\`${ruleId}\``;
}

function paragraphHover(f: Finding, links: HoverLinks): string {
  const rule = getRule(f.ruleId);
  const lessons = f.lessons.map((id) => getLesson(id)).filter((l): l is NonNullable<typeof l> => !!l).map((l) => `${l.label} (${l.title})`);
  return [
    `**${rule?.title ?? f.ruleId}** · ${ruleLink(f.ruleId, links)}`,
    lessons.length ? `*Lessons:* ${lessons.join('; ')}` : '',
    rule ? `**What good language looks like:** ${rule.docs.goodPractice}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function documentHover(f: Finding, links: HoverLinks): string {
  const rule = getRule(f.ruleId);
  const places = new Set(f.evidence.map((e) => e.start)).size;
  const link = places ? links.evidence?.(f) : undefined;
  return `**${rule?.title ?? f.ruleId}** · ${ruleLink(f.ruleId, links)}${link ? ` · [${evidenceLabel(places)}](${link})` : ''}`;
}

/** The hover for the findings at one place: paragraph findings in full, document findings one line each. */
export function findingsHover(findings: Finding[], links: HoverLinks): string {
  const paragraph = findings.filter((f) => f.level !== 'document');
  const document = findings.filter((f) => f.level === 'document');
  const parts = paragraph.map((f) => paragraphHover(f, links));
  if (document.length) parts.push([document.length > 1 ? `**The whole draft** (${document.length} findings)` : '', ...document.map((f) => `- ${documentHover(f, links)}`)].filter(Boolean).join('\n'));
  return parts.join('\n\n---\n\n');
}

/**
 * The message of a finding's diagnostic. A paragraph finding says it all; a document finding (they all sit on the
 * title, where the editor's hover lists every message) says what was found and what is missing, with the lessons,
 * and leaves why it matters to its rule's page.
 */
export function diagnosticMessage(f: Finding): string {
  if (f.level !== 'document') return f.message;
  const sentence = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
  return `${sentence(f.found)} ${sentence(f.missing).replace(/\.$/, '')} (${citeLessons(f.lessons)}).`;
}
