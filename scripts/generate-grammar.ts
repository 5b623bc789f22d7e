/**
 * Writes syntaxes/mandate.tmLanguage.json and syntaxes/mandate.injection.json from the verb lists in
 * data/structure.json, so the highlighting and the parser agree on what opens a paragraph.
 * Run with `npx tsx scripts/generate-grammar.ts`; test/grammar.test.ts fails when the files are out of date.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import structure from '../data/structure.json';

const ADVERBS = '(?:Further|Also|Strongly|Once\\s+again|Again|Firmly)';

function alternatives(words: string[]): string[] {
  return [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map((w) => w.replace(/ /g, '\\s+'));
}

function verbs(words: string[]): string {
  const list = alternatives(words);
  const lower = list.join('|');
  const capitalised = list.map((w) => w[0].toUpperCase() + w.slice(1)).join('|');
  return `(?:${ADVERBS}\\s+(?:${lower})|(?:${capitalised}))`;
}

const operative = verbs(structure.operative);
const preambular = verbs(structure.preambular.filter((w) => !/^(further|also)\b/.test(w)));
const mission = '\\b(?:UN[A-Z]{2,}|MINU[A-Z]{2,}|MONU[A-Z]{1,}|BINU[A-Z]{1,}|BNU[A-Z]{1,}|AMISOM|ATMIS|UNPOL)\\b';
const resolution =
  '\\b(?:S/RES/\\d{3,4}\\s*\\(\\d{4}\\)|S/PRST/\\d{4}/\\d{1,3}|S/\\d{4}/\\d{1,4}|[Rr]esolutions?\\s+\\d{3,4}\\s*\\(\\d{4}\\)(?:(?:,\\s*|\\s+and\\s+)\\d{3,4}\\s*\\(\\d{4}\\))*)';
const SCHEMA = 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json';

export function grammars(): { grammar: object; injection: object } {
  const grammar = {
    $schema: SCHEMA,
    name: 'Mandate draft',
    scopeName: 'text.mandate',
    fileTypes: ['mandate.md', 'mandate.txt'],
    patterns: ['frontmatter', 'comment', 'heading', 'formula', 'operative', 'preambular', 'marker', 'resolution', 'mission', 'emphasis'].map((name) => ({ include: `#${name}` })),
    repository: {
      frontmatter: {
        begin: '\\A---\\s*$',
        end: '^(?:---|\\.\\.\\.)\\s*$',
        name: 'meta.embedded.block.frontmatter',
        beginCaptures: { 0: { name: 'punctuation.definition.tag.begin.frontmatter' } },
        endCaptures: { 0: { name: 'punctuation.definition.tag.end.frontmatter' } },
        patterns: [{ include: 'source.yaml' }],
      },
      comment: {
        begin: '<!--',
        end: '-->',
        name: 'comment.block.html',
        patterns: [{ match: '\\bmandate-lint-(?:disable-next-paragraph|disable-file|disable|enable)\\b', name: 'keyword.other.directive.mandate' }],
      },
      heading: { match: '^(#{1,6})\\s+(.*)$', name: 'markup.heading.mandate', captures: { 1: { name: 'punctuation.definition.heading.mandate' }, 2: { name: 'entity.name.section.mandate' } } },
      formula: { match: '^\\s*(?:[*_]{1,2})?(The Security Council)(?:[*_]{1,2})?\\s*,\\s*$', captures: { 1: { name: 'entity.name.section.formula.mandate' } } },
      operative: {
        match: `^\\s*(?:(\\d{1,3}[.)])\\s*)?([*_]{1,2})?(${operative})\\b([*_]{1,2})?`,
        captures: {
          1: { name: 'constant.numeric.paragraph.mandate' },
          2: { name: 'punctuation.definition.emphasis.mandate' },
          3: { name: 'keyword.control.operative.mandate' },
          4: { name: 'punctuation.definition.emphasis.mandate' },
        },
      },
      preambular: {
        match: `^\\s*([*_]{1,2})?(${preambular})\\b([*_]{1,2})?`,
        captures: { 1: { name: 'punctuation.definition.emphasis.mandate' }, 2: { name: 'keyword.other.preambular.mandate' }, 3: { name: 'punctuation.definition.emphasis.mandate' } },
      },
      marker: { match: '^\\s*(\\((?:[a-z]{1,2}|[ivxlc]{1,6})\\)|\\d{1,3}[.)]|[a-z][.)](?=\\s))', captures: { 1: { name: 'constant.numeric.subparagraph.mandate' } } },
      resolution: { match: resolution, name: 'support.constant.resolution.mandate' },
      mission: { match: mission, name: 'entity.name.type.mission.mandate' },
      emphasis: {
        patterns: [
          { match: '(\\*\\*|__)(?=\\S)(.+?\\S)(\\1)', name: 'markup.bold.mandate' },
          { match: '(?<![\\w*])([*_])(?=\\S)([^*_]+?)(?<=\\S)\\1(?![\\w*])', name: 'markup.italic.mandate' },
        ],
      },
    },
  };
  const injection = {
    $schema: SCHEMA,
    name: 'Mandate draft terms in Markdown',
    scopeName: 'mandate.markdown.injection',
    injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -comment -meta.embedded',
    patterns: [
      { match: `(?<![\\w-])(${operative})(?=[*_]*\\s)`, name: 'keyword.control.operative.mandate' },
      { match: `(?<![\\w-])(${preambular})(?=[*_]*\\s)`, name: 'keyword.other.preambular.mandate' },
      { match: resolution, name: 'support.constant.resolution.mandate' },
      { match: mission, name: 'entity.name.type.mission.mandate' },
      { match: '^\\s*(\\((?:[a-z]{1,2}|[ivxlc]{1,6})\\))(?=\\s)', captures: { 1: { name: 'constant.numeric.subparagraph.mandate' } } },
    ],
  };
  return { grammar, injection };
}

if (require.main === module) {
  const { grammar, injection } = grammars();
  const dir = join(__dirname, '..', 'syntaxes');
  writeFileSync(join(dir, 'mandate.tmLanguage.json'), JSON.stringify(grammar, null, 2) + '\n');
  writeFileSync(join(dir, 'mandate.injection.json'), JSON.stringify(injection, null, 2) + '\n');
  console.log('wrote syntaxes/mandate.tmLanguage.json and syntaxes/mandate.injection.json');
}
