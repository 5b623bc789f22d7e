import type { AnalyzedUnit, DocType, DocumentAnalysis } from '../analysis';

export type Severity = 'error' | 'warning' | 'info';

/** A stretch of a unit's text (a hit, a back-reference), in offsets relative to the unit's content. */
export interface Span {
  start: number;
  end: number;
}

/** Evidence placed in the document: absolute offsets. */
export interface Evidence {
  start: number;
  end: number;
  message: string;
}

/** Evidence as a rule reports it: a hit in a unit, or the unit itself. lint.ts places it. */
export interface EvidenceInput {
  unit: AnalyzedUnit;
  hit?: Span;
  message: string;
}

/** A clause the editor can offer to insert, by snippet id, after a unit. */
export interface FixSuggestion {
  snippet: string;
  /** Insert as a new paragraph after this unit. */
  afterUnit: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** found + missing + why, one short sentence each. */
  message: string;
  found: string;
  missing: string;
  why: string;
  start: number;
  end: number;
  level: 'paragraph' | 'document';
  lessons: string[];
  unitId?: number;
  evidence: Evidence[];
  fixes: FixSuggestion[];
}

interface ReportCommon {
  found: string;
  missing: string;
  /** Why it matters, without the citation: the rule's lessons are cited after it. */
  why: string;
  evidence?: EvidenceInput[];
  fixes?: FixSuggestion[];
  /** Lessons for this finding when they differ from the rule's. */
  lessons?: string[];
}

/**
 * A finding on one paragraph, anchored on a hit of the unit (offsets relative to the unit, as hits have them) or,
 * with no hit, on the unit itself (its opening verb, else its first words). lint.ts computes the document range.
 */
export interface ParagraphReport extends ReportCommon {
  level: 'paragraph';
  unit: AnalyzedUnit;
  hit?: Span;
}

/** A finding on the whole document: it has no range of its own; lint.ts puts it on the title line. */
export interface DocumentReport extends ReportCommon {
  level: 'document';
}

export type ReportInput = ParagraphReport | DocumentReport;

/** Rule options after defaults: every option the rule's schema declares, with its configured or default value. */
export type RuleOptions = Record<string, unknown>;

export interface RuleContext<O extends object = RuleOptions> {
  analysis: DocumentAnalysis;
  /** The rule's options, validated against its schema and completed with the schema's defaults. */
  options: Readonly<O>;
  report(input: ReportInput): void;
  /** The units that paragraph rules judge (SSR content, in scope for the document type). */
  judgedUnits(): AnalyzedUnit[];
  /** Text of a hit or other span of a unit, for quoting in messages (shortened); with no span, the unit's opening words. */
  quote(unit: AnalyzedUnit, span?: Span): string;
}

export interface RuleDocs {
  /** One line for rule lists, SARIF and hovers. */
  summary: string;
  /** What the rule finds, in a few words (lower case, no full stop): the README's table of rules (npm run docs). */
  finds: string;
  /** What good language looks like, for hovers and help text. */
  goodPractice: string;
  /** The options the rule takes, by name: what each does and its default (from the rule's options schema). */
  options?: Record<string, string>;
}

/** One option in a rule's options schema (a subset of JSON Schema: a scalar with its bounds). */
export interface OptionSchema {
  type: 'boolean' | 'integer' | 'number' | 'string';
  enum?: ReadonlyArray<string | number | boolean>;
  minimum?: number;
  maximum?: number;
  default?: string | number | boolean;
  description: string;
}

/** The JSON schema of a rule's options object. */
export interface RuleOptionsSchema {
  type: 'object';
  properties: Record<string, OptionSchema>;
  additionalProperties: false;
}

export interface Rule<O extends object = RuleOptions> {
  id: string;
  title: string;
  defaultSeverity: Severity | 'off';
  docTypes: DocType[];
  lessons: string[];
  /** The levels the rule reports findings at (its `context.report` calls): the docs pages say so (npm run docs). */
  levels: ReadonlyArray<Finding['level']>;
  docs: RuleDocs;
  /** JSON schema of the options the rule takes (`[severity, options]` in configuration), when it takes any. */
  options?: RuleOptionsSchema;
  check(context: RuleContext<O>): void;
}
