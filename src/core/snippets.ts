/**
 * Snippet libraries: clauses (JSON, schemas/snippets.schema.json) rendered as completions, quick fixes and
 * VS Code snippets. Placeholders (${mission}, ${hostState}, ...) are filled from the draft where it says them
 * and become tab stops where it does not.
 */
import type { DocType, DocumentAnalysis } from './analysis';
import { hitsOf } from './analysis';

export type SnippetKind = 'task' | 'operative' | 'preambular' | 'block' | 'frame';

export interface Snippet {
  id: string;
  title: string;
  prefix?: string;
  description?: string;
  kind: SnippetKind;
  body: string | string[];
  inline?: string;
  lessons?: string[];
  fixes?: string[];
  docTypes?: DocType[];
  tags?: string[];
  language?: string;
}

export interface SnippetLibrary {
  name?: string;
  description?: string;
  language?: string;
  snippets: Snippet[];
}

export const PLACEHOLDERS = ['mission', 'country', 'hostState', 'forces', 'date', 'ref', 'period', 'partner', 'ministry'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

/** What a placeholder says when nothing in the draft fills it. */
export const PLACEHOLDER_DEFAULTS: Record<PlaceholderName, string> = {
  mission: 'the Mission',
  country: 'the host country',
  hostState: 'the host authorities',
  forces: 'the national defence and security forces',
  date: '[date]',
  ref: 'paragraph [N]',
  period: 'six months',
  partner: 'international partners',
  ministry: 'the Ministry of Defence',
};

const PLACEHOLDER_RE = /\$\{([A-Za-z][A-Za-z0-9_-]*)\}/g;

export function bodyText(snippet: Snippet): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/** Placeholders a snippet uses that are not in the known list, for library validation. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER_RE)) if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) unknown.add(m[1]);
  return [...unknown];
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER_RE, (_, name: string) => values[name as PlaceholderName] ?? PLACEHOLDER_DEFAULTS[name as PlaceholderName] ?? `[${name}]`);
}

export type SnippetForm = 'operative' | 'subparagraph' | 'activity' | 'paragraph';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The clause as a paragraph of the given form, without number and final punctuation. */
export function renderSnippet(snippet: Snippet, form: SnippetForm, values: PlaceholderValues, emphasis = '*'): string {
  const body = fillPlaceholders(bodyText(snippet), values);
  // Markup closes in the reverse order it opens: "**_Decides_**".
  const closing = [...emphasis].reverse().join('');
  const verb = (v: string) => (emphasis ? `${emphasis}${v}${closing}` : v);
  switch (snippet.kind) {
    case 'task': {
      const mission = values.mission ?? PLACEHOLDER_DEFAULTS.mission;
      if (form === 'operative') return `${verb('Requests')} ${mission} to ${body}`;
      if (form === 'subparagraph') return `to ${body}`;
      if (form === 'activity') return capitalize(body);
      return `${capitalize(mission)} will ${body}`;
    }
    default:
      return emphasis === '*' ? body : body.replace(/\*([A-Za-z][^*\n]{0,40})\*/g, emphasis ? `${emphasis}$1${closing}` : '$1');
  }
}

/** The clause as a VS Code snippet: each distinct placeholder is a tab stop with its default as the choice. */
export function toVsCodeSnippetBody(
  snippet: Snippet,
  form: SnippetForm,
  ending = snippet.kind === 'preambular' ? ',' : snippet.kind === 'block' || snippet.kind === 'frame' ? '' : ';',
  known: PlaceholderValues = {},
  emphasis = '*',
): string[] {
  return (toSnippetSyntax((values) => renderSnippet(snippet, form, values, emphasis), known) + ending + '$0').split('\n');
}

/**
 * Text rendered by `render` in VS Code snippet syntax: the placeholders `known` does not fill become tab stops with
 * their defaults as the choice (one stop per distinct placeholder), and the text's own "$", "}" and "\\" are escaped.
 */
export function toSnippetSyntax(render: (values: PlaceholderValues) => string, known: PlaceholderValues = {}): string {
  // Render with sentinels for the placeholders the draft does not fill, escape snippet syntax in the text, then
  // put the tab stops in.
  const sentinels = Object.fromEntries(PLACEHOLDERS.map((name) => [name, known[name] ?? `\u0000${name}\u0001`])) as PlaceholderValues;
  const escaped = render(sentinels).replace(/[\\$}]/g, '\\$&');
  const order: string[] = [];
  return escaped.replace(/\u0000([A-Za-z]+)\u0001/g, (_, name: string) => {
    if (!order.includes(name)) order.push(name);
    const fallback = (PLACEHOLDER_DEFAULTS[name as PlaceholderName] ?? name).replace(/[\\$}]/g, '\\$&');
    return `\${${order.indexOf(name) + 1}:${fallback}}`;
  });
}

const placeholdersOf = new WeakMap<DocumentAnalysis, PlaceholderValues>();

/**
 * Values the draft itself gives for placeholders: front matter first, then what the text names most often. Read
 * once per analysis (every fix of a lint asks); callers copy the values before changing them.
 */
export function documentPlaceholders(analysis: DocumentAnalysis): PlaceholderValues {
  let values = placeholdersOf.get(analysis);
  if (!values) placeholdersOf.set(analysis, (values = Object.freeze(readPlaceholders(analysis))));
  return values;
}

function readPlaceholders(analysis: DocumentAnalysis): PlaceholderValues {
  const values: PlaceholderValues = {};
  const front = analysis.model.frontMatter?.data ?? {};
  const text = analysis.model.masked.toString();
  const fromFront = (key: string) => (typeof front[key] === 'string' && (front[key] as string).trim() ? (front[key] as string).trim() : undefined);
  values.mission = fromFront('mission');
  values.hostState = fromFront('host-state') ?? fromFront('hostState');
  values.date = fromFront('mandate-end') ?? fromFront('mandateEnd');
  values.forces = fromFront('forces');
  values.country = fromFront('country');

  if (!values.mission) {
    const counts = new Map<string, number>();
    for (const u of analysis.units) {
      for (const h of hitsOf(u, 'mission-reference')) {
        const word = text.slice(u.offset + h.start, u.offset + h.end).replace(/['’]s$/, '');
        if (/^[A-Z]{4,}$/.test(word) && word !== 'UNPOL') counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best) values.mission = best[0];
  }
  if (!values.hostState) {
    const government = /\b(?:the )?Government of (?:the )?((?:Republic of |Democratic Republic of (?:the )?|Federal Republic of )?[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){0,2})/.exec(text);
    if (government) values.hostState = `the Government of ${government[1]}`;
  }
  if (!values.country) {
    // The country the title names ("The situation in the Republic of Kalindor").
    const title = /\bsituation in ((?:the )?[A-Z][A-Za-z'’-]+(?: (?:of )?(?:the )?[A-Z][A-Za-z'’-]+){0,4})\s*$/m.exec(analysis.model.title ? analysis.model.text.slice(analysis.model.title.contentStart, analysis.model.title.end) : '');
    if (title) values.country = title[1];
  }
  if (!values.forces) {
    const acronym = [...analysis.forceAcronyms][0];
    if (acronym) values.forces = `the ${acronym}`;
  }
  for (const key of Object.keys(values) as PlaceholderName[]) if (values[key] === undefined) delete values[key];
  return values;
}

/** Snippets that answer a rule, in library order, restricted to the document type. */
export function snippetsFixing(library: Snippet[], ruleId: string, docType: DocType): Snippet[] {
  return library.filter((s) => (s.fixes ?? []).includes(ruleId) && (!s.docTypes || s.docTypes.includes(docType)));
}
