import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, fixesFor } from '../../server/src/core/fixes';
import { lintText } from '../../server/src/core/lint';
import type { Snippet } from '../../server/src/core/snippets';
import core from '../../snippets/core.json';

const library = core.snippets as Snippet[];
const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');

function lint(text: string) {
  return lintText(text, { format: 'markdown', docType: 'mandate', cacheFacts: false });
}

function findingsAt(text: string, ruleId: string, line: number) {
  const r = lint(text);
  return r.findings.filter((f) => f.ruleId === ruleId && f.level === 'paragraph' && r.analysis.model.lines.positionAt(f.start).line === line);
}

describe('quick fixes', () => {
  it('the preferred fix of every paragraph finding in the weak example removes that finding', () => {
    const result = lint(weak);
    const paragraphFindings = result.findings.filter((f) => f.level === 'paragraph');
    assert.ok(paragraphFindings.length > 10);
    for (const finding of paragraphFindings) {
      const fixes = fixesFor(result.analysis, finding, library);
      const preferred = fixes.find((f) => f.preferred);
      assert.ok(preferred, `${finding.ruleId}: no preferred fix`);
      const fixed = applyEdits(weak, preferred.edits);
      const after = lint(fixed);
      const unitStart = result.analysis.units[finding.unitId!].unit.start;
      const unitAfter = after.analysis.units.find((u) => u.unit.start === unitStart);
      assert.ok(unitAfter, 'the paragraph is still there');
      const remaining = after.findings.filter((f) => f.ruleId === finding.ruleId && f.unitId === unitAfter!.unit.id);
      assert.deepEqual(remaining.map((f) => f.message), [], `${preferred.title} on line ${result.analysis.model.lines.positionAt(finding.start).line}`);
    }
  });

  it('inserts a clause before the closing punctuation of the paragraph', () => {
    const text = '3. *Requests* MINUKAL to provide fuel and rations to the national army;\n';
    const result = lint(text);
    const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
    const inline = fixesFor(result.analysis, drift, library).find((f) => f.kind === 'inline')!;
    assert.equal(
      applyEdits(text, inline.edits),
      '3. *Requests* MINUKAL to provide fuel and rations to the national army, in strict compliance with the human rights due diligence policy and subject to civilian and parliamentary oversight of the units supported;\n',
    );
  });

  it('inserts a new operative paragraph, renumbers what follows and shifts references', () => {
    const text = [
      '# Draft',
      '',
      '2. *Decides* to extend the mandate of MINUKAL until 31 March 2027;',
      '',
      '3. *Requests* MINUKAL to provide fuel and rations to the national army;',
      '',
      '4. *Requests* the Secretary-General to report on paragraphs 3 and 4, and on paragraph 2 of resolution 2100 (2013);',
      '',
      '5. *Decides* to remain seized of the matter.',
      '',
    ].join('\n');
    const result = lint(text);
    const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
    const fix = fixesFor(result.analysis, drift, library).find((f) => f.kind === 'paragraph')!;
    assert.match(fix.title, /^Insert paragraph 4:/);
    const fixed = applyEdits(text, fix.edits);
    const lines = fixed.split('\n');
    assert.match(lines[6], /^4\. \*Requests\* MINUKAL to ensure that all support to the national defence and security forces under paragraph 3 is provided in strict compliance .*;$/);
    assert.match(lines[8], /^5\. \*Requests\* the Secretary-General to report on paragraphs 3 and 5, and on paragraph 2 of resolution 2100 \(2013\);$/);
    assert.equal(lines[10], '6. *Decides* to remain seized of the matter.');
    assert.equal(findingsAt(fixed, 'train-and-equip-drift', 5).length, 0, 'the new paragraph answers paragraph 3');
  });

  it('inserts a new lettered sub-paragraph with the next letter and the list punctuation', () => {
    const text = [
      '2. *Decides* that the mandate of MINUKAL shall include the following tasks:',
      '',
      '(a) to protect civilians under threat;',
      '',
      '(b) to support the redeployment of the national army through logistical support;',
      '',
      '(c) to monitor human rights.',
      '',
    ].join('\n');
    const result = lint(text);
    const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
    const fix = fixesFor(result.analysis, drift, library).find((f) => f.kind === 'paragraph')!;
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /\(c\) to monitor human rights;\n\n\(d\) to ensure that all support to .* under paragraph 2 \(b\) is provided .*\.\n$/);
    assert.equal(findingsAt(fixed, 'train-and-equip-drift', 5).length, 0);
  });

  it('adds a benchmark paragraph before "remain seized" that clears the document finding', () => {
    const result = lint(weak);
    const benchmarks = result.findings.find((f) => f.ruleId === 'missing-benchmarks' && f.level === 'document')!;
    const fix = fixesFor(result.analysis, benchmarks, library).find((f) => f.kind === 'benchmarks')!;
    const fixed = applyEdits(weak, fix.edits);
    assert.ok(!lint(fixed).findings.some((f) => f.ruleId === 'missing-benchmarks'));
    assert.match(fixed, /\n12\. \*Decides\* that progress in implementing paragraphs 3 to 8 shall be measured against the following benchmarks/);
    assert.match(fixed, /\n13\. \*Decides\* to remain actively seized of the matter\./);
    assert.match(fixed, /MINUKAL|KDSF/);
  });

  it('answers whole-document findings with their clause as a new paragraph after the suggested one', () => {
    const result = lint(weak);
    for (const ruleId of ['missing-hrddp', 'exit-without-transition', 'missing-affordability']) {
      const finding = result.findings.find((f) => f.ruleId === ruleId && f.level === 'document');
      assert.ok(finding, `the weak example has a ${ruleId} finding`);
      const fix = fixesFor(result.analysis, finding, library).find((f) => f.preferred);
      assert.ok(fix && fix.kind !== 'disable', `${ruleId}: a clause fix is preferred`);
      const fixed = applyEdits(weak, fix.edits);
      assert.ok(!lint(fixed).findings.some((f) => f.ruleId === ruleId), `${fix.title} clears ${ruleId}`);
      // Numbering stays a sequence 1..N after the insertion.
      const numbers = [...fixed.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
      assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `${ruleId}: paragraphs renumbered`);
    }
  });

  it('adds an activity to an unnumbered strategy and a preambular paragraph to a preamble', () => {
    const strategy = 'The Mission will train 500 soldiers of the national army and deliver radios to two battalions, under the oversight of the Inspectorate General.\n';
    const result = lintText(strategy, { format: 'markdown', docType: 'strategy', cacheFacts: false });
    const mel = result.findings.find((f) => f.ruleId === 'missing-mel')!;
    const fix = fixesFor(result.analysis, mel, library).find((f) => f.snippet === 'mel-framework')!;
    const fixed = applyEdits(strategy, fix.edits);
    assert.match(fixed, /\n\nAgree with the host authorities, by \[date\], baselines and indicators/);
    assert.ok(!lintText(fixed, { format: 'markdown', docType: 'strategy', cacheFacts: false }).findings.some((f) => f.ruleId === 'missing-mel'));

    const mandate = '*Stressing* the importance of national ownership of security sector reform,\n\n1. *Requests* MINUKAL to support the reform of the national police, including the vetting of officers;\n';
    const before = lint(mandate);
    const ownership = before.findings.find((f) => f.ruleId === 'ownership-without-inclusion')!;
    const preamble = fixesFor(before.analysis, ownership, library).find((f) => f.snippet === 'inclusive-ownership');
    assert.ok(preamble, 'the inclusive ownership paragraph is offered');
    const after = applyEdits(mandate, preamble.edits);
    assert.ok(after.indexOf('1. *Requests*') > after.indexOf('parliament'), 'inserted in the preamble, before the operative part');
    assert.ok(!lint(after).findings.some((f) => f.ruleId === 'ownership-without-inclusion'));
  });

  it('fills placeholders from front matter before guessing from the text', () => {
    const text = '---\nmission: UNSMIX\nhost-state: the Government of Varessa\nmandate-end: 31 December 2026\n---\n\n3. Requests MINUKAL to train the army;\n';
    const result = lint(text);
    const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
    const fix = fixesFor(result.analysis, drift, library).find((f) => f.kind === 'paragraph')!;
    assert.match(applyEdits(text, fix.edits), /4\. Requests UNSMIX to ensure/);
  });

  it('silences a paragraph or the file with a comment', () => {
    const text = '# Draft\n\n3. Requests MINUKAL to train the national army;\n';
    const result = lint(text);
    for (const finding of result.findings) {
      const disable = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'disable')!;
      const fixed = applyEdits(text, disable.edits);
      assert.ok(!lint(fixed).findings.some((f) => f.ruleId === finding.ruleId && f.level === finding.level), disable.title);
    }
  });
});
