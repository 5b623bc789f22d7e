import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import coreLexicon from '../../data/lexicon/core.json';
import { buildModel } from '../../src/core/model/model';
import type { LexiconSpec } from '../../src/core/lexicon/lexicon';
import { parseAndValidate } from '../../src/core/config/validate';
import lexiconSchema from '../../schemas/lexicon.schema.json';
import { compileLexicons, sortNearlySorted } from '../../src/core/lexicon/lexicon';
import { checkRegexSafety } from '../../src/core/lexicon/regex-safety';
import { lemmaCandidates, normalizeWord, tokenize } from '../../src/core/lexicon/tokenize';
import { clearFactsCache, computeFacts } from '../../src/core/facts';
import { getDefaultLexicon } from '../../src/core/lint';

function hits(text: string, concept: string) {
  const facts = computeFacts(text, getDefaultLexicon(), false);
  return facts.hits.filter((h) => h.concept === concept);
}

function phrases(text: string, concept: string): string[] {
  return hits(text, concept).map((h) => text.slice(h.start, h.end));
}

describe('lexicon matching', () => {
  it('normalises spelling and proposes base forms', () => {
    assert.equal(normalizeWord('Defense'), 'defence');
    assert.equal(normalizeWord('stabilisation'), 'stabilization');
    assert.ok(lemmaCandidates('equipping').includes('equip'));
    assert.ok(lemmaCandidates('trained').includes('train'));
    assert.ok(lemmaCandidates("women's").includes('women'));
    assert.ok(lemmaCandidates('capacities').includes('capacity'));
  });

  it('matches inflections, hyphen and dash variants and US spelling', () => {
    assert.deepEqual(phrases('It trains, equips and mentors the battalions.', 'capability'), ['trains', 'equips', 'mentors']);
    assert.deepEqual(phrases('a train–and–equip programme', 'capability'), ['train–and–equip']);
    assert.deepEqual(phrases('support to the defense and security forces', 'security-institution'), ['defense and security forces']);
    assert.deepEqual(phrases('through capacity building', 'capability'), ['capacity building']);
  });

  it('allows the gaps a phrase declares ("judicial ~2 institutions")', () => {
    assert.deepEqual(phrases('judicial and parliamentary institutions', 'security-institution'), ['judicial and parliamentary institutions']);
    assert.deepEqual(phrases('the full, equal and meaningful participation of women', 'gender').length > 0, true);
  });

  it('does not let a phrase run across a clause break', () => {
    assert.deepEqual(phrases('the judicial; and other institutions', 'security-institution'), []);
  });

  it('does not let a gap start or run across a comma ("state-building, institutional capacity")', () => {
    assert.deepEqual(phrases('progress on state-building, institutional capacity remains weak', 'capability'), []);
    assert.deepEqual(phrases('to build, over time, capacity', 'capability'), []);
    assert.deepEqual(phrases('to build the operational capacity of the police', 'capability'), ['build the operational capacity']);
    // The comma that closes a parenthesis after a preposition does not end the phrase.
    assert.deepEqual(phrases('responsibility for, and ownership of, the reform of its police', 'ownership'), ['ownership of, the reform']);
  });

  it('does not let a phrase written without a comma match words a comma separates ("security, governance and development")', () => {
    assert.deepEqual(phrases('benchmarks for security, governance and development goals', 'ssr-explicit'), []);
    assert.deepEqual(phrases('support to security governance in the region', 'ssr-explicit'), ['security governance']);
    // A phrase written with its commas still matches them.
    assert.deepEqual(phrases('the disarmament, demobilization and reintegration programme', 'ddr-term').includes('disarmament, demobilization and reintegration'), true);
  });

  it('does not end a sentence at a title before a name ("Mr. Diallo") or at "No." before a number, only at a real full stop', () => {
    const text = 'During his briefing, Mr. Diallo expressed concern over reports that the police had been armed. Article No. 5 applies.';
    const tokens = tokenize(text);
    const breakAt = (word: string) => tokens.find((t) => t.raw === word)!.breakBefore;
    assert.equal(breakAt('Diallo'), 0);
    assert.equal(breakAt('5'), 0);
    assert.equal(breakAt('Article'), 2);
    assert.equal(tokenize('Mr. von der Schulenburg spoke.').find((t) => t.raw === 'von')!.breakBefore, 0);
    // "No." before a word is the word "no" closing a sentence.
    assert.equal(tokenize('They said No. Then they left.').find((t) => t.raw === 'Then')!.breakBefore, 2);
  });

  it('does not end a sentence at a stop followed by a lower-case word ("borders, 10. strengthening", "e.g. the police")', () => {
    const breakAt = (text: string, word: string) => tokenize(text).find((t) => t.raw === word)!.breakBefore;
    assert.equal(breakAt('the security of borders, 10. strengthening civilian control', 'strengthening'), 1);
    assert.equal(breakAt('other bodies, e.g. the police', 'the'), 1);
    assert.equal(breakAt('the security of borders. Strengthening civilian control', 'Strengthening'), 2);
  });

  it('marks negated capability ("not be limited to training and equipment")', () => {
    // Equipment is materiel: it counts only when supplied, and it is negated here too.
    const found = [...hits('support should not be limited to training and equipment, and should prioritize reform', 'capability'), ...hits('support should not be limited to training and equipment, and should prioritize reform', 'capability-materiel')];
    assert.ok(found.length >= 2);
    assert.ok(found.every((h) => h.negated));
    const plain = hits('support through training and equipment', 'capability');
    assert.ok(plain.every((h) => !h.negated));
    const deadline = hits('no later than June 2026 the army will be trained', 'capability');
    assert.ok(deadline.every((h) => !h.negated), '"no later than" is not a negation');
  });

  it('ends a negation at a comma that opens a condition or frame, not at a comma inside a list', () => {
    const framed = hits('its weapons are not used against any side, on the basis of individual vetting and oversight', 'governance');
    assert.ok(framed.length >= 2);
    assert.ok(framed.every((h) => !h.negated), 'the frame after the comma is about the whole statement');
    const listed = hits('the plan does not include training, vetting or oversight', 'governance');
    assert.ok(listed.length >= 2);
    assert.ok(listed.every((h) => h.negated), 'items of a list after a comma stay negated');
  });

  it('marks human rights taught in a course as a training topic, not as a safeguard', () => {
    const text = 'Provide military training, including in the area of human rights and international humanitarian law, to the brigades';
    const gov = hits(text, 'governance');
    assert.ok(gov.length >= 2 && gov.every((h) => h.trainingTopic));
    const condition = hits('Provide training to the brigades in compliance with human rights due diligence', 'governance');
    assert.ok(condition.some((h) => !h.trainingTopic));
  });

  it("flags the mission's own personnel and equipment", () => {
    assert.ok(hits('the replacement of the Mission’s ageing equipment', 'capability').every((h) => h.missionOwn));
    assert.ok(hits('UNSMIX military and police personnel receive training', 'capability').length >= 1);
    assert.ok(hits('UNSMIX military and police personnel receive training', 'security-institution').every((h) => h.missionOwn));
    assert.ok(hits('support to the national police', 'security-institution').every((h) => !h.missionOwn));
  });

  it('reads mission acronyms, not a party whose name starts like one (UNITA)', () => {
    assert.deepEqual(phrases('UNITAMS will advise the police', 'mission-reference'), ['UNITAMS']);
    assert.deepEqual(phrases('UNMISS and MINUSCA reported', 'mission-reference'), ['UNMISS', 'MINUSCA']);
    assert.deepEqual(phrases("UNITA's generals will join the army", 'mission-reference'), []);
    assert.deepEqual(phrases('The Government and UNITA agree', 'mission-reference'), []);
    assert.deepEqual(phrases('The Government and UNITA agree', 'un-peacekeeping'), []);
    // Missions named in French (ONUB, ONUMOZ) and the Haiti police missions, not a word in capitals ("ONUS").
    assert.deepEqual(phrases('ONUB and ONUMOZ withdrew; MIPONUH stayed', 'mission-reference'), ['ONUB', 'ONUMOZ', 'MIPONUH']);
    assert.deepEqual(phrases('ONUB and ONUMOZ withdrew; MIPONUH stayed', 'un-peacekeeping'), ['ONUB', 'ONUMOZ', 'MIPONUH']);
    assert.deepEqual(phrases('THE ONUS OF REFORM', 'mission-reference'), []);
  });

  it('masks the titles of cited resolutions', () => {
    const text = 'Recalling its resolutions 2151 (2014) and 2553 (2020) on security sector reform, and 1325 (2000) on women, peace and security, 2086 (2013) on peacekeeping,';
    assert.ok(hits(text, 'ssr-explicit').every((h) => h.citation));
    assert.ok(hits(text, 'gender').every((h) => h.citation));
    assert.ok(hits('the importance of security sector reform', 'ssr-explicit').every((h) => !h.citation));
  });

  it('tags women and sexual violence with their framing', () => {
    const victim = hits('taking into account the particular needs of women and children', 'women');
    assert.ok(victim[0].contexts.includes('victim'));
    const accountability = hits('to combat impunity for perpetrators of sexual and gender-based violence', 'sgbv');
    assert.ok(accountability[0].contexts.includes('accountability'));
    const headcount = hits('to increase the number of women in the police', 'women');
    assert.ok(headcount[0].contexts.includes('headcount') && headcount[0].contexts.includes('uniform'));
  });

  it("reads a plan's military personnel as its forces, a Council text's as the mission's, and caches each reading apart", () => {
    clearFactsCache();
    const text = 'Training of military personnel will be expanded';
    const concepts = (national: boolean) => computeFacts(text, getDefaultLexicon(), true, national).hits.filter((h) => text.slice(h.start, h.end) === 'military personnel').map((h) => h.concept);
    assert.deepEqual(concepts(true), ['national-force', 'security-ground', 'security-institution']);
    assert.deepEqual(concepts(false), ['mission-asset']);
    assert.deepEqual(concepts(true), ['national-force', 'security-ground', 'security-institution']);
  });

  it('finds deadlines and paragraph references', () => {
    const facts = computeFacts('progress in implementing paragraphs 2 to 4 shall be measured, with vetting completed by 31 December 2025 and a review within six months', getDefaultLexicon(), false);
    assert.deepEqual(facts.paragraphRefs, [2, 3, 4]);
    assert.deepEqual(facts.deadlines.map((d) => d.text), ['by 31 December 2025', 'within six months']);
  });

  it('reads every number of a list of paragraphs, and "and" as a list, not a range', () => {
    const refs = (text: string) => computeFacts(text, getDefaultLexicon(), false).paragraphRefs;
    assert.deepEqual(refs('progress in implementing paragraphs 2, 4 and 6'), [2, 4, 6]);
    assert.deepEqual(refs('the tasks in paragraphs 4 and 7 above'), [4, 7]);
    assert.deepEqual(refs('paragraphs 3-5 and 8'), [3, 4, 5, 8]);
    assert.deepEqual(refs('paragraphs 3 through 5, or 9'), [3, 4, 5, 9]);
    assert.deepEqual(refs('paragraphs 3 and 4, 20 troops'), [3, 4], 'a count after the list is no paragraph');
    assert.deepEqual(refs('paragraph 2 (c) and paragraph 3'), [3], 'a sub-paragraph is a sub-reference');
    assert.deepEqual(refs('the implementation of OP3 and OPs 5 to 6'), [3, 5, 6], 'as drafts numbered "OP1." write them');
  });

  it('adds team terms to a concept, and excludes phrases a team marks as exclusions', () => {
    const lexicon = compileLexicons([
      { name: 'core', spec: { concepts: [{ id: 'capability', terms: ['train'] }] } },
      { name: 'team', spec: { concepts: [{ id: 'capability', terms: ['drill instruction'], exclude: ['train the trainers'] }] } },
    ]);
    const text = 'drill instruction and train the trainers';
    const found = lexicon.match(text, tokenize(text)).map((h) => text.slice(h.start, h.end));
    assert.deepEqual(found, ['drill instruction']);
  });

  it('lets a phrase written both with and without a comma match across one, in either order and in exclusions', () => {
    const match = (terms: string[], exclude: string[], text: string) =>
      compileLexicons([{ name: 'team', spec: { concepts: [{ id: 'capability', terms, exclude }] } }])
        .match(text, tokenize(text))
        .map((h) => text.slice(h.start, h.end));
    for (const spellings of [['armies trained', 'armies, trained'], ['armies, trained', 'armies trained']]) {
      assert.deepEqual(match(spellings, [], 'large armies, trained for war'), ['armies, trained']);
      assert.deepEqual(match(spellings, [], 'large armies trained for war'), ['armies trained']);
      assert.deepEqual(match(['trained'], spellings.map((s) => s + ' for'), 'large armies, trained for war'), []);
    }
    // Written without a comma only, it still does not span one.
    assert.deepEqual(match(['armies trained'], [], 'large armies, trained for war'), []);
  });

  it('excludes the phrases of a shared exclusion from every concept it names, and says which concepts it does not know', () => {
    // The team names built-in concepts and its own ("local-force"); "no-such-concept" is neither.
    const lexicon = compileLexicons([
      { name: 'core', spec: { concepts: [{ id: 'national-force', terms: ['soldiers'] }, { id: 'defence-term', terms: ['soldier'] }, { id: 'other', terms: ['soldiers'] }] } },
      { name: 'team', spec: { concepts: [{ id: 'local-force', terms: ['child soldiers'] }], exclusions: [{ concepts: ['national-force', 'defence-term', 'local-force', 'no-such-concept'], phrases: ['child soldiers'], note: 'child protection' }] } },
    ]);
    const text = 'soldiers and child soldiers';
    const found = lexicon.match(text, tokenize(text)).map((h) => `${h.concept}:${text.slice(h.start, h.end)}`);
    assert.deepEqual(found.sort(), ['defence-term:soldiers', 'national-force:soldiers', 'other:soldiers', 'other:soldiers'].sort());
    assert.deepEqual(lexicon.problems.map((p) => [p.lexicon, p.concept, p.message]), [['team', 'no-such-concept', 'a shared exclusion names this concept, which no lexicon defines']]);
    // The same phrases listed under each concept compile to the same lexicon.
    const listed = compileLexicons([
      { name: 'core', spec: { concepts: [{ id: 'national-force', terms: ['soldiers'] }, { id: 'defence-term', terms: ['soldier'] }, { id: 'other', terms: ['soldiers'] }] } },
      { name: 'team', spec: { concepts: [{ id: 'national-force', exclude: ['child soldiers'] }, { id: 'defence-term', exclude: ['child soldiers'] }] } },
    ]);
    assert.deepEqual(listed.match(text, tokenize(text)).map((h) => `${h.concept}:${text.slice(h.start, h.end)}`).sort(), found.sort());
  });

  it('tries a pattern with "requires" only where one of its words is, even inside a longer word', () => {
    const lexicon = compileLexicons([{ name: 'team', spec: { concepts: [{ id: 'ministry', terms: [{ pattern: '\\b(?:MoD|MINDEF)\\b', requires: ['MoD', 'mindef'] }] }] } }]);
    assert.deepEqual(lexicon.problems, []);
    const found = (text: string) => lexicon.match(text, tokenize(text)).map((h) => text.slice(h.start, h.end));
    assert.deepEqual(found('Support to the MoD and the MINDEF.'), ['MoD', 'MINDEF']);
    // An expression's word boundary also falls inside what is one word here: the gate opens there too.
    assert.deepEqual(found("the MoD's budget, MoD&MoI, éMoD"), ['MoD', 'MoD', 'MoD']);
    assert.deepEqual(found('the ministry of defence'), []);
    // Wrong "requires": the pattern is refused, with a reason, and the rest loads.
    const wrong = compileLexicons([{ name: 'team', spec: { concepts: [{ id: 'x', terms: [{ pattern: 'a', requires: ['two words'] }, { pattern: 'b', requires: [] as string[] }, 'kept'] }] } }]);
    assert.deepEqual(wrong.problems.map((p) => p.message), ['pattern refused: "requires" takes single words: "two words" is not one', 'pattern refused: "requires" must list one or more words']);
    assert.deepEqual(wrong.match('kept', tokenize('kept')).map((h) => h.concept), ['x']);
    // In a lexicon file, "requires" belongs to a pattern: on a phrase the schema says so.
    const onPhrase = parseAndValidate(JSON.stringify({ concepts: [{ id: 'x', terms: [{ phrase: 'defence', requires: ['defence'] }] }] }), lexiconSchema);
    assert.ok(onPhrase.problems.length > 0);
    assert.deepEqual(parseAndValidate(JSON.stringify({ concepts: [{ id: 'x', terms: [{ pattern: '\\bKDSF\\b', requires: ['KDSF'] }] }] }), lexiconSchema).problems, []);
  });

  it('finds with the built-in patterns\' "requires" exactly what it finds without them, on every paragraph of the corpora and generated text', () => {
    const stripped = JSON.parse(JSON.stringify(coreLexicon), (key, value) => (key === 'requires' ? undefined : value)) as LexiconSpec;
    const gated = getDefaultLexicon();
    const ungated = compileLexicons([{ name: 'core', spec: stripped, trusted: true }]);
    assert.notEqual(gated.fingerprint, ungated.fingerprint);
    const read = (text: string) => {
      const tokens = tokenize(text);
      return [JSON.stringify(gated.match(text, tokens)), JSON.stringify(ungated.match(text, tokens))];
    };
    const root = join(__dirname, '..', '..');
    const folders = [join(root, '..', 'shared', 'corpus', 'docs'), join(root, '..', 'shared', 'seeds'), join(root, 'test', 'corpus-dev', 'docs'), join(root, 'examples')];
    let paragraphs = 0;
    for (const folder of folders.filter((f) => existsSync(f))) {
      for (const file of readdirSync(folder).filter((f) => /\.(?:md|txt)$/.test(f))) {
        const model = buildModel(readFileSync(join(folder, file), 'utf8'), 'markdown', false);
        for (const unit of model.units) {
          const [a, b] = read(model.masked.slice(unit.contentStart, unit.end));
          assert.equal(a, b, `${file}, paragraph ${unit.id}`);
          paragraphs++;
        }
      }
    }
    assert.ok(paragraphs > 1000, `${paragraphs} paragraphs`);
    // Generated text around the words the patterns need, glued to letters, marks and digits as drafts glue them.
    const word = fc.constantFrom('MoD', 'MOD', "MoD's", 'FARDC', 'F-FDTL', 'ANA', 'ana', 'the', 'Force', 'force', 'mandate', 'of', 'MINUSCA', 'SADC', 'Mission', 'Police', 'Act', 'ACT', 'Security', 'irrespective', 'Regardless', 'sex', 'gender', 'discrimination', 'on', 'grounds', 'from', '20', '2019', 'in', 'to', '30', 'UNDP', 'AU', 'EU');
    const glue = fc.constantFrom(' ', ' ', ' ', '  ', ', ', '-', '&', "'", '’', 'é', '_', '2', '(', ') ', '.', '\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, glue), { maxLength: 14 }), (parts) => {
        const [a, b] = read(parts.map(([w, g]) => w + g).join(''));
        assert.equal(a, b);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches words after the first by their exact spelling or their base form, after a gap too, and no other word', () => {
    // Matching skips the lookups of words no phrase has: each kind of later word must still be found.
    const lexicon = compileLexicons([
      {
        name: 'team',
        spec: {
          concepts: [
            { id: 'exact', terms: [{ phrase: 'civilian oversight bodies', inflect: false }] },
            { id: 'inflected', terms: ['train ~2 battalion', 'vet the recruit'] },
          ],
        },
      },
    ]);
    const text = 'Civilian oversight bodies; civilian oversight body; trained two light battalions; vetting the recruits; vetted a recruit.';
    const found = lexicon.match(text, tokenize(text)).map((h) => `${h.concept}:${text.slice(h.start, h.end)}`);
    assert.deepEqual(found, ['exact:Civilian oversight bodies', 'inflected:trained two light battalions', 'inflected:vetting the recruits']);
  });

  it('starts no phrase or pattern on the word after a negating prefix ("non-military")', () => {
    const lexicon = compileLexicons([
      {
        name: 'team',
        spec: { concepts: [{ id: 'force', terms: ['military capabilities', 'police', { pattern: '\\b[Ss]tate\\b' }] }] },
      },
    ]);
    const text = 'Non-military capabilities, non‑police duties and non-state actors; military capabilities of the State; a non- police role.';
    const found = lexicon.match(text, tokenize(text)).map((h) => text.slice(h.start, h.end));
    // Only a hyphen that joins the prefix to the word negates it ("non- police" is two words).
    assert.deepEqual(found, ['military capabilities', 'State', 'police']);
  });

  it('keeps the lookups of two lexicons apart when both match the same words in turn', () => {
    // Each distinct word remembers one lexicon's lookup: a second lexicon must look the word up again.
    const words = compileLexicons([{ name: 'a', spec: { concepts: [{ id: 'force', terms: ['police', 'army'] }] } }]);
    const phrases_ = compileLexicons([{ name: 'b', spec: { concepts: [{ id: 'reform', terms: ['police reform', 'trained army'] }] } }]);
    const text = 'Supports police reform and a trained army, and the police.';
    const tokens = tokenize(text);
    const read = (lexicon: typeof words) => lexicon.match(text, tokens).map((h) => `${h.concept}:${text.slice(h.start, h.end)}`);
    const expectedWords = ['force:police', 'force:army', 'force:police'];
    const expectedPhrases = ['reform:police reform', 'reform:trained army'];
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(read(words), expectedWords);
      assert.deepEqual(read(phrases_), expectedPhrases);
      // A text tokenized again shares the words, and so the lookups, of the first.
      assert.deepEqual(words.match(text, tokenize(text)).map((h) => `${h.concept}:${text.slice(h.start, h.end)}`), expectedWords);
    }
  });

  it('refuses hostile regular expressions and keeps the rest of the lexicon working', () => {
    const lexicon = compileLexicons([
      {
        name: 'team',
        spec: {
          concepts: [
            {
              id: 'capability',
              terms: [{ pattern: '(a+)+$' }, { pattern: '(x|xy)*z' }, { pattern: '(\\w+)\\1' }, { pattern: '[' }, { pattern: '\\bdrone(s)?\\b' }, 'patrol boats'],
            },
          ],
        },
      },
    ]);
    assert.equal(lexicon.problems.length, 4);
    assert.ok(lexicon.problems.every((p) => /refused/.test(p.message)));
    const text = 'drones and patrol boats ' + 'a'.repeat(5000) + '!';
    const run = lexicon.beginDocument();
    const found = lexicon.match(text, tokenize(text)).map((h) => text.slice(h.start, h.end));
    assert.deepEqual(found, ['drones', 'patrol boats']);
    // Only the safe pattern ran, in linear work: one search of each piece of the paragraph, one more after its hit.
    assert.equal(run.exhausted, false);
    assert.equal(run.execCalls, 3);
    assert.ok(run.charsScanned <= 2 * text.length, `${run.charsScanned} characters scanned`);
  });

  it('judges regular expressions for backtracking risk', () => {
    for (const bad of ['(a+)+', '(a*)*b', '(.*a){2,}', '(a|aa)+', '(?<=x)y', '\\k<n>', '\\w*a\\w*X', '(?:a|a){1,30}b']) assert.equal(checkRegexSafety(bad).ok, false, bad);
    for (const good of ['\\btrain(s|ed|ing)?\\b', 'S/RES/\\d{4}', '[A-Z]{2,6}', '(foo|bar) baz']) assert.equal(checkRegexSafety(good).ok, true, good);
  });

  it('sorts hits as the built-in stable sort does, whether they come nearly in order or far from it', () => {
    // Items equal under the comparison keep their first order: the tag tells them apart.
    const item = fc.record({ start: fc.integer({ min: 0, max: 12 }), end: fc.integer({ min: 0, max: 4 }), tag: fc.nat() });
    const byStartThenLongest = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start - b.start || b.end - a.end;
    const check = (items: Array<{ start: number; end: number; tag: number }>) => {
      const expected = [...items].sort(byStartThenLongest);
      const actual = [...items];
      sortNearlySorted(actual, byStartThenLongest);
      assert.deepEqual(actual, expected);
    };
    // Short lists, and long ones far from order: there the insertion sort runs out of moves and hands over.
    fc.assert(fc.property(fc.array(item, { maxLength: 20 }), check), { numRuns: 300 });
    fc.assert(fc.property(fc.array(item, { minLength: 80, maxLength: 300 }), check), { numRuns: 300 });
    // Nearly in order, as the trie walk gives them: sorted runs with a few items out of place.
    fc.assert(
      fc.property(fc.array(item, { maxLength: 300 }), fc.array(item, { maxLength: 5 }), (sorted, stray) => check([...sorted.sort(byStartThenLongest), ...stray])),
      { numRuns: 500 },
    );
  });
});
