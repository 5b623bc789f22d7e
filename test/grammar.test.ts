/** The TextMate grammar and the Markdown injection, tokenized with VS Code's own engine (vscode-textmate). */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { grammars } from '../scripts/generate-grammar';

const ROOT = join(__dirname, '..');

async function loadRegistry(): Promise<Registry> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const files: Record<string, string> = {
    'text.mandate': join(ROOT, 'syntaxes', 'mandate.tmLanguage.json'),
    'mandate.markdown.injection': join(ROOT, 'syntaxes', 'mandate.injection.json'),
  };
  return new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (files[scope]) return parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]);
      if (scope === 'text.html.markdown') {
        // A minimal host grammar: paragraphs and ordered list items, enough to exercise the injection.
        return parseRawGrammar(JSON.stringify({ scopeName: 'text.html.markdown', patterns: [{ match: '^\\s*\\d+\\.\\s', name: 'punctuation.definition.list.begin.markdown' }, { match: '`[^`]*`', name: 'markup.inline.raw.string.markdown' }] }), 'markdown.json');
      }
      return null;
    },
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['mandate.markdown.injection'] : undefined),
  });
}

function tokens(grammar: IGrammar, line: string): Array<{ text: string; scopes: string[] }> {
  const result = grammar.tokenizeLine(line, INITIAL);
  return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
}

function scopeOf(grammar: IGrammar, line: string, text: string): string[] {
  const token = tokens(grammar, line).find((t) => t.text === text);
  assert.ok(token, `no token "${text}" in ${JSON.stringify(tokens(grammar, line).map((t) => t.text))}`);
  return token.scopes;
}

describe('grammar', () => {
  let mandate: IGrammar;
  let markdown: IGrammar;
  before(async () => {
    const registry = await loadRegistry();
    mandate = (await registry.loadGrammar('text.mandate'))!;
    markdown = (await registry.loadGrammar('text.html.markdown'))!;
  });

  it('highlights operative verbs with their paragraph numbers', () => {
    const line = '3. *Requests* MINUKAL to support the police;';
    assert.ok(scopeOf(mandate, line, 'Requests').includes('keyword.control.operative.mandate'));
    assert.ok(scopeOf(mandate, line, '3.').includes('constant.numeric.paragraph.mandate'));
    assert.ok(scopeOf(mandate, line, 'MINUKAL').includes('entity.name.type.mission.mandate'));
    assert.ok(scopeOf(mandate, 'Further requests the Secretary-General to report;', 'Further requests').includes('keyword.control.operative.mandate'));
  });

  it('highlights preambular participles, sub-paragraph markers and resolution symbols', () => {
    assert.ok(scopeOf(mandate, '*Recalling* its resolution 2553 (2020),', 'Recalling').includes('keyword.other.preambular.mandate'));
    assert.ok(scopeOf(mandate, '*Recalling* its resolution 2553 (2020),', 'resolution 2553 (2020)').includes('support.constant.resolution.mandate'));
    assert.ok(scopeOf(mandate, '(ii) to vet the officers;', '(ii)').includes('constant.numeric.subparagraph.mandate'));
    assert.ok(scopeOf(mandate, 'in line with S/PRST/2018/18 and S/RES/2448 (2018)', 'S/PRST/2018/18').includes('support.constant.resolution.mandate'));
    assert.ok(scopeOf(mandate, 'The Security Council,', 'The Security Council').includes('entity.name.section.formula.mandate'));
  });

  it('does not mark ordinary words', () => {
    const all = tokens(mandate, 'the mission requests nothing and recalls little').flatMap((t) => t.scopes);
    assert.ok(!all.some((s) => s.startsWith('keyword')), JSON.stringify(all));
  });

  it('injects the same terms into Markdown, but not into inline code', () => {
    const line = '1. *Decides* that UNMISS shall apply resolution 2514 (2020); `Requests` stays code';
    assert.ok(scopeOf(markdown, line, 'Decides').includes('keyword.control.operative.mandate'));
    assert.ok(scopeOf(markdown, line, 'UNMISS').includes('entity.name.type.mission.mandate'));
    assert.ok(scopeOf(markdown, line, 'resolution 2514 (2020)').includes('support.constant.resolution.mandate'));
    const code = tokens(markdown, line).find((t) => t.text.includes('Requests'))!;
    assert.ok(!code.scopes.includes('keyword.control.operative.mandate'));
  });
});

describe('grammar files', () => {
  it('are generated from data/structure.json (run scripts/generate-grammar.ts after editing it)', () => {
    const { grammar, injection } = grammars();
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'mandate.tmLanguage.json'), 'utf8')), JSON.parse(JSON.stringify(grammar)));
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'mandate.injection.json'), 'utf8')), JSON.parse(JSON.stringify(injection)));
  });
});
