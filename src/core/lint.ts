/**
 * The one entry point every adapter uses: text in, findings out. Parsing, facts and rules all run here;
 * adapters only decide where text comes from and how findings are shown.
 */
import { analyzeDocument, type AnalyzedUnit, type DocType } from './analysis';
import { declaredDocType, unreadDocType } from './drafts';
import { computeFacts, forgetFacts } from './facts';
import { getLesson, citeLessons } from './lessons';
import { compileLexicons, type CompiledLexicon, type LexiconSpec } from './lexicon/lexicon';
import coreLexicon from '../../data/lexicon/core.json';
import type { DocumentFormat } from './model/blocks';
import { buildModel, documentAnchor, MAX_UNITS, type DocumentModel } from './model/model';
import { RULES, yieldsTo } from './rules/registry';
import { resolveOptions } from './rules/options';
import type { Evidence, EvidenceInput, Finding, ReportInput, Rule, RuleContext, RuleOptions, Span } from './rules/types';
import { effectiveRuleConfig } from './profiles';
import type { RuleConfig } from './config/types';
import type { DocTypeSource, LintResult, Problem } from './results';

export type { DocTypeSource, LintResult, Problem } from './results';

export interface LintOptions {
  format: DocumentFormat;
  /** Forced document type (CLI --doc-type); wins over front matter and config. */
  docType?: DocType;
  /** Document type from configuration; "auto" or undefined means front matter, then detection. */
  configDocType?: DocType | 'auto';
  /** Document type the file's name gives by convention ("*.strategy.md"): after configuration, before detection. */
  fileDocType?: DocType;
  /** Type for a text that shows no sign of a mandate or an agreement, from its name ("*.mandate.md"); else strategy. */
  undecidedDocType?: DocType;
  rules?: Record<string, RuleConfig>;
  /** A preset from configuration ("mandate-lint:strict"). */
  preset?: string;
  lexicon?: CompiledLexicon;
  /** Use the shared paragraph caches (facts, chunks, traits): on in the editor, off for one-shot runs over files. */
  cacheFacts?: boolean;
}

let defaultLexicon: CompiledLexicon | undefined;
const lexiconCache = new Map<string, CompiledLexicon>();

export function getDefaultLexicon(): CompiledLexicon {
  if (!defaultLexicon) defaultLexicon = compileLexicons([{ name: 'core', spec: coreLexicon as LexiconSpec }]);
  return defaultLexicon;
}

/** The core lexicon plus team lexicons, compiled once per distinct content. */
export function getLexicon(extra: Array<{ name: string; spec: LexiconSpec }>): CompiledLexicon {
  if (!extra.length) return getDefaultLexicon();
  const key = JSON.stringify(extra);
  let compiled = lexiconCache.get(key);
  if (!compiled) {
    compiled = compileLexicons([{ name: 'core', spec: coreLexicon as LexiconSpec }, ...extra]);
    if (lexiconCache.size > 20) lexiconCache.clear();
    lexiconCache.set(key, compiled);
  }
  return compiled;
}

/** A Council text (preambular and operative paragraphs), a peace agreement, or else a strategy. */
export function detectDocType(model: DocumentModel): DocType {
  return docTypeShownByText(model) ?? 'strategy';
}

/**
 * The type the text itself shows: a Council text or a peace agreement by their signs; undefined when it shows
 * neither (a strategy has no sign of its own, it is what is left).
 */
function docTypeShownByText(model: DocumentModel): DocType | undefined {
  let councilUnits = 0;
  for (const unit of model.units) {
    if (unit.kind === 'formula' || unit.kind === 'preamble') councilUnits += 2;
    else if (unit.opener?.kind === 'operative') councilUnits += 2;
    else if (unit.opener?.kind === 'reporting') councilUnits++;
  }
  const head = model.masked.slice(0, 4000);
  if (/\b(?:peace|ceasefire|cessation of hostilities) agreement\b/i.test(head) && /\bthe parties (?:shall|agree|commit|undertake)\b/i.test(model.masked.slice(0, 20000)) && councilUnits < 3) {
    return 'peace-agreement';
  }
  if (councilUnits >= 2 || /\bSecurity Council\b/.test(head)) return 'mandate';
  return undefined;
}

