import { strict as assert } from 'node:assert';
import { buildModel, documentAnchor } from '../../src/core/model/model';

function kinds(text: string, format: 'markdown' | 'plaintext' = 'markdown') {
  const model = buildModel(text, format);
  return model.units.map((u) => ({
    kind: u.kind,
    label: u.marker?.label,
    style: u.marker?.style,
    verb: u.opener?.text,
    id: u.id,
    section: u.section,
    parent: u.parent,
    leadIn: u.leadIn,
    text: text.slice(u.start, u.end),
  }));
}

describe('document model', () => {
  it('reads each front matter afresh when it changes, and its offsets from the text at hand', () => {
    const draft = (fm: string, before = '') => `${before}---\n${fm}\n---\n\n1. Requests the Mission to support the police;\n`;
    assert.deepEqual(buildModel(draft('mandate-lint: strategy'), 'markdown').frontMatter?.data, { 'mandate-lint': 'strategy' });
    assert.deepEqual(buildModel(draft('mandate-lint: mandate'), 'markdown').frontMatter?.data, { 'mandate-lint': 'mandate' });
    assert.match(buildModel(draft('mandate-lint: [unclosed'), 'markdown').frontMatter?.error ?? '', /not valid YAML/);
    // Read again, the kept reading gives the same error.
    assert.match(buildModel(draft('mandate-lint: [unclosed'), 'markdown').frontMatter?.error ?? '', /not valid YAML/);
    const withBom = buildModel(draft('mandate-lint: mandate', '\ufeff'), 'markdown').frontMatter;
    assert.deepEqual([withBom?.start, withBom?.end, withBom?.data], [1, 30, { 'mandate-lint': 'mandate' }]);
  });


  it('recognises title, formula, preambular and operative paragraphs in Markdown', () => {
    const text = [
      '# Draft resolution on Kalindor',
      '',
      'The Security Council,',
      '',
      '*Recalling* its previous resolutions,',
      '',
      '**Expressing concern** at the situation,',
      '',
      '1. *Decides* to extend the mandate until 2027;',
      '',
      '2. _Requests_ the Secretary-General to report;',
    ].join('\n');
    const units = kinds(text);
    assert.deepEqual(
      units.map((u) => u.kind),
      ['title', 'formula', 'preamble', 'preamble', 'operative', 'operative'],
    );
    assert.equal(units[2].verb, 'Recalling');
    assert.equal(units[3].verb, 'Expressing');
    assert.equal(units[4].verb, 'Decides');
    assert.equal(units[4].label, '1');
    assert.equal(units[5].verb, 'Requests');
    assert.ok(units[4].text.startsWith('1. *Decides*'), 'operative unit range includes its number');
  });

  it('keeps exact offsets: every unit slice is the original text', () => {
    const text = 'Intro line\r\n\r\n3. Requests the Mission to support the police;\r\n(a) to train;\r\n(b) to equip;\r\n';
    const model = buildModel(text, 'markdown');
    for (const unit of model.units) {
      assert.ok(unit.start >= 0 && unit.end <= text.length && unit.start < unit.end);
      assert.equal(model.masked.length, text.length);
    }
    const subs = model.units.filter((u) => u.kind === 'subparagraph');
    assert.deepEqual(
      subs.map((u) => text.slice(u.start, u.end)),
      ['(a) to train;', '(b) to equip;'],
    );
  });

  it('splits lettered and roman sub-paragraphs written without blank lines and links them to their lead-in', () => {
    const text = [
      '2. Decides that the mandate of MINUKAL shall include the following tasks:',
      '(a) Protection of civilians, including through patrols;',
      '(b) Support to security sector reform, including:',
      '(i) advice on the national security policy;',
      '(ii) support to the police inspectorate;',
      '(c) Human rights monitoring;',
    ].join('\n');
    const units = kinds(text);
    assert.deepEqual(
      units.map((u) => [u.kind, u.style, u.label]),
      [
        ['operative', 'decimal', '2'],
        ['subparagraph', 'alpha', 'a'],
        ['subparagraph', 'alpha', 'b'],
        ['subparagraph', 'roman', 'i'],
        ['subparagraph', 'roman', 'ii'],
        ['subparagraph', 'alpha', 'c'],
      ],
    );
    assert.equal(units[1].parent, 0);
    assert.equal(units[3].parent, 2, '(i) belongs to (b)');
    assert.equal(units[5].parent, 0, '(c) returns to paragraph 2');
    assert.ok(units[0].leadIn && units[2].leadIn);
  });

  it('reads "(i)" after "(h)" as a letter, not a roman numeral', () => {
    const letters = 'abcdefghi'.split('').map((l) => `(${l}) task ${l};`);
    const units = kinds(['1. Decides that the tasks are:', ...letters].join('\n'));
    assert.equal(units[units.length - 1].style, 'alpha');
  });

  it('handles plain-text numbering, hard-wrapped paragraphs and "1.Advise" without a space', () => {
    const text = [
      'The Security Council,',
      '',
      'Recalling its resolutions on the situation in',
      'the Republic, and stressing the need for reform,',
      '',
      '1.Advise and assist the Government in:',
      'a. advancing dialogue;',
      'b. reform of the police;',
    ].join('\n');
    const units = kinds(text, 'plaintext');
    assert.deepEqual(
      units.map((u) => u.kind),
      ['formula', 'preamble', 'operative', 'subparagraph', 'subparagraph'],
    );
    assert.ok(units[1].text.includes('\nthe Republic'), 'a hard-wrapped paragraph stays one unit');
    assert.equal(units[3].parent, 2);
  });

  it('treats short unpunctuated lines as headings and "(b) Good offices" inside a list as a heading that keeps the lead-in open', () => {
    const text = ['Priority tasks', '', 'Decides that the mandate shall include:', '', '(a) Good offices', '', '(f) to support the reform of the police;'].join('\n');
    const units = kinds(text);
    assert.equal(units[0].kind, 'title', 'a first short line is the title');
    assert.equal(units[1].kind, 'operative');
    assert.equal(units[2].kind, 'heading');
    assert.equal(units[3].parent, 1);
  });

  it('reads a short line with a finite verb, and any bullet, as text rather than a heading', () => {
    const text = ['Korvan Police Plan', '', 'Recruitment and training is key to a professional police service', '', 'Results', '', '• All public disorders contained within three hours', '', 'Police at a glance'].join('\n');
    const units = kinds(text);
    assert.deepEqual(
      units.map((u) => u.kind),
      ['title', 'paragraph', 'heading', 'item', 'heading'],
    );
  });

  it('takes a numbered title-case line and a long subtitle under the title as headings', () => {
    const text = [
      '# Agreement',
      '',
      'Agreement between the Transitional Government of Orvenia and the armed movements on the principles of disarmament, demobilization and reintegration and on the integration of former combatants into the uniformed forces of the State',
      '',
      '1. The Foundations of Foreign Affairs and National Security Policy',
      '',
      '2. The development of sustainable capability for the police and the gendarmerie',
    ].join('\n');
    const units = kinds(text, 'markdown');
    assert.deepEqual(
      units.map((u) => u.kind),
      ['title', 'heading', 'heading', 'operative'],
    );
  });

  it('takes a numbered line set in title case as a heading even when it opens with a verb, and a task in sentence case as a task', () => {
    const text = [
      '# National security policy',
      '',
      '2. Strengthen the Integrity of National Institutions and Promote Good Governance',
      '',
      'The Government will adopt a code of ethics for the civil service.',
      '',
      'c. Contribute to the Strengthening of the Rule of Law throughout the Country',
      '',
      '3. Strengthen the national police and the border guards',
    ].join('\n');
    const units = kinds(text, 'markdown');
    assert.deepEqual(
      units.map((u) => u.kind),
      ['title', 'heading', 'paragraph', 'heading', 'operative'],
    );
  });

  it('takes a short numbered or lettered line followed by the prose it heads as a section heading, and the same line in a list as a task', () => {
    const text = [
      '# Defence strategy',
      '',
      '4. The defence sector and its reform',
      '',
      'The defence sector operates under the laws adopted by parliament.',
      '',
      'b) reform of the border guard',
      '',
      'The border guard will be reorganized into regional commands.',
      '',
      '5. The development of the police and the gendarmerie of the south',
      '',
      '6. The development of the customs service at the northern border',
    ].join('\n');
    const units = kinds(text, 'markdown');
    assert.deepEqual(
      units.map((u) => u.kind),
      ['title', 'heading', 'paragraph', 'heading', 'paragraph', 'operative', 'operative'],
    );
    assert.equal(units[4].section, units[3].id, 'the prose belongs to the section its heading opens');
  });

  it('reads outline numbering ("2.2.1.", "1.1 Development") as numbered paragraphs', () => {
    const text = ['2.2. The parties agree to the cantonment of forces.', '', '2.2.1. The details shall be discussed at the workshop.', '', '1.1 Development of the police', '', '2.5 million people were displaced.'].join('\n');
    const units = kinds(text, 'plaintext');
    assert.deepEqual(
      units.map((u) => u.label ?? '-'),
      ['2.2', '2.2.1', '1.1', '-'],
    );
  });

  it('recognises infinitive task continuations after a lead-in', () => {
    const text = ['In support of the authorities, to take steps and, in this regard:', '', 'to enhance its early warning;', '', 'to mitigate the risk to civilians;'].join('\n');
    const units = kinds(text);
    assert.deepEqual(
      units.map((u) => u.kind),
      ['paragraph', 'subparagraph', 'subparagraph'],
    );
    assert.equal(units[1].parent, 0);
    assert.equal(units[2].parent, 0);
  });

  it('parses YAML front matter and reports broken front matter without losing the document', () => {
    const ok = buildModel('---\nmandate-lint: strategy\ntitle: Plan\n---\n\n# Plan\n\nText.\n', 'markdown');
    assert.equal(ok.frontMatter?.data['mandate-lint'], 'strategy');
    assert.equal(ok.units[0].kind, 'title');
    const broken = buildModel('---\nmandate-lint: [strategy\n---\n\nSome text here.\n', 'markdown');
    assert.match(broken.frontMatter?.error ?? '', /not valid YAML/);
    assert.equal(broken.units.length, 1);
  });

  it('ignores fenced code and reads indented paragraphs as text', () => {
    const text = ['Intro.', '', '```', 'Requests the Mission to train the army;', '```', '', '    (a) an indented sub-paragraph on police reform;'].join('\n');
    const units = kinds(text);
    assert.equal(units.length, 2);
    assert.ok(units[1].text.includes('police reform'));
  });

  it('parses inline mandate-lint comments as directives', () => {
    const model = buildModel('<!-- mandate-lint-disable missing-gender, missing-benchmarks -->\nText\n<!-- mandate-lint-enable -->\n<!-- mandate-lint-disable-next-paragraph -->\n', 'markdown');
    assert.deepEqual(
      model.directives.map((d) => [d.action, d.rules]),
      [
        ['disable', ['missing-gender', 'missing-benchmarks']],
        ['enable', []],
        ['disable-next-paragraph', []],
      ],
    );
  });

  it('anchors document findings on the title, else on the first line with text', () => {
    const titled = buildModel('# My draft\n\nText.', 'markdown');
    assert.deepEqual(documentAnchor(titled), { start: 2, end: 10 });
    const untitled = buildModel('\n\n  Recalling its resolutions,\nmore', 'plaintext');
    const anchor = documentAnchor(untitled);
    assert.equal(untitled.text.slice(anchor.start, anchor.end), 'Recalling its resolutions,');
  });
});
