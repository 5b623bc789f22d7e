/**
 * Every quick fix offered on the examples and the corpora, in LF and CRLF (the examples in lone CR too), applied the way an LSP client applies
 * it: the edits are valid for the protocol and the reference libraries, the fix removes the finding it promises
 * to fix and adds none, keeps the file's line endings and the draft's emphasis of verbs, leaves every citation of
 * another instrument alone and keeps the paragraph numbers a sequence. FIXES_REPORT=<file> writes every failure.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocType } from '../src/core/analysis';
import { fixesFor, type TextEdit } from '../src/core/fixes';
import { lintText, type LintResult } from '../src/core/lint';
import type { Snippet } from '../src/core/snippets';
import type { Finding } from '../src/core/rules/types';
import structure from '../data/structure.json';
import core from '../data/snippets/core.json';

const ROOT = join(__dirname, '..');
const library = core.snippets as Snippet[];

interface Draft {
  name: string;
  text: string;
  docType?: DocType;
}

function readDir(dir: string, labels?: string): Draft[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const label = labels && join(labels, f.replace(/\.md$/, '.json'));
      const docType = label && existsSync(label) ? (JSON.parse(readFileSync(label, 'utf8')) as { docType?: DocType }).docType : undefined;
      return { name: relative(ROOT, join(dir, f)), text: readFileSync(join(dir, f), 'utf8'), docType };
    });
}

const SHARED = join(ROOT, '..', 'shared', 'corpus');
const examples = readDir(join(ROOT, 'examples'));
const shared = readDir(join(SHARED, 'docs'), join(SHARED, 'labels'));
const dev = readDir(join(ROOT, 'test', 'corpus-dev', 'docs'), join(ROOT, 'test', 'corpus-dev', 'labels'));

/**
 * The weak example with citations of other instruments and references to its own paragraphs, in the draft's
 * italic verbs, in plain text, in bold and bold italic, numbered "OP1.", and with footnote marks after paragraphs:
 * what renumbering, emphasis and clause placement must get right.
 */
