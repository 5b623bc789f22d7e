/**
 * "Fix all": one combined edit from the quick fixes of a whole document. Each paragraph finding that has a clause
 * to add to the paragraph itself (an inline fix) contributes that clause, once per paragraph and rule; document
 * findings, new paragraphs and disable comments are left to single quick fixes, as their edits would renumber
 * or collide.
 */
import type { DocumentAnalysis } from './analysis';
import { fixesFor, type TextEdit } from './fixes';
import { RULES } from './rules/registry';
import type { Finding } from './rules/types';
import type { Snippet } from './snippets';

/** What fix-all needs of a lint result. */
export interface LintedDocument {
  findings: Finding[];
  analysis: DocumentAnalysis;
}

export interface CombinedFix {
  edits: TextEdit[];
  /** How many findings the edits answer. */
  count: number;
}

/** The inline fixes of every paragraph finding of one rule: the first finding of each paragraph. */
export function fixAllOfRule(document: LintedDocument, ruleId: string, library: Snippet[]): CombinedFix {
  const edits: TextEdit[] = [];
  let count = 0;
  const usedUnits = new Set<number>();
  for (const finding of document.findings) {
    if (finding.ruleId !== ruleId || finding.level !== 'paragraph' || finding.unitId === undefined || usedUnits.has(finding.unitId)) continue;
    const inline = fixesFor(document.analysis, finding, library).find((f) => f.kind === 'inline');
    if (!inline) continue;
    usedUnits.add(finding.unitId);
    edits.push(...inline.edits);
    count++;
  }
  return { edits, count };
}

/**
 * Every rule's fix-all edits as one edit list (rules in registry order), sorted by position; an edit that
 * overlaps one kept before it is dropped, so the list can be applied in one go.
 */
export function fixAllInDocument(document: LintedDocument, library: Snippet[]): TextEdit[] {
  return dropOverlaps(RULES.flatMap((rule) => fixAllOfRule(document, rule.id, library).edits));
}

/** The edits sorted by start, without those that overlap an edit kept before them (insertions at one point all stay). */
export function dropOverlaps(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: TextEdit[] = [];
  for (const e of sorted) if (!out.length || e.start >= out[out.length - 1].end) out.push(e);
  return out;
}
