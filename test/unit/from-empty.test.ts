/**
 * Issue 13: a draft written from an empty file with the structural clauses of the library (the frame, preambular
 * and operative paragraphs, priority tasks, task sub-paragraphs, a reporting request) and quick fixes only. The
 * story of test/helpers/from-empty.ts replayed in the core, as the editor would apply each completion and fix.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { clauseCompletionsAt, type PlacedClause } from '../../src/core/completion';
import { applyEdits, emphasisOfDraft, fixesFor } from '../../src/core/fixes';
import { lintText } from '../../src/core/lint';
import { documentPlaceholders, type Snippet } from '../../src/core/snippets';
import core from '../../data/snippets/core.json';
import { EXPECTED_FILE, FIXED_RULES, numberingProblems, STORY, type FixStep, type SnippetStep } from '../helpers/from-empty';

const library = core.snippets as Snippet[];
const lint = (text: string) => lintText(text, { format: 'markdown', docType: 'mandate', cacheFacts: false });

/** The completions offered with the cursor at `cursor`. */
function offered(text: string, cursor: number): PlacedClause[] {
  return clauseCompletionsAt(lint(text).analysis, library, text.lastIndexOf('\n', cursor - 1) + 1, cursor);
}

/** The text after accepting `item` typed up to `cursor`, with `stops` typed into its tab stops. */
function accept(text: string, cursor: number, item: PlacedClause, stops: string[] = []): string {
  const plain = item.body
    .replace(/\$\{(\d+):((?:\\.|[^}\\])*)\}/g, (_, n: string, fallback: string) => stops[Number(n) - 1] ?? fallback)
    .replace(/\$0/, '')
    .replace(/\\(.)/g, '$1');
  return applyEdits(text, [...item.additionalEdits, { start: item.replaceStart, end: cursor, newText: plain }]);
}

/** The line that starts with `start`: its start and end offsets. */
function lineOf(text: string, start: string): { start: number; end: number } {
  const at = text.startsWith(start) ? 0 : text.indexOf(`\n${start}`) + 1;
  assert.ok(at > 0 || text.startsWith(start), `a line starts with "${start}"`);
  const end = text.indexOf('\n', at);
  return { start: at, end: end < 0 ? text.length : end };
}

function snippetStep(text: string, step: SnippetStep): string {
  // A new line after the paragraph, a blank line on either side, and the drafter types there.
  let at = 0;
  if (step.after !== undefined) {
    const { end } = lineOf(text, step.after);
    text = `${text.slice(0, end)}\n\n${text.slice(end)}`;
    at = end + 2;
  }
  text = text.slice(0, at) + step.typed + text.slice(at);
  const cursor = at + step.typed.length;
  const items = offered(text, cursor);
  const item = items.find((i) => i.snippet.id === step.id);
  assert.ok(item, `${step.id} offered at "${step.typed}"`);
  assert.equal(item.label, step.title);
  assert.equal([...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).filter((i) => (i.snippet.prefix ?? '').startsWith(step.typed.replace(/^\S+ /, '')))[0]?.snippet.id, step.id, 'the clause typed is the first that matches');
  return accept(text, cursor, item, step.stops);
}

function fixStep(text: string, step: FixStep): string {
  const result = lint(text);
  const line = lineOf(text, step.line);
  const cursor = text.indexOf(step.cursorAt, line.start);
  const finding = result.findings.find((f) => f.ruleId === step.rule && f.start <= cursor && cursor <= Math.max(f.end, f.start + 1));
  assert.ok(finding, `a ${step.rule} finding at "${step.cursorAt}": ${result.findings.map((f) => `${f.ruleId}@${f.start}-${f.end}`).join(', ')}`);
  const fix = fixesFor(result.analysis, finding, library).find((f) => f.title === step.title);
  assert.ok(fix, `"${step.title}" among ${fixesFor(result.analysis, finding, library).map((f) => f.title).join(' | ')}`);
  return applyEdits(text, fix.edits);
}

