/** The labelled corpus in ../shared/corpus: every rule keeps at least the targets and the recorded figures. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCorpus, THRESHOLDS } from '../scripts/eval';

const CORPUS = join(__dirname, '..', '..', 'shared', 'corpus');
const BASELINE = join(__dirname, '..', 'scripts', 'eval-baseline.json');

describe('regression corpus (npm run eval)', () => {
  it('is available at ../shared/corpus', () => {
    assert.ok(existsSync(join(CORPUS, 'docs')), `expected the labelled corpus at ${CORPUS}`);
  });

  const { scores } = existsSync(join(CORPUS, 'docs')) ? evaluateCorpus(CORPUS) : { scores: {} as ReturnType<typeof evaluateCorpus>['scores'] };
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, { precision: number; recall: number }>;

  for (const [rule, recorded] of Object.entries(baseline)) {
    it(`${rule} keeps precision >= ${Math.max(THRESHOLDS.precision, recorded.precision).toFixed(2)} and recall >= ${Math.max(THRESHOLDS.recall, recorded.recall).toFixed(2)}`, () => {
      const score = scores[rule as keyof typeof scores];
      assert.ok(score, `no score for ${rule}`);
      assert.ok(score.precision >= THRESHOLDS.precision && score.precision >= recorded.precision - 1e-9, `precision ${score.precision.toFixed(3)}`);
      assert.ok(score.recall >= THRESHOLDS.recall && score.recall >= recorded.recall - 1e-9, `recall ${score.recall.toFixed(3)}`);
    });
  }
});
