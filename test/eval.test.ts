/** The labelled corpus in ../shared/corpus: every judged rule keeps the targets and the figures recorded in the repository. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE, evaluateCorpus, THRESHOLDS } from '../scripts/eval';

const CORPUS = join(__dirname, '..', '..', 'shared', 'corpus');

describe('regression corpus (npm run eval)', () => {
  it('is available at ../shared/corpus', () => {
    assert.ok(existsSync(join(CORPUS, 'docs')), `expected the labelled corpus at ${CORPUS}`);
  });

  const outcome = existsSync(join(CORPUS, 'docs')) ? evaluateCorpus(CORPUS) : undefined;
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, { precision: number; recall: number }>;

  it('records a figure for every rule it can judge', () => {
    assert.ok(outcome);
    for (const rule of Object.keys(outcome.scores)) assert.ok(baseline[rule], `${rule} is judged but has no recorded figures: run npm run eval -- --record`);
  });

  for (const [rule, recorded] of Object.entries(baseline)) {
    it(`${rule} keeps precision >= ${Math.max(THRESHOLDS.precision, recorded.precision).toFixed(2)} and recall >= ${Math.max(THRESHOLDS.recall, recorded.recall).toFixed(2)}`, () => {
      const score = outcome?.scores[rule];
      assert.ok(score, `no score for ${rule}`);
      assert.ok(score.precision >= THRESHOLDS.precision && score.precision >= recorded.precision - 1e-9, `precision ${score.precision.toFixed(3)}`);
      assert.ok(score.recall >= THRESHOLDS.recall && score.recall >= recorded.recall - 1e-9, `recall ${score.recall.toFixed(3)}`);
    });
  }

  it('no rule reports outside the SSR content the corpus labels', () => {
    assert.ok(outcome);
    const stray = Object.entries(outcome.scope).filter(([, s]) => s.outOfScope > 0);
    assert.deepEqual(stray, [], outcome.mistakes.filter((m) => /not SSR|no SSR content/.test(m)).join('\n'));
  });
});
