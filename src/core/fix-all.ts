/**
 * "Fix all": one combined edit from the quick fixes of a whole document. Each paragraph finding that has a clause
 * to add to the paragraph itself (an inline fix) contributes that clause, once per paragraph and rule; document
 * findings, new paragraphs and disable comments are left to single quick fixes, as their edits would renumber
 * or collide.
 */
import type { DocumentAnalysis } from './analysis';
import { fixesFor, type Fix, type TextEdit } from './fixes';
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
    const inline = fixesFor(document.analysis, finding, library, true).find((f) => f.kind === 'inline');
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

/** A quick fix as the menu offers it: one entry for the same edit, whichever findings it answers. */
export interface MenuFix {
  fix: Fix;
  /** Indexes (in the caller's list) of the findings the fix answers. */
  findings: number[];
  ruleIds: string[];
}

export interface FixMenu {
  /** Clauses to insert, the best first: the preferred fix of the most severe finding, then the others in order. */
  fixes: MenuFix[];
  /** "Disable …" comments, one per rule. */
  disables: MenuFix[];
}

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

/**
 * The quick-fix menu for the findings at one place (on the title, every document finding): each clause offered
 * once (two rules answered by the same clause), the most severe finding's preferred clause first, and the disable
 * comments apart, one per rule, for the editor to group.
 */
export function fixMenu(entries: Array<{ finding: Finding; fixes: Fix[] }>): FixMenu {
  const byKey = new Map<string, MenuFix & { rank: number; order: number }>();
  const disables = new Map<string, MenuFix>();
  let order = 0;
  entries.forEach(({ finding, fixes }, index) => {
    for (const fix of fixes) {
      if (fix.kind === 'disable') {
        const known = disables.get(fix.title);
        if (known) known.findings.push(index);
        else disables.set(fix.title, { fix, findings: [index], ruleIds: [finding.ruleId] });
        continue;
      }
      // The same clause is one entry even where two rules would put it in different places: the better placed wins.
      const key = fix.snippet ?? `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
      const rank = (SEVERITY_RANK[finding.severity] ?? 3) * 2 + (fix.preferred ? 0 : 1);
      const known = byKey.get(key);
      if (known) {
        known.findings.push(index);
        if (!known.ruleIds.includes(finding.ruleId)) known.ruleIds.push(finding.ruleId);
        if (rank < known.rank) Object.assign(known, { fix: { ...fix, preferred: false }, rank });
      } else byKey.set(key, { fix: { ...fix, preferred: false }, findings: [index], ruleIds: [finding.ruleId], rank, order: order++ });
    }
  });
  const fixes = [...byKey.values()].sort((a, b) => a.rank - b.rank || a.order - b.order).map(({ fix, findings, ruleIds }) => ({ fix, findings, ruleIds }));
  // One preferred fix in the menu: the first, when it was preferred for its finding.
  if (fixes.length && entries.some(({ fixes: own }) => own.some((f) => f.preferred && f.title === fixes[0].fix.title))) fixes[0] = { ...fixes[0], fix: { ...fixes[0].fix, preferred: true } };
  return { fixes, disables: [...disables.values()] };
}