function variants(): Draft[] {
  const weak = examples.find((d) => d.name.endsWith('weak-mandate.md'));
  if (!weak) return [];
  const cited = weak.text
    .replace(
      /\n\*Reaffirming\*/,
      '\n*Recalling* paragraphs 8 and 9 of resolution 2100 (2013), paragraph 5 of the report of the Secretary-General (S/2025/100), paragraph 12 of the Kiranga Peace and Reconciliation Agreement, paragraphs 3, 4 and 6 of its resolution 2151 (2014), paragraphs 3 to 5 of annex I to resolution 2200 (2015), and resolution 2250 (2015), paragraph 4,\n\n*Recalling also* paragraph 3 of the communiqué of the Peace and Security Council of the African Union, paragraph 4 of S/2025/200, paragraph 5 of the Cooperation Framework and paragraph 6 of UNSCR 1325,\n\n*Reaffirming*',
    )
    .replace(
      'on the implementation of this resolution;',
      'on the implementation of this resolution, in particular of paragraphs 3 to 5, paragraph 8 above, paragraphs 4, 6 and 8, paragraphs 9-10 and subparagraphs 3 (a) and (b), and of paragraph 6 of resolution 2100 (2013);',
    );
  assert.notEqual(cited, weak.text);
  // National strategies under a title that names them, so that their paragraphs' "The National Security Policy
  // will ..." are read as the document speaking of itself.
  const titled = dev
    .filter((d) => d.docType === 'strategy' && /\bThe National Security (?:Policy|Strategy)\b/.test(d.text))
    .map((d) => {
      const name = /\bThe (National Security (?:Policy|Strategy))\b/.exec(d.text)![1];
      return { name: `${d.name} titled "${name}"`, text: d.text.replace(/^# .*$/m, `# ${name} of Kadora`), docType: d.docType };
    });
  assert.ok(titled.length > 0, 'a national strategy that names itself');
  return [
    ...titled,
    { name: `${weak.name} with citations`, text: cited },
    { name: `${weak.name} with citations, plain`, text: cited.replace(/\*/g, '') },
    { name: `${weak.name} with citations, bold`, text: cited.replace(/\*([A-Z][a-z]+(?: [a-z]+)*)\*/g, '**$1**') },
    { name: `${weak.name} with citations, bold italic`, text: cited.replace(/\*([A-Z][a-z]+(?: [a-z]+)*)\*/g, '**_$1_**') },
    { name: `${weak.name} with citations, numbered OP1., OP2.`, text: cited.replace(/^(\d+)\. /gm, 'OP$1. ').replace('paragraph 8 above', 'OP8') },
    { name: `${weak.name} with citations and footnote marks`, text: cited.replace(/;\n\n(\d+)\. /g, (m, n) => (Number(n) % 3 ? m : `;[^${n}]\n\n${n}. `)).replace(/\.\n*$/, '.[^9]\n\n[^3]: A note.\n\n[^6]: A note.\n\n[^9]: A note.\n') },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Applying edits as the protocol says, and validating them as the reference libraries do.

/**
 * LSP TextEdit[] semantics: ranges refer to the original text and never overlap; several edits may share a
 * start position only as inserts, optionally followed (in array order) by one replace; inserts at one position
 * appear in array order. Throws on anything else, then also applies the edits with
 * vscode-languageserver-textdocument's TextDocument.applyEdits (which throws "Overlapping edit" on what it
 * rejects) and checks both agree.
 */
function applyLspEdits(text: string, edits: TextEdit[]): string {
  for (const e of edits) {
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start <= e.end && e.end <= text.length)) throw new Error(`edit out of range: ${JSON.stringify(e)}`);
    if (e.start > 0 && e.start < text.length && text[e.start - 1] === '\r' && text[e.start] === '\n') throw new Error(`edit starts inside a CRLF: ${JSON.stringify(e)}`);
    if (e.end > 0 && e.end < text.length && text[e.end - 1] === '\r' && text[e.end] === '\n') throw new Error(`edit ends inside a CRLF: ${JSON.stringify(e)}`);
  }
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let last = 0;
  for (let k = 0; k < sorted.length; k++) {
    const e = sorted[k];
    if (e.start < last) throw new Error(`overlapping edits at ${e.start}: ${JSON.stringify(sorted.slice(Math.max(0, k - 1), k + 1))}`);
    const prev = sorted[k - 1];
    if (prev && prev.start === e.start && prev.end > prev.start) throw new Error(`an edit at ${e.start} follows a replace at the same position`);
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  out += text.slice(last);
  const doc = TextDocument.create('file:///draft.md', 'markdown', 1, text);
  const reference = TextDocument.applyEdits(
    doc,
    edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
  );
  if (reference !== out) throw new Error('vscode-languageserver-textdocument applies the edits differently');
  return out;
}

/** Where an offset of the original text is after the edits (text inserted at the offset comes before it). */
function mapOffset(offset: number, edits: TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.start === e.end ? e.start <= offset : e.end <= offset) delta += e.newText.length - (e.end - e.start);
    else if (e.start < offset && offset < e.end) delta += Math.min(offset - e.start, e.newText.length) - (offset - e.start);
  }
  return offset + delta;
}

// ---------------------------------------------------------------------------------------------------------
// What is compared before and after.

function lint(text: string, docType: DocType | undefined): LintResult {
  return lintText(text, { format: 'markdown', docType, cacheFacts: true });
}

/** rule + level + paragraph (by the paragraph's start, mapped through the edits for the text before). */
function findingKey(result: LintResult, f: Finding, map: (offset: number) => number = (o) => o): string {
  if (f.level === 'document' || f.unitId === undefined) return `${f.ruleId}|document`;
  return `${f.ruleId}|paragraph|${map(result.analysis.units[f.unitId].unit.start)}`;
}

/** The pattern of the issue, and one over every instrument word of the structure data ("of the Kiranga Agreement"). */
const CITATION_PATTERNS = [
  /paragraphs? [\d ,and\-–to()a-z]+ of (?:the |its )?(?:resolution|report|agreement|annex)/gi,
  // Instruments the structure data does not name: a document symbol, a communiqué, a framework, UNSCR n.
  /paragraphs? \d+ of (?:the )?(?:S\/\d{4}\/\d+|communiqué|Cooperation Framework|UNSCR \d+)/g,
  new RegExp(`(?:sub)?paragraphs? \\d[\\d ,and\\-–to()a-z]*? of (?:the |its )?(?:[A-Z][\\w'’-]* ){0,3}(?:${structure.otherInstruments.map((i) => i.replace(/ /g, '\\s+')).join('|')})s?\\b`, 'g'),
];

/**
 * The citations in the text. The patterns run from the first "paragraph" of a sentence to the instrument, so they
 * also take in the draft's own references earlier in the sentence ("report on paragraphs 3 and 4, and on paragraph
 * 2 of resolution 2100 (2013)", where 3 and 4 must shift): a match is cut to the references chained to the
 * instrument, that is from the last "paragraph" that follows something other than numbers, labels, "and", "or",
 * "to" and commas.
 */
function citations(text: string): string[] {
  return CITATION_PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => citedPart(m[0]).replace(/\s+/g, ' '))).sort();
}

