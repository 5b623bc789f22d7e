import { strict as assert } from 'node:assert';
import { getDefaultLexicon } from '../../src/core/lint';
import { tokenize } from '../../src/core/lexicon/tokenize';
import { groupByConcept, readUnit, ROLES } from '../../src/core/reading';

/** The role the clause reader gives the first word of `phrase` in `text` ('core' when it gives none). */
function roleOfPhrase(text: string, phrase: string): string {
  const tokens = tokenize(text);
  const raw = getDefaultLexicon().match(text, tokens);
  const reading = readUnit(text, tokens, raw, groupByConcept(raw));
  const at = text.indexOf(phrase);
  assert.ok(at >= 0, phrase);
  const t = tokens.findIndex((token) => token.start === at);
  return ROLES[reading.roleOf[t]];
}

describe('agents and targets of the clause reader', () => {
  it('gives every institution of a list after "by" or "against" the cue\'s role', () => {
    const launched = 'The members of the Council condemned the looting that followed the launch by MINUKAL, the Kadoran Armed Forces and the National Police of a joint operation.';
    assert.equal(roleOfPhrase(launched, 'Armed Forces'), 'agent');
    assert.equal(roleOfPhrase(launched, 'National Police'), 'agent');
    const attacks = 'Condemns the attacks against the national army, the national police and the gendarmerie in the north.';
    assert.equal(roleOfPhrase(attacks, 'army'), 'target');
    assert.equal(roleOfPhrase(attacks, 'police'), 'target');
    assert.equal(roleOfPhrase(attacks, 'gendarmerie'), 'target');
  });

  it('ends the list where other words come between the institutions', () => {
    const text = 'Condemns the abuses committed by the national army in the north, and requests the Mission to support the national police.';
    assert.equal(roleOfPhrase(text, 'army'), 'agent');
    assert.equal(roleOfPhrase(text, 'police'), 'core');
    const owned = 'Notes that the weapons held by the army and the police must be registered.';
    assert.equal(roleOfPhrase(owned, 'army'), 'core');
    assert.equal(roleOfPhrase(owned, 'police'), 'core');
  });
});