describe('a draft written from an empty file with snippets and quick fixes only', () => {
  it('keeps numbering and references right at every step and ends on the expected draft, without the findings fixed', () => {
    let text = '';
    for (const step of STORY) {
      const before = text;
      text = step.kind === 'snippet' ? snippetStep(text, step) : fixStep(text, step);
      assert.notEqual(text, before, step.name);
      assert.deepEqual(numberingProblems(text), [], `after ${step.name}:\n${text}`);
    }
    assert.equal(text, readFileSync(EXPECTED_FILE, 'utf8'));
    const left = lint(text).findings.filter((f) => FIXED_RULES.includes(f.ruleId));
    assert.deepEqual(left.map((f) => f.ruleId), []);
  });

  it('the bare training task draws the findings the quick fixes then answer', () => {
    let text = '';
    for (const step of STORY.slice(0, STORY.findIndex((s) => s.kind === 'fix'))) text = snippetStep(text, step as SnippetStep);
    const rules = new Set(lint(text).findings.map((f) => f.ruleId));
    for (const rule of FIXED_RULES) assert.ok(rules.has(rule), rule);
    assert.ok(rules.has('train-and-equip-drift') && rules.has('missing-hrddp'));
  });
});

describe('structural clauses', () => {
  it('the frame is offered only in an empty file, first, written in italics with its placeholders as tab stops', () => {
    const frame = offered('ml-res', 6).find((i) => i.snippet.id === 'resolution-frame');
    assert.ok(frame);
    assert.equal(frame.sortText, [...offered('ml-res', 6)].map((i) => i.sortText).sort()[0]);
    assert.match(frame.body, /^---\nmandate-lint: mandate\nmission: \$\{1:the Mission\}\ncountry: \$\{2:the host country\}/);
    assert.match(frame.body, /\n\*Recalling\* its previous resolutions/);
    assert.match(frame.body, /\n1\. \*Decides\* to extend the mandate of \$\{1:the Mission\} until \$\{5:\[date\]\};\n\n2\. \*Decides\* to remain actively seized of the matter\.\$0$/);
    // An empty *.mandate.md has no type of its own yet (the lint may take it for a strategy): the frame is offered all the same.
    const undeclared = lintText('ml-res', { format: 'markdown', cacheFacts: false }).analysis;
    assert.ok(clauseCompletionsAt(undeclared, library, 0, 6).some((i) => i.snippet.id === 'resolution-frame'), `offered to a draft read as a ${undeclared.docType}`);
    const draft = '# Draft resolution: The situation in Kalindor\n\nThe Security Council,\n\nml-res';
    assert.equal(offered(draft, draft.length).find((i) => i.snippet.id === 'resolution-frame'), undefined);
  });

  it('in a file that has only front matter, the frame is filled from it and brings no second front matter', () => {
    const text = '---\nmandate-lint: mandate\nmission: MINUKAL\ncountry: the Republic of Kalindor\n---\n\nml-res';
    const frame = offered(text, text.length).find((i) => i.snippet.id === 'resolution-frame')!;
    assert.ok(frame);
    assert.match(frame.body, /^# Draft resolution: The situation in the Republic of Kalindor\n/);
    assert.match(frame.body, /extend the mandate of MINUKAL until \$\{\d:\[date\]\}/);
  });

  it('an empty Markdown draft takes the library\'s italic verbs; a plain-text one none', () => {
    assert.equal(emphasisOfDraft(lint('').analysis), '*');
    assert.equal(emphasisOfDraft(lint('ml-res').analysis), '*');
    assert.equal(emphasisOfDraft(lintText('', { format: 'plaintext', docType: 'mandate', cacheFacts: false }).analysis), '');
  });

  it('the country comes from the front matter, or from the title', () => {
    assert.equal(documentPlaceholders(lint('---\ncountry: Kalindor\n---\n\n# Draft\n').analysis).country, 'Kalindor');
    assert.equal(documentPlaceholders(lint('# Draft resolution: The situation in the Republic of Kalindor\n\nThe Security Council,\n').analysis).country, 'the Republic of Kalindor');
  });

  it('a task typed after an operative number is a request to the mission; after a letter, a sub-paragraph', () => {
    const base = readFileSync(EXPECTED_FILE, 'utf8');
    const text = `${base.trimEnd()}\n\nml-ddr`;
    const op = offered(text, text.length).find((i) => i.snippet.id === 'task-ddr')!;
    assert.match(op.body, /^7\. \*Requests\* MINUKAL to support the disarmament and demobilization of former combatants/);
    const at = base.indexOf('\n\n(d) to support') + 2;
    const sub = `${base.slice(0, at)}(d) ml-civ\n\n${base.slice(at)}`;
    const out = accept(sub, at + '(d) ml-civ'.length, offered(sub, at + '(d) ml-civ'.length).find((i) => i.snippet.id === 'task-protect-civilians')!);
    assert.match(out, /\n\(d\) to protect civilians under threat of physical violence in the areas where MINUKAL is deployed, [^\n]*;\n\n\(e\) to support the disarmament/);
    assert.deepEqual(numberingProblems(out), []);
  });
});
