import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, fixesFor, normalizeEdits, type Fix } from '../../src/core/fixes';
import { lintText } from '../../src/core/lint';
import type { Snippet } from '../../src/core/snippets';
import core from '../../data/snippets/core.json';

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

  it('offers the clauses the rule names, in its order: oversight for a restructuring, vetting first for an integration', () => {
    const text = [
      '# Defence reform',
      '',
      '3. The Ministry of Defence will be restructured into three directorates.',
      '',
      '4. Former combatants of the Front will be integrated into the Armed Forces within six months.',
      '',
    ].join('\n');
    const result = lintText(text, { format: 'markdown', docType: 'strategy', cacheFacts: false });
    const titles = (line: number) => {
      const finding = result.findings.find((f) => f.ruleId === 'missing-governance' && f.level === 'paragraph' && result.analysis.model.lines.positionAt(f.start).line === line)!;
      assert.ok(finding, `a missing-governance finding on line ${line}`);
      return fixesFor(result.analysis, finding, library).filter((f) => f.kind === 'inline').map((f) => f.snippet);
    };
    // The vetting clause speaks of integrating former combatants: added to another reform it answers nothing (after
    // "training is combined with training abroad" it read as one more thing the training is based on).
    assert.deepEqual(titles(3), ['civilian-oversight', 'inspectorate']);
    assert.deepEqual(titles(5), ['vetting-integration', 'civilian-oversight']);
  });

  it('puts a whole-document clause inside the paragraph it names when the strategy asks nobody for SSR support', () => {
    // A donor's paper describing its help: "Support the host authorities in paying ..." as an activity of its own would
    // be its first request for SSR support and raise the benchmarks and due diligence findings.
    const text = [
      '# Prevention',
      '',
      'France trains the officers of partner armies in its military schools and equips their peacekeeping battalions.',
      '',
    ].join('\n');
    const result = lintText(text, { format: 'markdown', docType: 'strategy', cacheFacts: false });
    const finding = result.findings.find((f) => f.ruleId === 'missing-conditions-of-service')!;
    assert.ok(finding, 'a conditions-of-service finding');
    const fix = fixesFor(result.analysis, finding, library)[0];
    assert.equal(fix.kind, 'inline');
    const after = lintText(applyEdits(text, fix.edits), { format: 'markdown', docType: 'strategy', cacheFacts: false });
    assert.deepEqual(
      after.findings.filter((f) => f.level === 'document').map((f) => f.ruleId).sort(),
      result.findings.filter((f) => f.level === 'document' && f.ruleId !== 'missing-conditions-of-service').map((f) => f.ruleId).sort(),
    );
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

  it('offers no new paragraph that asks a mission for support in a text that asks nobody for SSR support', () => {
    // A summary of the Council's priorities: restructuring is named, nobody is asked to support it. "Requests the
    // Mission to support ..." as a new paragraph would be the draft's first request for SSR support, and would
    // raise the findings due on requests (benchmarks) that the draft did not have.
    const text = [
      '# Fact sheet',
      '',
      'The resolution identifies three priorities for the transition:',
      '',
      '1. convening an inclusive national dialogue conference,',
      '',
      '2. restructuring of the army and the police under a unified national command,',
      '',
      '3. holding general elections by February 2027.',
      '',
    ].join('\n');
    const result = lint(text);
    const governance = result.findings.find((f) => f.ruleId === 'missing-governance' && f.level === 'paragraph');
    assert.ok(governance, 'the restructuring paragraph has no governance language');
    const fixes = fixesFor(result.analysis, governance, library);
    assert.ok(fixes.some((f) => f.kind === 'inline'), 'the clause is still offered inside the paragraph');
    assert.deepEqual(fixes.filter((f) => f.kind === 'paragraph').map((f) => f.title), []);
    const before = new Set(result.findings.map((f) => f.ruleId));
    for (const fix of fixes.filter((f) => f.kind === 'inline')) {
      const after = lint(applyEdits(text, fix.edits));
      assert.deepEqual(after.findings.map((f) => f.ruleId).filter((id) => !before.has(id)), [], fix.title);
    }
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

  it('writes a whole-document clause as a bullet item in a draft of bullet items, so the items after it stay items', () => {
    // A plain paragraph between "- " items made the items after it its sub-paragraphs: read under it, they
    // gained findings of their own ("in this regard" read back to the new paragraph).
    const text = [
      '# Draft resolution on Kadora',
      '',
      '- *Calls upon* Member States to contribute to the training and equipping of the Kadoran police and security forces;',
      '',
      '- *Condemns* the bombings of 7 August and *emphasizes* that those responsible must be brought to justice;',
      '',
      '- *Calls upon* Member States to prevent the transit of arms for terrorists, and *stresses* the importance of strengthening regional cooperation in this regard;',
      '',
    ].join('\n');
    const result = lint(text);
    const finding = result.findings.find((f) => f.ruleId === 'missing-benchmarks' && f.level === 'document');
    assert.ok(finding, 'the draft asks for SSR support with no benchmark');
    const before = result.findings.filter((f) => f.ruleId !== 'missing-benchmarks').map((f) => `${f.ruleId}@${result.analysis.model.lines.positionAt(f.start).line}`);
    for (const fix of fixesFor(result.analysis, finding, library).filter((f) => f.kind !== 'disable')) {
      const fixed = applyEdits(text, fix.edits);
      // Between items, the clause is an item; after the last one it may follow the list as a paragraph.
      const lines = fixed.split('\n');
      const first = lines.findIndex((line) => !text.split('\n').includes(line) && line.trim());
      const lastItem = lines.map((line) => line.startsWith('- ')).lastIndexOf(true);
      if (first < lastItem) assert.ok(lines[first].startsWith('- '), `${fix.title}: written as an item: ${lines[first]}`);
      const after = lint(fixed);
      assert.ok(!after.findings.some((f) => f.ruleId === 'missing-benchmarks'), `${fix.title} clears the finding`);
      const units = after.analysis.units.filter((u) => u.unit.marker?.style === 'bullet');
      assert.ok(units.every((u) => u.unit.parent === undefined), `${fix.title}: every item stays at the top level`);
      // No new finding on the items that were there (their lines move by the inserted lines).
      const shift = fixed.split('\n').length - text.split('\n').length;
      const moved = after.findings.filter((f) => f.ruleId !== 'missing-benchmarks').map((f) => {
        const line = after.analysis.model.lines.positionAt(f.start).line;
        return `${f.ruleId}@${line > 3 ? line - shift : line}`;
      });
      assert.deepEqual(moved.filter((m) => !before.includes(m)), [], `${fix.title} adds no finding`);
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

  describe('renumbering after an inserted paragraph', () => {
    /**
     * Nine numbered paragraphs; paragraph 2 is capability support with no safeguard, so its fix inserts a new
     * paragraph 3 and shifts 3-9. Paragraph 8 holds the sentence under test.
     */
    function renumbered(sentence: string, lineBreak = '\n'): string {
      const paragraphs = [
        '*Decides* to extend the mandate of MINUKAL until 31 March 2027;',
        '*Requests* MINUKAL to provide fuel and rations to the national army;',
        '*Requests* MINUKAL to protect civilians under threat of physical violence;',
        '*Requests* MINUKAL to monitor and report on human rights violations;',
        '*Requests* MINUKAL to support the electoral process;',
        '*Requests* MINUKAL to support the protection of humanitarian access;',
        '*Requests* MINUKAL to facilitate the return of displaced persons;',
        `*Requests* the Secretary-General to report on ${sentence};`,
        '*Decides* to remain seized of the matter.',
      ];
      const text = ['# Draft', '', ...paragraphs.flatMap((p, i) => [`${i + 1}. ${p}`, ''])].join(lineBreak);
      const result = lint(text);
      const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph');
      assert.ok(drift, 'paragraph 2 is a drift finding');
      const fix = fixesFor(result.analysis, drift, library).find((f) => f.kind === 'paragraph')!;
      assert.match(fix.title, /^Insert paragraph 3:/);
      const fixed = applyEdits(text, fix.edits);
      assert.deepEqual([...fixed.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      return /(?:^|[\r\n])9\. \*Requests\* the Secretary-General to report on ([^;]*);/.exec(fixed)![1];
    }

    const citations = [
      'paragraphs 8 and 9 of resolution 2100 (2013)',
      'paragraph 5 of resolution 2100 (2013)',
      'paragraph 4 of its resolution 2151 (2014)',
      'paragraphs 3, 4 and 6 of its resolution 2151 (2014)',
      'paragraph 5 of the report of the Secretary-General (S/2025/100)',
      'paragraph 5 of the Secretary-General’s report',
      'paragraph 12 of the Kiranga Agreement',
      'paragraph 6 of the Kiranga Peace and Reconciliation Agreement',
      'paragraphs 3-5 of the Agreement',
      'paragraphs 3 to 5 of annex I to resolution 2200 (2015)',
      'paragraph 4 of annex II',
      'subparagraphs 4 (a) and (b) of resolution 2200 (2015)',
      'subparagraph 6 (b) of the Protocol',
      'paragraph 7 of the presidential statement of 3 May 2025 (S/PRST/2025/3)',
      'paragraph 3 of the letter dated 1 June 2025 from the Secretary-General',
      'paragraph 8 and paragraph 9 of resolution 2100 (2013)',
      'resolution 2100 (2013), paragraph 5',
      'the Kiranga Agreement, in particular paragraph 6',
      'resolution 2100 (2013), in particular paragraph 7 thereof',
      // Instruments the list does not name: after "of", anything but the draft itself is another text.
      'paragraph 3 of the communiqué of the Peace and Security Council of the African Union',
      'paragraph 3 of S/2025/100',
      'paragraph 3 of UNSCR 1325',
      'paragraph 3 of the Cooperation Framework',
      'paragraph 4 of the annexes to resolution 2100 (2013)',
      'paragraph 2 of the Rome Statute',
      'paragraph 5 of the Global Compact on Refugees',
      'paragraph 3 of the concept of operations',
      'paragraph 3 of the Mission’s concept of operations',
      'paragraph 3, of resolution 2100 (2013)',
      'the Cooperation Framework, paragraph 3',
      'paragraph 3 in the Cooperation Framework',
    ];
    for (const citation of citations) {
      it(`leaves a citation of another instrument alone: "${citation}"`, () => {
        assert.equal(renumbered(`the implementation of ${citation}`), `the implementation of ${citation}`);
      });
    }

    const own: Array<[string, string]> = [
      ['paragraph 5 above', 'paragraph 6 above'],
      ['paragraphs 3 to 5', 'paragraphs 4 to 6'],
      ['the tasks in paragraph 7', 'the tasks in paragraph 8'],
      ['paragraphs 3, 4 and 6', 'paragraphs 4, 5 and 7'],
      ['paragraphs 3-5', 'paragraphs 4-6'],
      ['paragraphs 3–5', 'paragraphs 4–6'],
      ['subparagraph 6 (b)', 'subparagraph 7 (b)'],
      ['subparagraphs 4 (a) and (b)', 'subparagraphs 5 (a) and (b)'],
      ['paragraph 5 of this resolution', 'paragraph 6 of this resolution'],
      ['paragraph 6 of the present resolution', 'paragraph 7 of the present resolution'],
      ['paragraphs 3 and 4, and on paragraph 2 of resolution 2100 (2013)', 'paragraphs 4 and 5, and on paragraph 2 of resolution 2100 (2013)'],
      ['paragraph 5 above and paragraph 6 of resolution 2100 (2013)', 'paragraph 6 above and paragraph 6 of resolution 2100 (2013)'],
      ['paragraph 4, and 20 troops', 'paragraph 5, and 20 troops'],
      ['paragraph 4 of these arrangements', 'paragraph 5 of these arrangements'],
      ['paragraph 4 in order to', 'paragraph 5 in order to'],
    ];
    for (const [before, after] of own) {
      it(`shifts a reference to the draft's own paragraphs: "${before}"`, () => {
        assert.equal(renumbered(before), after);
      });
    }

    it('shifts a reference broken over a line, whatever the draft\'s line breaks (a lone CR too)', () => {
      for (const lineBreak of ['\n', '\r\n', '\r']) {
        assert.equal(renumbered(`paragraphs${lineBreak}3 to 5`, lineBreak), `paragraphs${lineBreak}4 to 6`, JSON.stringify(lineBreak));
        assert.equal(renumbered(`paragraph 5 above,${lineBreak}and paragraph 6 of resolution 2100 (2013)`, lineBreak), `paragraph 6 above,${lineBreak}and paragraph 6 of resolution 2100 (2013)`, JSON.stringify(lineBreak));
        assert.equal(renumbered(`paragraph 8${lineBreak}and paragraph 9 of resolution 2100 (2013)`, lineBreak), `paragraph 8${lineBreak}and paragraph 9 of resolution 2100 (2013)`, JSON.stringify(lineBreak));
      }
    });

    it('leaves references to the paragraphs before the new one alone', () => {
      assert.equal(renumbered('paragraphs 1 and 2'), 'paragraphs 1 and 2');
    });

    it('shifts "OP3" references in a draft numbered "OP1.", "OP2.", and its markers once', () => {
      const text = [
        'The Security Council,',
        'OP1. *Decides* to extend the mandate of MINUKAL until 31 March 2027;',
        'OP2. *Requests* MINUKAL to provide fuel and rations to the national army;',
        'OP3. *Requests* MINUKAL to protect civilians under threat of physical violence;',
        'OP4. *Requests* the Secretary-General to report on the implementation of OP3, OP 4 and paragraph 3;',
        'OP5. *Decides* to remain seized of the matter.',
      ].join('\n\n');
      const result = lint(text);
      const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
      const fix = fixesFor(result.analysis, drift, library).find((f) => f.kind === 'paragraph')!;
      const fixed = applyEdits(text, fix.edits);
      assert.deepEqual([...fixed.matchAll(/^OP(\d+)\. /gm)].map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6]);
      assert.match(fixed, /^OP5\. \*Requests\* the Secretary-General to report on the implementation of OP4, OP 5 and paragraph 4;/m);
    });

    it('leaves an annex whose numbering starts again alone, its references to its own paragraphs too', () => {
      const text = [
        'The Security Council,',
        '1. *Decides* to extend the mandate of MINUKAL until 31 March 2027;',
        '2. *Requests* MINUKAL to provide fuel and rations to the national army;',
        '3. *Requests* MINUKAL to report on the measures in paragraph 2 above and on those of paragraph 4 below;',
        '4. *Decides* to remain seized of the matter.',
        '## Annex',
        '1. The Commission shall meet monthly;',
        '2. The Commission shall report quarterly;',
        '3. The Commission shall publish its reports;',
        '4. The reports published under paragraph 3 above shall cover the meetings held under paragraph 1 above.',
      ].join('\n\n');
      const result = lint(text);
      const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
      const fix = fixesFor(result.analysis, drift, library).find((f) => f.kind === 'paragraph')!;
      assert.match(fix.title, /^Insert paragraph 3:/);
      const fixed = applyEdits(text, fix.edits);
      const [body, annex] = fixed.split('## Annex');
      assert.deepEqual([...body.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])), [1, 2, 3, 4, 5]);
      assert.match(body, /report on the measures in paragraph 2 above and on those of paragraph 5 below/);
      assert.equal(annex, text.split('## Annex')[1], 'the annex is unchanged');
    });
  });

  it('writes a clause inside the sentence, before what may follow its closing punctuation (a footnote mark, a comment, emphasis, a symbol)', () => {
    const para = '2. *Requests* MINUKAL to support security sector reform by training KDSF battalions and furnishing them with vehicles';
    for (const tail of [';[^1]', '; <!-- check with DPO -->', ';*', ';)', '; \u{1F4CC}', ';[^1] <!-- check --> *) \u{1F4CC}\uFE0F ']) {
      const text = `The Security Council,\n\n1. *Decides* to extend the mandate of MINUKAL until 31 March 2027;\n\n${para}${tail}\n\n3. *Decides* to remain actively seized of the matter.\n\n[^1]: As agreed in Meroa.\n`;
      const result = lint(text);
      const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift')!;
      const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'inline')!;
      const line = applyEdits(text, fix.edits).split('\n').find((l) => l.startsWith('2.'))!;
      assert.ok(line.startsWith(`${para}, `), `${tail}: the clause follows the sentence's last word`);
      assert.ok(line.endsWith(tail), `${tail}: what followed the ";" still ends the line: ${line.slice(-60)}`);
    }
    // A last paragraph that ends with "." then a footnote mark: the "." moves to the new paragraph, the mark stays.
    const text = `The Security Council,\n\n1. *Decides* to extend the mandate of MINUKAL until 31 March 2027;\n\n${para}.[^1]\n\n[^1]: As agreed in Meroa.\n`;
    const result = lint(text);
    const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift')!;
    const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'paragraph')!;
    const fixed = applyEdits(text, fix.edits);
    assert.ok(fixed.includes(`${para};[^1]\n\n3. `), fixed);
  });

  it('ends the sentence of the finding before a numbered item that follows its full stop ("... by 2027. (2) Barracks. ...")', () => {
    // Items run together in one line of a pasted white paper: the reading ends a sentence at every full stop, so the
    // clause must go where the capability sentence ends, not after the next capitalised word.
    const para =
      'The Ministry will train and equip two new battalions of the Kadoran Armed Forces by 2027. (2) Barracks. The Ministry will renovate the barracks of the northern garrison. Moreover, it will review the housing allowance of its soldiers.';
    const text = `# Kadora Defence Plan 2025-2030\n\n## Forces\n\n${para}\n`;
    const result = lintText(text, { format: 'markdown', docType: 'strategy' });
    const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift')!;
    assert.ok(finding, 'the paragraph drifts');
    const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'inline')!;
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /by 2027, [^.]+\. \(2\) Barracks\./, 'the clause closes the first sentence');
    const again = lintText(fixed, { format: 'markdown', docType: 'strategy' });
    assert.ok(!again.findings.some((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift'), 'the finding is answered');
  });

  it('ends the sentence of the finding before a footnote number that follows its full stop ("... forces. [3] The text ...")', () => {
    // A press summary copied from an encyclopaedia keeps its reference numbers: the reading ends the sentence at the
    // full stop, so the clause must close the welcome of the training, not the paragraph's last sentence.
    const para =
      'The members of the Security Council welcomed progress made in training Kadoran forces and the transfer of two provinces to the security forces. [3] The text recognised the work of the Government towards a united Kadora; it was vital that dialogue was supported.';
    const text = `# Resolution 2291 (2026)\n\n${para}\n`;
    const result = lintText(text, { format: 'markdown', docType: 'mandate' });
    const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift')!;
    assert.ok(finding, 'the paragraph drifts');
    const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'inline')!;
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /security forces, [^.]+\. \[3\] The text/, 'the clause closes the first sentence');
    const again = lintText(fixed, { format: 'markdown', docType: 'mandate' });
    assert.ok(!again.findings.some((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift'), 'the finding is answered');
  });

  it('writes a clause before a briefer\'s attribution that closes the sentence ("..., she affirmed.")', () => {
    // "MINUKA will continue to support ..., she affirmed." asks nothing of the mission; a clause written after the
    // attribution would cut it off from the sentence and make the briefer's account a request.
    const para =
      'MINUKA will continue to support the redeployment of the Kadoran Armed Forces in line with the human rights due diligence policy, she affirmed.';
    const text = `# Briefing to the Security Council\n\nThe Special Representative briefed the Council on the situation in Kadora.\n\n${para}\n`;
    const result = lintText(text, { format: 'markdown', docType: 'mandate' });
    const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'missing-gender')!;
    assert.ok(finding, 'the paragraph lacks gender language');
    assert.ok(!result.findings.some((f) => f.ruleId === 'missing-benchmarks'), 'nothing is asked');
    const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'inline')!;
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /due diligence policy, [^\n]+, she affirmed\.\n/, 'the clause comes before the attribution');
    const again = lintText(fixed, { format: 'markdown', docType: 'mandate' });
    assert.ok(!again.findings.some((f) => f.level === 'paragraph' && f.ruleId === 'missing-gender'), 'the finding is answered');
    assert.ok(!again.findings.some((f) => f.ruleId === 'missing-benchmarks'), 'still nothing is asked');
  });

  it('writes a clause before "the Council said" that follows the finding in its sentence, not into the clauses after it', () => {
    // "... to support the creation of a Defence Force, the Council said, urging States ... and encouraging the
    // Mission's coordinating role": written at the sentence's end, the oversight clause read as part of the request
    // to the mission, which then asked for SSR support and owed benchmarks.
    const para =
      'Financial and technical assistance will also be needed to support the creation of a Kadoran Defence Force, the Council said, urging States to donate funds and encouraging the coordinating role of UNMIKA in that endeavour.';
    const text = `# Resolution 2891 (2026)\n\nThe Council extended the mandate of UNMIKA until 31 January 2027.\n\n${para}\n`;
    const result = lintText(text, { format: 'markdown', docType: 'mandate' });
    const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'missing-governance')!;
    assert.ok(finding, 'the creation of the force lacks governance');
    const before = new Set(result.findings.map((f) => f.ruleId));
    const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'inline')!;
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /Defence Force, [^\n]+, the Council said, urging States/, 'the clause follows the force it governs');
    const again = lintText(fixed, { format: 'markdown', docType: 'mandate' });
    assert.ok(!again.findings.some((f) => f.level === 'paragraph' && f.ruleId === 'missing-governance'), 'the finding is answered');
    assert.deepEqual(again.findings.filter((f) => !before.has(f.ruleId)).map((f) => f.ruleId), [], 'no finding of another rule is added');
  });

  it('places a clause in a paragraph with a long run of symbols inside it (U+FFFD from a damaged scan) at once', () => {
    // A repeated group of repeated symbols once looked for the end of such a paragraph by backtracking exponentially.
    const damaged = '\uFFFD'.repeat(400);
    const para = `2. *Requests* MINUKAL to support security sector reform ${damaged} by training KDSF battalions and furnishing them with vehicles`;
    const text = `The Security Council,\n\n${para};\n\n3. *Decides* to remain actively seized of the matter.\n`;
    const result = lint(text);
    const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift')!;
    assert.ok(finding, 'the paragraph drifts');
    const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'inline')!;
    const line = applyEdits(text, fix.edits).split('\n').find((l) => l.startsWith('2.'))!;
    assert.ok(line.startsWith(`${para}, `) && line.endsWith(';'), line.slice(-80));
  });

  it('answers a sub-paragraph of a list lettered (a), (b) or numbered (i), (ii) with a sub-paragraph that names it', () => {
    for (const labels of [['a', 'b', 'c', 'd'], ['i', 'ii', 'iii', 'iv']]) {
      const text = [
        'The Security Council,',
        '1. *Decides* that the mandate of MINUKAL shall include the following tasks:',
        `(${labels[0]}) to protect civilians under threat of physical violence;`,
        `(${labels[1]}) to support security sector reform by training KDSF battalions and furnishing them with vehicles;`,
        `(${labels[2]}) to support the disarmament and demobilization of members of the armed groups;`,
        '2. *Decides* to remain actively seized of the matter.',
      ].join('\n\n');
      const result = lint(text);
      const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift')!;
      const fix = fixesFor(result.analysis, finding, library).find((f) => f.title.startsWith('Insert sub-paragraph'))!;
      assert.match(fix.title, new RegExp(`^Insert sub-paragraph \\(${labels[3]}\\)`));
      const fixed = applyEdits(text, fix.edits);
      assert.ok(fixed.includes(`under paragraph 1 (${labels[1]})`), fixed);
      assert.ok(!lint(fixed).findings.some((f) => f.ruleId === 'train-and-equip-drift'), `${labels[1]}: the finding is answered`);
    }
  });

  it('lists the SSR paragraphs a benchmark clause covers so that none of them is left without benchmarks', () => {
    const text = [
      'The Security Council,',
      '1. *Decides* to extend the mandate of MINUKAL until 31 March 2027;',
      '2. *Requests* MINUKAL to support security sector reform by training and mentoring KDSF battalions and furnishing them with vehicles;',
      '3. *Decides* to maintain the authorized strength of MINUKAL at 12,800 military personnel;',
      '4. *Requests* MINUKAL to assist the Ministry of Internal Security in adopting a national plan to restructure the National Police;',
      '5. *Expresses* its gratitude to troop-contributing countries;',
      '6. *Requests* MINUKAL to support the swift integration of former combatants into the KDSF;',
      '7. *Decides* to remain actively seized of the matter.',
    ].join('\n\n');
    const result = lint(text);
    const finding = result.findings.find((f) => f.ruleId === 'missing-benchmarks')!;
    const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'benchmarks')!;
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /progress in implementing paragraphs 2, 4 and 6 shall be measured/);
    assert.deepEqual(lint(fixed).findings.filter((f) => f.ruleId === 'missing-benchmarks'), []);
  });

  it('puts a paragraph\'s disable comment on the line before it, whatever the draft\'s line breaks', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = weak.replace(/\n/g, eol);
      const result = lint(text);
      const finding = result.findings.find((f) => f.level === 'paragraph' && f.ruleId === 'train-and-equip-drift')!;
      const fix = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'disable')!;
      const fixed = applyEdits(text, fix.edits);
      const start = result.analysis.units[finding.unitId!].unit.start;
      const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
      const paragraphStart = text.slice(lineStart, lineStart + 30);
      assert.ok(fixed.includes(`<!-- mandate-lint-disable-next-paragraph train-and-equip-drift -->${eol}${paragraphStart}`), JSON.stringify(eol));
      assert.ok(!lint(fixed).findings.some((f) => f.ruleId === 'train-and-equip-drift' && f.unitId === finding.unitId), `${JSON.stringify(eol)}: the finding is gone`);
    }
  });

  describe('edits as LSP clients take them', () => {
    const crlf = weak.replace(/\n/g, '\r\n');

    function everyFix(text: string, docType?: 'mandate'): Array<{ fix: Fix; ruleId: string }> {
      const result = lintText(text, { format: 'markdown', docType, cacheFacts: false });
      return result.findings.flatMap((finding) => fixesFor(result.analysis, finding, library).map((fix) => ({ fix, ruleId: finding.ruleId })));
    }

    it('puts an insert before the replace at the same position, which the reference library accepts', () => {
      const result = lint(weak);
      const benchmarks = result.findings.find((f) => f.ruleId === 'missing-benchmarks' && f.level === 'document')!;
      const fix = fixesFor(result.analysis, benchmarks, library).find((f) => f.kind === 'benchmarks')!;
      const sameStart = fix.edits.filter((e) => fix.edits.some((o) => o !== e && o.start === e.start));
      assert.ok(sameStart.length >= 2, 'the paragraph goes in where the number of "remain seized" changes');
      assert.ok(sameStart[0].end === sameStart[0].start && sameStart[sameStart.length - 1].end > sameStart[sameStart.length - 1].start, 'insert first, replace last');
      const doc = TextDocument.create('file:///weak.md', 'markdown', 1, weak);
      const viaLsp = TextDocument.applyEdits(doc, fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })));
      assert.equal(viaLsp, applyEdits(weak, fix.edits));
      assert.match(viaLsp, /\n12\. \*Decides\* that progress[^]*\n13\. \*Decides\* to remain actively seized/);
    });

    it('orders and merges edits the protocol would reject', () => {
      assert.deepEqual(
        normalizeEdits('abcdef', [
          { start: 2, end: 4, newText: 'X' },
          { start: 2, end: 2, newText: 'I' },
        ]),
        [
          { start: 2, end: 2, newText: 'I' },
          { start: 2, end: 4, newText: 'X' },
        ],
      );
      assert.deepEqual(normalizeEdits('abcdef', [{ start: 1, end: 3, newText: 'X' }, { start: 2, end: 5, newText: 'Y' }]), [{ start: 1, end: 5, newText: 'XY' }]);
      assert.deepEqual(normalizeEdits('a\r\nb\r\n', [{ start: 3, end: 3, newText: '\nc\n' }]), [{ start: 3, end: 3, newText: '\r\nc\r\n' }]);
    });

    it('writes CRLF line breaks into CRLF drafts and LF into LF drafts', () => {
      const fixes = everyFix(crlf);
      assert.ok(fixes.length > 20);
      for (const { fix } of fixes) {
        const fixed = applyEdits(crlf, fix.edits);
        assert.ok(!/(?<!\r)\n/.test(fixed), `${fix.title}: a bare LF`);
      }
      for (const { fix } of everyFix(weak)) assert.ok(!applyEdits(weak, fix.edits).includes('\r'), fix.title);
    });

    it('writes the verbs as the draft does: italic, bold or plain', () => {
      const plain = weak.replace(/\*/g, '');
      const bold = weak.replace(/\*([A-Z][a-z]+(?: [a-z]+)*)\*/g, '**$1**');
      for (const { fix } of everyFix(plain, 'mandate')) for (const e of fix.edits) assert.ok(!e.newText.includes('*'), `${fix.title}: ${e.newText}`);
      const boldFixes = everyFix(bold, 'mandate').filter(({ fix }) => fix.kind === 'paragraph' || fix.kind === 'benchmarks');
      assert.ok(boldFixes.length > 5);
      for (const { fix } of boldFixes) {
        const inserted = fix.edits.map((e) => e.newText).join('');
        if (/Requests|Decides|Recognizing/.test(inserted)) assert.match(inserted, /\*\*(?:Requests|Decides|Recognizing)\*\*/, fix.title);
      }
      const italic = everyFix(weak).filter(({ fix }) => fix.kind === 'paragraph' && /^Insert paragraph/.test(fix.title));
      assert.ok(italic.length > 3);
      for (const { fix } of italic) assert.match(fix.edits.map((e) => e.newText).join(''), /\d+\. \*Requests\* /, fix.title);
    });

    it('writes bold italic verbs as the draft does, and closes their markup in the reverse order', () => {
      for (const [open, close] of [['***', '***'], ['**_', '_**'], ['__*', '*__']]) {
        const draft = weak.replace(/\*([A-Z][a-z]+(?: [a-z]+)*)\*/g, `${open}$1${close}`);
        const fixes = everyFix(draft, 'mandate').filter(({ fix }) => fix.kind === 'paragraph' && /^Insert paragraph/.test(fix.title));
        assert.ok(fixes.length > 3, open);
        const quoted = (s: string) => s.replace(/[*_]/g, '\\$&');
        for (const { fix } of fixes) assert.match(fix.edits.map((e) => e.newText).join(''), new RegExp(`\\d+\\. ${quoted(open)}Requests${quoted(close)} `), `${open}: ${fix.title}`);
      }
    });

    it('gives a front matter draft its file-wide comment after the front matter, in CRLF too', () => {
      const text = '---\r\nmandate-lint: mandate\r\n---\r\n\r\n3. *Requests* MINUKAL to train the national army;\r\n';
      const result = lint(text);
      const file = result.findings.flatMap((f) => fixesFor(result.analysis, f, library)).find((f) => /for this file/.test(f.title));
      assert.ok(file, 'a document finding can be silenced for the file');
      const fixed = applyEdits(text, file.edits);
      assert.match(fixed, /^---\r\nmandate-lint: mandate\r\n---\r\n\r\n<!-- mandate-lint-disable-file [a-z-]+ -->\r\n/);
    });
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