function quote(text: string, start: number, end: number): string {
  const value = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return value.length > 60 ? value.slice(0, 57).trimEnd() + '…' : value;
}

interface RuleRun {
  rule: Rule;
  config: RuleConfig;
  /** Its findings are reported (it is on, for this document type); else it ran only for precedence. */
  shown: boolean;
  options: RuleOptions;
  reports: ReportInput[];
  /** Units of its paragraph findings, before comments and options filter them: the problems it claims. */
  paragraphUnits: Set<number>;
}

/** A span of a unit's text (offsets relative to the unit, as hits have them) in the document. */
function inDocument(unit: AnalyzedUnit, span: Span): Span {
  return { start: unit.offset + span.start, end: unit.offset + span.end };
}

/** The beginning of a unit, marker included: where evidence with no hit sits. */
function openingOf(unit: AnalyzedUnit): Span {
  return { start: unit.unit.start, end: Math.min(unit.unit.end, unit.unit.start + 120) };
}

/** Where a paragraph finding sits: on its hit, else on the unit's opening verb, else on the unit's first words. */
function paragraphRange(unit: AnalyzedUnit, hit: Span | undefined): Span {
  if (hit) return inDocument(unit, hit);
  const opener = unit.unit.opener;
  if (opener) return { start: opener.start, end: opener.end };
  return { start: unit.offset, end: unit.offset + Math.min(20, unit.facts.length) };
}

function placeEvidence({ unit, hit, message }: EvidenceInput): Evidence {
  return { ...(hit ? inDocument(unit, hit) : openingOf(unit)), message };
}

function sentence(value: string): string {
  const trimmed = value.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : trimmed + '.';
}

export function composeMessage(found: string, missing: string, why: string, lessons: string[]): string {
  return `${sentence(found)} ${sentence(missing)} ${why.trim().replace(/[.]$/, '')} (${citeLessons(lessons)}).`;
}

interface ActiveDirectives {
  isSuppressed(ruleId: string, offset: number, level: 'paragraph' | 'document', unitId?: number): boolean;
  problems: Problem[];
}

function applyDirectives(model: DocumentModel, knownRules: Set<string>): ActiveDirectives {
  const problems: Problem[] = [];
  const fileDisabled = new Set<string>();
  let fileDisabledAll = false;
  interface Range {
    from: number;
    to: number;
    rules: Set<string> | 'all';
  }
  const ranges: Range[] = [];
  const nextParagraph: Array<{ unitId: number; rules: Set<string> | 'all' }> = [];
  const open = new Map<string, number>();
  let openAll: number | undefined;
  const firstContent = model.units.find((u) => u.kind !== 'title' && u.kind !== 'heading');
  const headerEnd = firstContent ? firstContent.start : model.text.length;
  let headerDisabled = new Set<string>();
  let headerDisabledAll = false;

  for (const d of model.directives) {
    for (const rule of d.rules) {
      if (!knownRules.has(rule)) problems.push({ severity: 'warning', message: `Unknown rule "${rule}" in a mandate-lint comment.`, start: d.start, end: d.end });
    }
    const rules = d.rules.filter((r) => knownRules.has(r));
    const all = d.rules.length === 0;
    if (!all && !rules.length) continue;
    switch (d.action) {
      case 'disable-file':
        if (all) fileDisabledAll = true;
        else rules.forEach((r) => fileDisabled.add(r));
        break;
      case 'disable':
        if (d.start < headerEnd) {
          if (all) headerDisabledAll = true;
          else headerDisabled = new Set([...headerDisabled, ...rules]);
        }
        if (all) openAll = openAll ?? d.end;
        else for (const r of rules) if (!open.has(r)) open.set(r, d.end);
        break;
      case 'enable':
        if (all) {
          if (openAll !== undefined) ranges.push({ from: openAll, to: d.start, rules: 'all' });
          openAll = undefined;
          for (const [r, from] of open) ranges.push({ from, to: d.start, rules: new Set([r]) });
          open.clear();
        } else {
          for (const r of rules) {
            const from = open.get(r);
            if (from !== undefined) ranges.push({ from, to: d.start, rules: new Set([r]) });
            open.delete(r);
          }
        }
        break;
      case 'disable-next-paragraph': {
        const next = model.units.find((u) => u.start >= d.end && u.kind !== 'heading' && u.kind !== 'title');
        if (next) nextParagraph.push({ unitId: next.id, rules: all ? 'all' : new Set(rules) });
        break;
      }
    }
  }
  if (openAll !== undefined) ranges.push({ from: openAll, to: Infinity, rules: 'all' });
  for (const [r, from] of open) ranges.push({ from, to: Infinity, rules: new Set([r]) });

  return {
    problems,
    isSuppressed(ruleId, offset, level, unitId) {
      if (fileDisabledAll || fileDisabled.has(ruleId)) return true;
      if (level === 'document' && (headerDisabledAll || headerDisabled.has(ruleId))) return true;
      if (ranges.some((r) => offset >= r.from && offset < r.to && (r.rules === 'all' || r.rules.has(ruleId)))) return true;
      if (unitId !== undefined && nextParagraph.some((n) => n.unitId === unitId && (n.rules === 'all' || n.rules.has(ruleId)))) return true;
      return false;
    },
  };
}


