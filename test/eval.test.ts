/**
 * The labelled corpus in ../shared/corpus, scored as its README says: every rule with enough expected positives
 * meets the floors, and the report shows each document type and level apart.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateCorpus, flooredRules, FLOORS, formatMistakes, formatTable, ratio, total } from '../scripts/eval';

const CORPUS = join(__dirname, '..', '..', 'shared', 'corpus');

describe('regression corpus (npm run eval)', () => {
  it('is available at ../shared/corpus', () => {
    assert.ok(existsSync(join(CORPUS, 'docs')), `expected the labelled corpus at ${CORPUS}`);
  });

  const outcome = existsSync(join(CORPUS, 'docs')) ? evaluateCorpus(CORPUS) : undefined;

  it('judges all three document types', () => {
    assert.ok(outcome);
    assert.ok(outcome.docTypes.mandate > 0 && outcome.docTypes.strategy > 0 && outcome.docTypes['peace-agreement'] > 0, JSON.stringify(outcome.docTypes));
  });

  it('holds the four core rules to the floors', () => {
    assert.ok(outcome);
    const floored = flooredRules(outcome);
    for (const rule of ['missing-governance', 'missing-gender', 'train-and-equip-drift', 'missing-benchmarks']) assert.ok(floored.includes(rule), `${rule} has too few positives for a floor`);
  });

  for (const rule of outcome ? flooredRules(outcome) : []) {
    it(`${rule} meets precision >= ${FLOORS.precision} and recall >= ${FLOORS.recall}`, () => {
      const { precision, recall } = ratio(total(outcome!, rule));
      const errors = outcome!.mistakes.filter((m) => m.rule === rule);
      const detail = formatMistakes({ ...outcome!, mistakes: errors, staleKnown: [] });
      assert.ok(precision >= FLOORS.precision, `precision ${precision.toFixed(3)}\n${detail}`);
      assert.ok(recall >= FLOORS.recall, `recall ${recall.toFixed(3)}\n${detail}`);
    });
  }

  it('prints paragraph and document levels apart, for each document type', () => {
    assert.ok(outcome);
    const table = formatTable(outcome);
    for (const column of ['mandate ¶', 'mandate doc', 'agreement ¶', 'agreement doc', 'strategy ¶', 'strategy doc', 'all']) assert.ok(table.includes(column), column);
  });
});

describe('eval scoring', () => {
  /** A corpus of one invented document, written the way ../shared/corpus is. */
  function corpusOf(doc: string, label: object): string {
    const dir = mkdtempSync(join(tmpdir(), 'mandate-lint-eval-'));
    mkdirSync(join(dir, 'docs'));
    mkdirSync(join(dir, 'labels'));
    writeFileSync(join(dir, 'docs', 'd.md'), doc);
    writeFileSync(join(dir, 'labels', 'd.json'), JSON.stringify(label));
    return dir;
  }

  const doc = '# d\n\n3. *Requests* UNMIKA to provide training and equipment to the Kadoran Armed Forces;\n\n4. *Decides* to remain seized of the matter.\n';
  const paragraphs = [
    { startLine: 3, endLine: 3, ssr: true, expect: { 'missing-governance': false, 'missing-gender': true, 'train-and-equip-drift': true }, why: 'capability only' },
    { startLine: 5, endLine: 5, ssr: false, expect: { 'missing-governance': false, 'missing-gender': false, 'train-and-equip-drift': false }, why: 'closing' },
  ];

  it('counts paragraph and document findings where the README says', () => {
    const dir = corpusOf(doc, {
      docType: 'mandate',
      document: { 'missing-governance': true, 'missing-benchmarks': true, 'missing-gender': true, 'train-and-equip-drift': true },
      paragraphs,
      extra: { 'missing-hrddp': { applies: true, expect: true, why: 'no HRDDP' }, 'dsr-provisions': { applies: false, expect: false } },
    });
    const outcome = evaluateCorpus(dir, { projectLabels: join(dir, 'none.json'), knownErrors: join(dir, 'none.json') });
    assert.deepEqual(total(outcome, 'train-and-equip-drift', 'mandate', 'paragraph'), { tp: 1, fp: 0, fn: 0 });
    assert.deepEqual(total(outcome, 'missing-gender', 'mandate', 'paragraph'), { tp: 1, fp: 0, fn: 0 });
    assert.deepEqual(total(outcome, 'missing-hrddp'), { tp: 1, fp: 0, fn: 0 });
    // A rule that does not apply is not scored.
    assert.equal(outcome.counts['dsr-provisions'], undefined);
    // Benchmarks are judged for the document only.
    assert.equal(total(outcome, 'missing-benchmarks', 'mandate', 'paragraph').tp, 0);
  });

  it('lists each error with the label and a recorded reason', () => {
    const dir = corpusOf(doc, {
      docType: 'mandate',
      document: { 'missing-governance': false, 'missing-benchmarks': false, 'missing-gender': false, 'train-and-equip-drift': false },
      paragraphs: paragraphs.map((p) => ({ ...p, expect: { 'missing-governance': false, 'missing-gender': false, 'train-and-equip-drift': false } })),
    });
    writeFileSync(join(dir, 'known.json'), JSON.stringify({ errors: [{ doc: 'd', line: 3, rule: 'train-and-equip-drift', kind: 'false positive', reason: 'invented for the test' }] }));
    const outcome = evaluateCorpus(dir, { projectLabels: join(dir, 'none.json'), knownErrors: join(dir, 'known.json') });
    const drift = outcome.mistakes.find((m) => m.rule === 'train-and-equip-drift' && m.line === 3);
    assert.ok(drift, 'the drift finding is a false positive against these labels');
    assert.equal(drift.known, 'invented for the test');
    assert.match(formatMistakes(outcome), /d:3 train-and-equip-drift false positive[\s\S]*known: invented for the test/);
  });
});
