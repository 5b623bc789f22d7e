import { strict as assert } from 'node:assert';
import { detectDocType, lintText } from '../../src/core/lint';
import { buildModel } from '../../src/core/model/model';

const DRIFT = '3. *Requests* the Mission to provide training and equipment to the national army;\n';

function ruleFindings(text: string, rule: string, extra: Parameters<typeof lintText>[1] = { format: 'markdown' }) {
  return lintText(text, { cacheFacts: false, ...extra }).findings.filter((f) => f.ruleId === rule);
}

describe('lint engine', () => {
  it('resolves the document type: option, then front matter, then config, then detection', () => {
    const front = '---\nmandate-lint: strategy\n---\n\n' + DRIFT;
    assert.equal(lintText(front, { format: 'markdown' }).docType, 'strategy');
    assert.equal(lintText(front, { format: 'markdown' }).docTypeSource, 'front-matter');
    assert.equal(lintText(front, { format: 'markdown', docType: 'mandate' }).docType, 'mandate');
    assert.equal(lintText(DRIFT, { format: 'markdown', configDocType: 'strategy' }).docTypeSource, 'config');
    assert.equal(lintText(DRIFT, { format: 'markdown' }).docType, 'mandate');
    assert.equal(detectDocType(buildModel('## Objectives\n\nThe mission will support the police.\n', 'markdown')), 'strategy');
  });

  it('applies configured severities and turns rules off', () => {
    const error = ruleFindings(DRIFT, 'train-and-equip-drift');
    assert.ok(error.length && error.every((f) => f.severity === 'error'));
    const warning = ruleFindings(DRIFT, 'train-and-equip-drift', { format: 'markdown', rules: { 'train-and-equip-drift': { severity: 'warning', options: {} } } });
    assert.ok(warning.length && warning.every((f) => f.severity === 'warning'));
    assert.equal(ruleFindings(DRIFT, 'train-and-equip-drift', { format: 'markdown', rules: { 'train-and-equip-drift': { severity: 'off', options: {} } } }).length, 0);
    const docOnly = ruleFindings(DRIFT, 'train-and-equip-drift', { format: 'markdown', rules: { 'train-and-equip-drift': { severity: 'error', options: { paragraphs: false } } } });
    assert.ok(docOnly.length && docOnly.every((f) => f.level === 'document'));
  });

  it('gives one finding per problem: a capability-only reform paragraph is drift, not also missing-governance', () => {
    const text = '(d) Support to the reform of the security sector, including through the training of new recruits and the provision of equipment;\n';
    const options = { format: 'markdown' as const, docType: 'mandate' as const };
    assert.ok(ruleFindings(text, 'train-and-equip-drift', options).some((f) => f.level === 'paragraph'));
    assert.equal(ruleFindings(text, 'missing-governance', options).filter((f) => f.level === 'paragraph').length, 0);
  });

  it('honours disable, enable, disable-next-paragraph and disable-file comments', () => {
    const block = [
      '# Draft',
      '',
      '<!-- mandate-lint-disable train-and-equip-drift -->',
      '',
      DRIFT,
      '<!-- mandate-lint-enable train-and-equip-drift -->',
      '',
      DRIFT,
      '<!-- mandate-lint-disable-next-paragraph -->',
      DRIFT,
      DRIFT,
    ].join('\n');
    const result = lintText(block, { format: 'markdown', cacheFacts: false });
    const lines = result.findings.filter((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph').map((f) => result.analysis.model.lines.positionAt(f.start).line);
    assert.deepEqual(lines, [9, 14]);
    assert.ok(!result.findings.some((f) => f.level === 'document' && f.ruleId === 'train-and-equip-drift'), 'a disable before the first paragraph also covers document findings');
    const file = lintText('<!-- mandate-lint-disable-file -->\n' + DRIFT, { format: 'markdown' });
    assert.equal(file.findings.length, 0);
  });

  it('reports unknown rule ids in comments without dropping findings', () => {
    const result = lintText('<!-- mandate-lint-disable no-such-rule -->\n\n' + DRIFT, { format: 'markdown' });
    assert.ok(result.problems.some((p) => /Unknown rule "no-such-rule"/.test(p.message)));
    assert.ok(result.findings.some((f) => f.ruleId === 'train-and-equip-drift'));
  });

  it('writes every message as found, missing and why, citing lessons by number', () => {
    const result = lintText('# Draft\n\n' + DRIFT, { format: 'markdown' });
    for (const f of result.findings) {
      assert.ok(f.found && f.missing && f.why, f.ruleId);
      assert.ok(f.message.startsWith(f.found));
      assert.match(f.why, /\((review|SG report), .*\d.*\)\.$/);
    }
  });

  it('anchors document findings on the title line and paragraph findings inside their paragraph', () => {
    const text = '# Draft on Kalindor\n\nThe Security Council,\n\n' + DRIFT;
    const result = lintText(text, { format: 'markdown' });
    const lines = result.analysis.model.lines;
    for (const f of result.findings) {
      const line = lines.positionAt(f.start).line;
      if (f.level === 'document') assert.equal(line, 1);
      else assert.equal(line, 5);
    }
  });

  it('says what a follow-up paragraph refers back to, not which stray word made it SSR', () => {
    const text = [
      'The Security Council,',
      '',
      '1. *Requests* UNMIKA to provide training to the Orvenian National Police;',
      '',
      '2. *Urges* the authorities to hold those responsible for these abuses accountable;',
    ].join('\n');
    const result = lintText(text, { format: 'markdown', docType: 'mandate' });
    const lines = result.analysis.model.lines;
    const followUp = result.findings.find((f) => f.ruleId === 'missing-gender' && f.level === 'paragraph' && lines.positionAt(f.start).line === 5);
    assert.ok(followUp, 'the follow-up paragraph is SSR content with no gender language');
    assert.match(followUp.message, /^Refers back to the security sector paragraph before it \("those responsible"\)\./);
  });

  it('says that a preamble welcomes capability support rather than asks for it', () => {
    const text = ['The Security Council,', '', '*Welcoming* the training provided by the European Union to the Kadoran Armed Forces,', '', '1. *Requests* UNMIKA to train the Kadoran Armed Forces;'].join('\n');
    const messages = lintText(text, { format: 'markdown', docType: 'mandate' })
      .findings.filter((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')
      .map((f) => f.message.split('.')[0]);
    assert.deepEqual(messages, ['Welcomes capability support to national forces ("training")', 'Asks for capability support to national forces ("train")']);
  });
});
