import { strict as assert } from 'node:assert';
import { LruCache } from '../../src/core/text';
import { clearFactsCache, computeFacts, factsCacheBytes, FACTS_CACHE_BYTES } from '../../src/core/facts';
import { getDefaultLexicon } from '../../src/core/lint';

describe('bounded caches', () => {
  it('evicts the oldest entries when the bytes they hold pass the budget, not only the count', () => {
    const cache = new LruCache<string, string>(1000, 100, (k, v) => k.length + v.length);
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, 'x'.repeat(20));
    assert.ok(cache.bytes <= 100, `${cache.bytes} bytes held`);
    assert.equal(cache.get('k0'), undefined, 'the oldest entry was evicted');
    assert.equal(cache.get('k49'), 'x'.repeat(20), 'the newest entry is kept');
    cache.set('huge', 'y'.repeat(500));
    assert.equal(cache.get('huge'), undefined, 'an entry larger than the budget is not kept');
    assert.equal(cache.get('k49'), 'x'.repeat(20), 'and it does not flush the others');
  });

  it('keeps an entry that was read since it was stored when it has to evict (second chance)', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    assert.equal(cache.get('a'), 1);
    cache.set('d', 4);
    assert.equal(cache.get('a'), 1, 'read recently: kept');
    assert.equal(cache.get('b'), undefined, 'the oldest unread entry went');
    assert.equal(cache.size, 3);
  });

  it('keeps the paragraph facts cache under its byte budget while one long paragraph is edited again and again', () => {
    clearFactsCache();
    const lexicon = getDefaultLexicon();
    const paragraph = 'Requests the Mission to support the reform of the national police and the army, in close coordination with partners. '.repeat(1000);
    for (let edit = 0; edit < 40; edit++) computeFacts(`${paragraph} Edit ${edit}.`, lexicon, true);
    assert.ok(factsCacheBytes() <= FACTS_CACHE_BYTES, `${factsCacheBytes()} bytes held`);
    assert.ok(factsCacheBytes() > 0);
    clearFactsCache();
  });
});