export function lintText(text: string, options: LintOptions): LintResult {
  const cache = options.cacheFacts !== false;
  const model = buildModel(text, options.format, cache);
  let docType: DocType;
  let docTypeSource: DocTypeSource;
  const fromFrontMatter = model.frontMatter ? declaredDocType(model.frontMatter.data) : undefined;
  if (options.docType) {
    docType = options.docType;
    docTypeSource = 'option';
  } else if (fromFrontMatter) {
    docType = fromFrontMatter;
    docTypeSource = 'front-matter';
  } else if (options.configDocType && options.configDocType !== 'auto') {
    docType = options.configDocType;
    docTypeSource = 'config';
  } else if (options.fileDocType) {
    docType = options.fileDocType;
    docTypeSource = 'file-name';
  } else {
    // A text that shows no type of its own takes the one its name suggests ("*.mandate.md"), else a strategy's.
    const shown = docTypeShownByText(model);
    docType = shown ?? options.undecidedDocType ?? 'strategy';
    docTypeSource = !shown && options.undecidedDocType ? 'file-name' : 'detected';
  }

  const lexicon = options.lexicon ?? getDefaultLexicon();
  // Strategies and agreements speak of the country's own personnel, Council texts of the mission's.
  const national = docType !== 'mandate';
  // Repeated paragraphs (boilerplate, copied drafts) share their facts even when the shared cache is off.
  const memo = new Map<string, ReturnType<typeof computeFacts>>();
  // Team regular expressions run under a time budget per document; paragraphs read after it ran out lack their
  // hits, so they are not cached (a later lint gets another chance).
  const patternRun = lexicon.beginDocument();
  const facts = model.units.map((u) => {
    const unitText = model.masked.slice(u.contentStart, u.end);
    let f = memo.get(unitText);
    if (!f) {
      const exhaustedBefore = patternRun.exhausted;
      memo.set(unitText, (f = computeFacts(unitText, lexicon, cache && !exhaustedBefore, national)));
      if (cache && !exhaustedBefore && patternRun.exhausted) forgetFacts(unitText, lexicon);
    }
    return f;
  });

  const analysis = analyzeDocument(model, facts, docType);
  const anchor = documentAnchor(model);
  const directives = applyDirectives(model, new Set(RULES.map((r) => r.id)));
  const findings: Finding[] = [];
  const problems: Problem[] = [...directives.problems];
  if (model.truncatedAt !== undefined) {
    const line = model.lines.positionAt(model.truncatedAt).line;
    problems.push({ severity: 'warning', message: `This document has more than ${MAX_UNITS.toLocaleString('en')} paragraphs: only those before line ${line} were checked.`, start: model.truncatedAt, end: model.truncatedAt });
  }
  if (model.frontMatter?.error) problems.push({ severity: 'warning', message: `Front matter ignored: ${model.frontMatter.error}.`, start: model.frontMatter.start, end: model.frontMatter.end });
  const unread = model.frontMatter && !model.frontMatter.error ? unreadDocType(model.frontMatter.data) : undefined;
  if (unread) problems.push({ severity: 'warning', message: `${unread.charAt(0).toUpperCase()}${unread.slice(1)}.`, start: model.frontMatter!.start, end: model.frontMatter!.end });
  if (patternRun.exhausted && patternRun.message) problems.push({ severity: 'warning', message: patternRun.message, start: anchor.start, end: anchor.end });

  // 1. Run the rules. A rule that is not shown still runs when a shown rule yields to it: its findings decide
  // the precedence (registry.ts), so that silencing a rule never hands its problem to another.
  let judged: AnalyzedUnit[] | undefined;
  const judgedUnits = () => (judged ??= analysis.units.filter((u) => u.judged));
  const configured = RULES.map((rule) => {
    const config = effectiveRuleConfig(rule, docType, options.preset, options.rules);
    return { rule, config, shown: config.severity !== 'off' && rule.docTypes.includes(docType) };
  });
  const needed = new Set(configured.filter((c) => c.shown).flatMap((c) => [c.rule.id, ...yieldsTo(c.rule.id)]));
  const runs = new Map<string, RuleRun>();
  for (const { rule, config, shown } of configured) {
    if (!needed.has(rule.id) || !rule.docTypes.includes(docType)) continue;
    const run: RuleRun = { rule, config, shown, options: resolveOptions(rule, config.options), reports: [], paragraphUnits: new Set() };
    const context: RuleContext = {
      analysis,
      options: run.options,
      judgedUnits,
      quote: (unit, span) => {
        const range = span ? inDocument(unit, span) : openingOf(unit);
        return quote(text, range.start, range.end);
      },
      report(input: ReportInput) {
        run.reports.push(input);
        if (input.level === 'paragraph') run.paragraphUnits.add(input.unit.unit.id);
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      // A rule bug must not take the whole lint down: report it and keep the other rules' findings.
      if (shown) problems.push({ severity: 'error', message: `Rule ${rule.id} failed: ${(error as Error).message}`, start: anchor.start, end: anchor.end });
    }
    runs.set(rule.id, run);
  }

  // 2. Place the findings of the rules shown: precedence, levels, comments, then ranges and severities.
  for (const run of runs.values()) {
    if (!run.shown) continue;
    const { rule, options: ruleOptions } = run;
    const winners = yieldsTo(rule.id).map((id) => runs.get(id)).filter((w): w is RuleRun => !!w);
    for (const input of run.reports) {
      if (input.level === 'paragraph' && ruleOptions.paragraphs === false) continue;
      if (input.level === 'document' && ruleOptions.document === false) continue;
      // One problem, one finding: the rule this one yields to found its problem in the same paragraph.
      if (input.level === 'paragraph' && winners.some((w) => w.paragraphUnits.has(input.unit.unit.id))) continue;
      const range = input.level === 'document' ? anchor : paragraphRange(input.unit, input.hit);
      const unitId = input.level === 'paragraph' ? input.unit.unit.id : undefined;
      if (directives.isSuppressed(rule.id, range.start, input.level, unitId)) continue;
      const lessons = input.lessons ?? rule.lessons;
      const paragraphSeverity = ruleOptions.paragraphSeverity as Finding['severity'] | undefined;
      findings.push({
        ruleId: rule.id,
        // A profile may report a rule's single paragraphs more quietly than its document finding.
        severity: input.level === 'paragraph' && paragraphSeverity ? paragraphSeverity : (run.config.severity as Finding['severity']),
        message: composeMessage(input.found, input.missing, input.why, lessons),
        found: sentence(input.found),
        missing: sentence(input.missing),
        why: `${input.why.trim().replace(/[.]$/, '')} (${citeLessons(lessons)}).`,
        start: range.start,
        end: Math.max(range.end, range.start),
        level: input.level,
        lessons,
        unitId,
        evidence: (input.evidence ?? []).map(placeEvidence),
        fixes: input.fixes ?? [],
      });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { findings, problems, docType, docTypeSource, analysis };
}

export { getLesson };