function citedPart(match: string): string {
  const heads = [...match.matchAll(/\b(?:sub-?)?paragraphs?\b/gi)].map((h) => h.index);
  let start = heads[heads.length - 1];
  for (let k = heads.length - 1; k > 0; k--) {
    const between = match.slice(heads[k - 1], heads[k]).replace(/\b(?:sub-?)?paragraphs?\b|\b(?:and|or|to|through)\b|\d+|\([a-z]{1,5}\)|[\s,\-–]/gi, '');
    if (between) break;
    start = heads[k - 1];
  }
  return match.slice(start);
}

/** "*", "**", "_" or "" before the opening verbs of the draft's own paragraphs: the draft's style. */
function markupBefore(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /([*_]{0,2})$/.exec(text.slice(Math.max(lineStart, at - 2), at))![1];
}

function verbStyles(result: LintResult, units: Set<number> | undefined): string[] {
  const text = result.analysis.model.text;
  return result.analysis.units
    .filter((u) => (!units || units.has(u.unit.id)) && u.unit.opener && (u.unit.kind === 'operative' || u.unit.kind === 'preamble'))
    .map((u) => markupBefore(text, u.unit.opener!.start));
}

function dominant(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function numbers(result: LintResult): number[] {
  return result.analysis.units.filter((u) => u.unit.parent === undefined && u.unit.marker?.style === 'decimal' && /^\d+$/.test(u.unit.marker.label)).map((u) => Number(u.unit.marker!.label));
}

function consecutive(values: number[]): boolean {
  return values.length > 1 && values.every((v, i) => i === 0 || v === values[i - 1] + 1);
}

/** Rules that report one gap of a paragraph under two names, depending on how the whole draft reads. */
const SAME_PROBLEM: Record<string, string> = { 'missing-governance': 'train-and-equip-drift', 'train-and-equip-drift': 'missing-governance' };

// ---------------------------------------------------------------------------------------------------------

interface Outcome {
  documents: number;
  fixes: number;
  failures: string[];
}

function checkDraft(draft: Draft, eol: 'LF' | 'CRLF' | 'CR', outcome: Outcome): void {
  const text = eol === 'CRLF' ? draft.text.replace(/\r?\n/g, '\r\n') : eol === 'CR' ? draft.text.replace(/\r?\n/g, '\r') : draft.text.replace(/\r\n/g, '\n');
  const before = lint(text, draft.docType);
  const docType = before.docType;
  const lines = before.analysis.model.lines;
  const beforeCitations = citations(text);
  const style = dominant(verbStyles(before, undefined));
  const plain = !/[*_]/.test(text);
  const seen = new Set<string>();
  const afterCache = new Map<string, LintResult>();
  outcome.documents++;
  for (const finding of before.findings) {
    for (const fix of fixesFor(before.analysis, finding, library)) {
      const where = `${draft.name} (${docType}) [${eol}] ${finding.ruleId} (${finding.level}, line ${lines.positionAt(finding.start).line}) → "${fix.title}"${fix.snippet ? ` [${fix.snippet}]` : ''}`;
      const id = `${findingKey(before, finding)}|${JSON.stringify(fix.edits)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      outcome.fixes++;
      const fail = (property: string, detail = '') => outcome.failures.push(`${property}: ${where}${detail ? `\n      ${detail}` : ''}`);
      let fixed: string;
      try {
        fixed = applyLspEdits(text, fix.edits);
      } catch (error) {
        fail('invalid edits', (error as Error).message);
        continue;
      }
      if (fixed === text) {
        fail('no change');
        continue;
      }
      let after = afterCache.get(fixed);
      if (!after) {
        after = lint(fixed, docType);
        afterCache.set(fixed, after);
      }
      // Keys of the findings before, with their paragraphs moved where the edits put them.
      const sortedEdits = [...fix.edits].sort((a, b) => a.start - b.start);
      const beforeKeys = new Set(before.findings.map((f) => findingKey(before, f, (o) => mapOffset(o, sortedEdits))));
      const afterKeys = new Set(after.findings.map((f) => findingKey(after!, f)));
      const target = findingKey(before, finding, (o) => mapOffset(o, sortedEdits));
      // (1) the finding is gone
      if (afterKeys.has(target)) fail('finding remains', after.findings.filter((f) => findingKey(after!, f) === target).map((f) => f.message).join(' | '));
      // (2) no new finding. One problem gives one finding (README, "The rules"): a paragraph with no governance
      // language is train-and-equip-drift while the draft reads as capability-led and missing-governance once the
      // fix of another paragraph changes that balance. The same paragraph's same gap under its other name is not new.
      const relabelled = (f: Finding) => {
        const key = findingKey(after!, f);
        if (f.level !== 'paragraph' || key.endsWith(`|${target.split('|')[2]}`)) return false;
        const other = SAME_PROBLEM[f.ruleId];
        const was = other && key.replace(f.ruleId, other);
        return !!was && beforeKeys.has(was) && !afterKeys.has(was);
      };
      const added = after.findings.filter((f) => !beforeKeys.has(findingKey(after!, f)) && !relabelled(f));
      if (added.length) {
        fail(
          'adds findings',
          added.map((f) => `${f.ruleId} (${f.level}) at line ${after!.analysis.model.lines.positionAt(f.start).line}: ${fixed.slice(f.start, f.end)} — ${f.message.slice(0, 120)}`).join('\n      '),
        );
      }
      // (3) line endings
      if (eol === 'CRLF' && /(?<!\r)\n/.test(fixed)) fail('bare LF in a CRLF file', JSON.stringify(fix.edits.map((e) => e.newText)).slice(0, 200));
      if (eol === 'LF' && fixed.includes('\r')) fail('CR in an LF file');
      if (eol === 'CR' && fixed.includes('\n')) fail('LF in a lone-CR file');
      // (4) emphasis: new paragraphs open like the draft's own, and plain drafts get no markup
      if (plain && fix.edits.some((e) => /[*_]/.test(e.newText))) fail('markup in a plain draft', fix.edits.map((e) => e.newText).join(' ').slice(0, 160));
      const mappedStarts = new Set(before.analysis.units.map((u) => mapOffset(u.unit.start, sortedEdits)));
      const fresh = new Set(after.analysis.units.filter((u) => !mappedStarts.has(u.unit.start)).map((u) => u.unit.id));
      if (style !== undefined) {
        const styles = verbStyles(after, fresh);
        if (styles.some((s) => s !== style)) fail('emphasis', `the draft writes ${JSON.stringify(style)}, the fix ${JSON.stringify(styles)}`);
      }
      // (5) citations of other instruments are unchanged
      const afterCitations = citations(fixed);
      const missing = beforeCitations.filter((c) => {
        const i = afterCitations.indexOf(c);
        if (i < 0) return true;
        afterCitations.splice(i, 1);
        return false;
      });
      if (missing.length) fail('citation changed', missing.join(' | '));
      // (6) numbered paragraphs that ran 1, 2, 3 ... still do
      if (consecutive(numbers(before)) && !consecutive(numbers(after))) fail('numbering', numbers(after).join(' '));
    }
  }
}

describe('quick fixes on every draft (property)', function () {
  this.timeout(180_000);

  it('finds the examples and the corpora', () => {
    assert.ok(examples.length >= 4, 'examples/');
    assert.ok(shared.length + dev.length >= 20, `at least 20 corpus documents (found ${shared.length + dev.length})`);
  });

  it('every offered fix is valid LSP, removes its finding, adds none, keeps line endings, emphasis and citations', () => {
    const outcome: Outcome = { documents: 0, fixes: 0, failures: [] };
    const started = Date.now();
    for (const draft of [...examples, ...variants(), ...shared, ...dev]) for (const eol of ['LF', 'CRLF'] as const) checkDraft(draft, eol, outcome);
    // Lone CR line breaks (old Mac files), which the model reads as line breaks too: the examples and their variants.
    for (const draft of [...examples, ...variants()]) checkDraft(draft, 'CR', outcome);
    const byProperty = new Map<string, number>();
    for (const f of outcome.failures) byProperty.set(f.split(':')[0], (byProperty.get(f.split(':')[0]) ?? 0) + 1);
    // FIXES_REPORT=<file> writes every failure, not only the first ones.
    if (process.env.FIXES_REPORT) writeFileSync(process.env.FIXES_REPORT, outcome.failures.join('\n') + '\n');
    console.log(`      ${outcome.fixes} fixes applied on ${outcome.documents} document versions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(outcome.fixes > 200, `only ${outcome.fixes} fixes`);
    assert.deepEqual(
      outcome.failures,
      [],
      `${outcome.failures.length} of ${outcome.fixes} fixes fail (${[...byProperty].map(([p, n]) => `${p}: ${n}`).join(', ')}):\n${outcome.failures.slice(0, 60).join('\n')}`,
    );
  });
});
