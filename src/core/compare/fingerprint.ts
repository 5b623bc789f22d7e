/**
 * Findings recognised across versions of a text: a finding is identified by its rule, the wording of its
 * paragraph and the words it quotes, never by its line, so that renumbering and edits elsewhere leave it the
 * same finding. Used by `--baseline` (against a previous JSON output or the draft at a git ref) and by
 * `mandate-lint compare`.
 */
import type { BaselineState, FindingFingerprint, LintResult } from '../results';
import type { Finding } from '../rules/types';
import { contentWords, paragraphKey, paragraphSketch, sketchDistance } from './words';

export type { BaselineState, FindingFingerprint } from '../results';

/** Bits a paragraph's sketch may differ by and still be the same paragraph, edited (about 80% shared words). */
export const SKETCH_TOLERANCE = 14;

/** A paragraph's key and sketch by unit id, for the findings of one result that share a paragraph. */
export type ParagraphPrints = Map<number, { paragraph: string; sketch: string }>;

export function fingerprintFinding(result: LintResult, finding: Finding, paragraphs?: ParagraphPrints): FindingFingerprint {
  const model = result.analysis.model;
  const unit = finding.level === 'paragraph' && finding.unitId !== undefined ? model.units[finding.unitId] : undefined;
  let prints = unit ? paragraphs?.get(unit.id) : undefined;
  if (unit && !prints) {
    const words = contentWords(model.masked.slice(unit.contentStart, unit.end));
    prints = { paragraph: paragraphKey(words), sketch: paragraphSketch(words) };
    paragraphs?.set(unit.id, prints);
  }
  const quote = finding.level === 'paragraph' ? contentWords(model.masked.slice(finding.start, finding.end)).join(' ').slice(0, 80) : '';
  return { ruleId: finding.ruleId, level: finding.level, paragraph: prints?.paragraph ?? '', sketch: prints?.sketch ?? '', quote };
}

export function fingerprintFindings(result: LintResult): FindingFingerprint[] {
  const paragraphs: ParagraphPrints = new Map();
  return result.findings.map((f) => fingerprintFinding(result, f, paragraphs));
}

export interface Fingerprinted {
  fingerprint?: FindingFingerprint;
  ruleId: string | null;
  message: string;
}

export interface BaselineMatch {
  /** For each current finding: new, unchanged or updated; and the index of the baseline finding it matched. */
  current: Array<{ state: Exclude<BaselineState, 'absent'>; baseline?: number }>;
  /** Baseline findings that no current finding matched: gone from the text (SARIF "absent"). */
  absent: number[];
}

/**
 * Matches current findings with baseline findings, most certain first, each baseline finding at most once:
 *  1. same rule and level, same paragraph wording and the same quoted words: unchanged;
 *  2. same rule, same paragraph (the same wording, the paragraphs `sameParagraph` pairs, or sketches within
 *     SKETCH_TOLERANCE bits) and the same quoted words: unchanged; with other quoted words: updated;
 *  3. same rule and the same quoted words in another paragraph: updated;
 *  4. document findings: the same rule, unchanged when the message is the same, else updated.
 * Findings with no fingerprint (JSON from an older version) match on rule and message text alone.
 */
export function matchFindings<C extends Fingerprinted, B extends Fingerprinted>(current: readonly C[], baseline: readonly B[], sameParagraph?: (c: C, b: B) => boolean): BaselineMatch {
  const out: BaselineMatch['current'] = current.map(() => ({ state: 'new' as const }));
  const used = new Array<boolean>(baseline.length).fill(false);
  const byRule = new Map<string, number[]>();
  baseline.forEach((b, k) => {
    const key = b.ruleId ?? '';
    byRule.set(key, [...(byRule.get(key) ?? []), k]);
  });
  const pass = (test: (c: C, b: B) => Exclude<BaselineState, 'absent' | 'new'> | undefined) => {
    current.forEach((c, i) => {
      if (out[i].baseline !== undefined) return;
      for (const k of byRule.get(c.ruleId ?? '') ?? []) {
        if (used[k]) continue;
        const state = test(c, baseline[k]);
        if (!state) continue;
        used[k] = true;
        out[i] = { state, baseline: k };
        return;
      }
    });
  };
  const same = (c: C, b: B): boolean => {
    const x = c.fingerprint;
    const y = b.fingerprint;
    if (!x || !y || x.level !== 'paragraph' || y.level !== 'paragraph') return false;
    if (x.paragraph === y.paragraph) return true;
    if (sameParagraph) return sameParagraph(c, b);
    return sketchDistance(x.sketch, y.sketch) <= SKETCH_TOLERANCE;
  };
  // 1. Exactly the same.
  pass((c, b) => (c.fingerprint && b.fingerprint && c.fingerprint.level === 'paragraph' && c.fingerprint.level === b.fingerprint.level && c.fingerprint.paragraph === b.fingerprint.paragraph && c.fingerprint.quote === b.fingerprint.quote ? 'unchanged' : undefined));
  // 2. The same paragraph, edited.
  pass((c, b) => (same(c, b) && c.fingerprint!.quote === b.fingerprint!.quote ? 'unchanged' : undefined));
  pass((c, b) => (same(c, b) ? 'updated' : undefined));
  // 3. The same words in another paragraph.
  pass((c, b) => (c.fingerprint && b.fingerprint && c.fingerprint.level === 'paragraph' && b.fingerprint.level === 'paragraph' && c.fingerprint.quote && c.fingerprint.quote === b.fingerprint.quote ? 'updated' : undefined));
  // 4. Document findings.
  pass((c, b) => (c.fingerprint?.level === 'document' && b.fingerprint?.level === 'document' ? (c.message === b.message ? 'unchanged' : 'updated') : undefined));
  // No fingerprints: rule and message.
  pass((c, b) => (!c.fingerprint || !b.fingerprint) && c.message === b.message ? 'unchanged' : undefined);
  return { current: out, absent: baseline.map((_, k) => k).filter((k) => !used[k]) };
}
