/**
 * Property-based robustness: random, binary-looking, deeply nested and 1 MB inputs never make the parser or a
 * rule throw, never take more than a second, and every range stays inside the text.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { lintText, type LintResult } from '../src/core/lint';
import { buildModel } from '../src/core/model/model';
import { DOC_TYPES } from '../src/core/analysis';

const MB = 1_000_000;

function checkResult(text: string, result: LintResult): void {
  const model = result.analysis.model;
  assert.equal(model.masked.length, text.length, 'masked text keeps every offset');
  let previousStart = -1;
  for (const unit of model.units) {
    assert.ok(unit.start >= 0 && unit.end <= text.length && unit.start < unit.end, `unit range ${unit.start}-${unit.end}`);
    assert.ok(unit.contentStart >= unit.start && unit.contentStart <= unit.end);
    assert.ok(unit.start >= previousStart, 'units are in document order');
    previousStart = unit.start;
  }
  for (const f of result.findings) {
    assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, `${f.ruleId} range ${f.start}-${f.end} outside 0-${text.length}`);
    assert.ok(f.message.length > 40 && f.found && f.missing && f.why);
    for (const e of f.evidence) assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end);
    if (f.level === 'paragraph') assert.ok(model.units.some((u) => f.start >= u.start && f.start <= u.end), 'paragraph findings sit in a unit');
  }
  for (const p of result.problems) assert.ok(p.start >= 0 && p.end <= text.length);
}

/** Lints and checks the result's shape. Speed is measured by `npm run bench` (time for 2n against n), not here. */
function lintChecked(text: string, format: 'markdown' | 'plaintext', docType?: (typeof DOC_TYPES)[number]): void {
  checkResult(text, lintText(text, { format, docType, cacheFacts: false }));
}

const VOCABULARY = [
  'Requests', 'Decides', 'Urges the Government', '*Recalling*', '**Stressing**', 'The Security Council,', 'MINUKAL', 'the Mission',
  'to train and equip', 'the national army', 'national police', 'gendarmerie', 'defence and security forces (KDSF)', 'KDSF',
  'security sector reform', 'restructuring', 'integration of former combatants', 'civilian oversight', 'accountability',
  'human rights due diligence policy', 'vetting', 'women', "women's full, equal and meaningful participation", 'sexual violence',
  'survivors', 'benchmarks', 'by 30 June 2026', 'report on progress', 'not limited to training', 'including in human rights',
  'redeployment', 'logistical support', 'drawdown', 'transition', 'resolution 2151 (2014) on security sector reform', 'rule of law',
  'the Mission’s equipment', 'peacekeepers', 'country team', '(a)', '(ii)', '1.', '- ', '# ', '> ', '<!-- mandate-lint-disable -->',
  '<!-- mandate-lint-disable-next-paragraph missing-gender -->', '---', '```', ',', ';', ':', '.', '...', '(', ')', '[', ']',
];

const draftLike = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '\r\n', '\t', '')), { maxLength: 120 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(''));

describe('robustness (property-based)', () => {
  it('lints arbitrary Unicode text in both formats without throwing, with ranges inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.constantFrom('markdown' as const, 'plaintext' as const), (text, format) => {
        lintChecked(text, format);
      }),
      { numRuns: 300 },
    );
  });

  it('lints random draft-like documents under every document type', () => {
    fc.assert(
      fc.property(draftLike, fc.constantFrom('markdown' as const, 'plaintext' as const), fc.constantFrom(...DOC_TYPES), (text, format, docType) => {
        lintChecked(text, format, docType);
      }),
      { numRuns: 400 },
    );
  });

  it('lints binary-looking input decoded as UTF-8 and as Latin-1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        lintChecked(new TextDecoder('utf-8').decode(bytes), 'markdown');
        lintChecked(Buffer.from(bytes).toString('latin1'), 'plaintext');
      }),
      { numRuns: 150 },
    );
  });

  it('survives deep nesting of quotes, lists, brackets and emphasis', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('> ', '- ', '  - ', '1. ', '(', '[', '*', '_', '<!--', '`', '\\'),
        fc.integer({ min: 50, max: 6000 }),
        fc.boolean(),
        (unit, depth, lines) => {
          const nested = lines ? Array.from({ length: depth }, (_, i) => unit.repeat(i % 200) + 'police reform').join('\n') : unit.repeat(depth) + 'train the army';
          const text = nested.slice(0, MB);
          lintChecked(text, 'markdown');
          lintChecked(text, 'plaintext');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('lints 1 MB inputs without failing', () => {
    fc.assert(
      fc.property(draftLike.filter((s) => s.length > 10), fc.constantFrom('markdown' as const, 'plaintext' as const), (fragment, format) => {
        lintChecked(fragment.repeat(Math.ceil(MB / fragment.length)).slice(0, MB), format);
      }),
      { numRuns: 6 },
    );
  });

  const adversarial: Record<string, string> = {
    'one paragraph': 'Requests the Mission to train and equip the national army ',
    'short lines': 'a\n',
    'numbered items': '1. a\n',
    'bullets': '- a\n',
    'blank-separated paragraphs': 'train police reform\n\n',
    'link labels': '[',
    'escapes': '\\',
    'entities': '&amp;',
    'images': '![',
    'html': '<a ',
    'lazy quotes': '> a\nb\n',
    'setext headings': 'a\n=\n',
    'emphasis runs': '*a **b _c',
    'markers': '(a) (b) (i) 1. 2) ',
    'carriage returns': 'a\r',
    // A force's acronym thousands of times in one paragraph (a pasted table): each is placed in its sentence.
    'force acronyms': 'defence and security forces (KDSF)\t',
    // Found by the 1 MB property above: thousands of clauses, or of exits beside forces, in one paragraph.
    'clauses in one line': '1. **Stressing** restructuring\t',
    'exits beside forces': 'drawdown defence and security forces (KDSF) :',
    // Each public-order phrase read against every institution before it, each force against every withdrawal.
    'law and order beside a mission': 'UNMIKA shall maintain law and order and the police ',
    'withdrawals beside forces': 'the withdrawal of the Ruvanian forces and the army shall be withdrawn from ',
  };
  for (const [name, unit] of Object.entries(adversarial)) {
    it(`lints 1 MB of ${name} without failing`, () => {
      const text = unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
      lintChecked(text, 'markdown');
      lintChecked(text, 'plaintext');
    });
  }

  it('builds a model whose units tile the text in order for any input', () => {
    fc.assert(
      fc.property(draftLike, (text) => {
        const model = buildModel(text, 'markdown');
        for (let i = 1; i < model.units.length; i++) assert.ok(model.units[i].start >= model.units[i - 1].end || model.units[i].start >= model.units[i - 1].start);
      }),
      { numRuns: 200 },
    );
  });
});
