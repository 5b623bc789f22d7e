import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDocType, lintText } from '../../src/core/lint';
import { buildModel } from '../../src/core/model/model';
import { getRule, PRECEDENCE, RULES } from '../../src/core/rules/registry';

const DRIFT = '3. *Requests* the Mission to provide training and equipment to the national army;\n';

function ruleFindings(text: string, rule: string, extra: Parameters<typeof lintText>[1] = { format: 'markdown' }) {
  return lintText(text, { cacheFacts: false, ...extra }).findings.filter((f) => f.ruleId === rule);
}

describe('lint engine', () => {
  it('reads a paragraph the same whether its facts come fresh or from an earlier lint of another type (editor caches)', () => {
    const dir = join(__dirname, '..', '..', 'examples');
    const shape = (r: ReturnType<typeof lintText>) => JSON.stringify(r.findings.map((f) => [f.ruleId, f.start, f.end, f.message]));
    // Money ties the police to reform in a strategy, not in a Council text.
    const byType = '# Plan\n\nThe national police will double its budget through the public finance system by 2027.\n\nThe army needs a sustainable budget from the Ministry of Finance.\n';
    const texts = [byType, ...readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dir, f), 'utf8'))];
    assert.notEqual(shape(lintText(byType, { format: 'markdown', docType: 'strategy', cacheFacts: false })), '[]', 'the money paragraphs are findings in a strategy');
    for (const text of texts) {
      const orders = [['strategy', 'mandate', 'peace-agreement'], ['mandate', 'peace-agreement', 'strategy'], ['peace-agreement', 'strategy', 'mandate']] as const;
      for (const order of orders) {
        for (const docType of order) {
          const cached = lintText(text, { format: 'markdown', docType });
          const fresh = lintText(text, { format: 'markdown', docType, cacheFacts: false });
          assert.equal(shape(cached), shape(fresh), `${docType} after ${order.join(', ')}: ${text.slice(0, 40)}`);
        }
      }
    }
  });

  it('reads a draft that starts with a byte-order mark as the same draft, one character later (an editor may send the mark)', () => {
    const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');
    const plain = lintText(weak, { format: 'markdown', cacheFacts: false });
    const marked = lintText('\uFEFF' + weak, { format: 'markdown', cacheFacts: false });
    assert.deepEqual(
      marked.findings.map((f) => [f.ruleId, f.level, f.start, f.end, f.message]),
      plain.findings.map((f) => [f.ruleId, f.level, f.start + 1, f.end + 1, f.message]),
    );
    assert.ok(plain.findings.some((f) => f.level === 'document' && f.start > 0), 'document findings sit on the title\'s words');
  });

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

  it('declares precedence in the registry between known rules, with no circle', () => {
    assert.ok(PRECEDENCE.length >= 2);
    for (const p of PRECEDENCE) {
      assert.ok(getRule(p.rule) && getRule(p.yieldsTo), `${p.rule} → ${p.yieldsTo}`);
      assert.notEqual(p.rule, p.yieldsTo);
      assert.ok(p.why.length > 20);
    }
    // Following "yields to" never comes back to where it started.
    for (const rule of RULES) {
      const seen = new Set<string>();
      let frontier = [rule.id];
      while (frontier.length) {
        frontier = frontier.flatMap((id) => PRECEDENCE.filter((p) => p.rule === id).map((p) => p.yieldsTo)).filter((id) => !seen.has(id));
        frontier.forEach((id) => seen.add(id));
        assert.ok(!seen.has(rule.id), `precedence circle through ${rule.id}`);
      }
    }
    assert.ok(PRECEDENCE.some((p) => p.rule === 'missing-governance' && p.yieldsTo === 'train-and-equip-drift'));
    assert.ok(PRECEDENCE.some((p) => p.rule === 'integration-without-vetting' && p.yieldsTo === 'missing-governance'));
  });

  it('keeps the precedence when the winning rule is silenced: the problem stays its, it is not handed on', () => {
    const text = '(d) Support to the reform of the security sector, including through the training of new recruits and the provision of equipment;\n';
    const off = { format: 'markdown' as const, docType: 'mandate' as const, rules: { 'train-and-equip-drift': { severity: 'off' as const, options: {} } } };
    assert.equal(ruleFindings(text, 'train-and-equip-drift', off).length, 0);
    assert.equal(ruleFindings(text, 'missing-governance', off).filter((f) => f.level === 'paragraph').length, 0);
    const disabled = '<!-- mandate-lint-disable-next-paragraph train-and-equip-drift -->\n' + text;
    assert.equal(ruleFindings(disabled, 'missing-governance', { format: 'markdown', docType: 'mandate' }).filter((f) => f.level === 'paragraph').length, 0);
  });

  it('reports integration in a paragraph with no governance language as missing-governance only', () => {
    const ungoverned = 'The Security Council,\n\n1. *Requests* the Mission to support the integration of former combatants into the national army;\n';
    const options = { format: 'markdown' as const, docType: 'mandate' as const };
    assert.equal(ruleFindings(ungoverned, 'missing-governance', options).filter((f) => f.level === 'paragraph').length, 1);
    assert.equal(ruleFindings(ungoverned, 'integration-without-vetting', options).length, 0);
    // Turning missing-governance off does not hand the paragraph to integration-without-vetting.
    const mgOff = { ...options, rules: { 'missing-governance': { severity: 'off' as const, options: {} } } };
    assert.equal(ruleFindings(ungoverned, 'integration-without-vetting', mgOff).length, 0);
    // With governance language but no integration safeguard, it is integration-without-vetting's.
    const governed = 'The Security Council,\n\n1. *Requests* the Mission to support the integration of former combatants into the national army, under civilian oversight;\n';
    assert.equal(ruleFindings(governed, 'integration-without-vetting', options).length, 1);
    assert.equal(ruleFindings(governed, 'missing-governance', options).filter((f) => f.level === 'paragraph').length, 0);
  });

  it('places findings: a hit, else the opening verb; document findings on the title line; evidence in the text', () => {
    const text = '# Draft\n\nThe Security Council,\n\n3. *Requests* the Mission to provide training and equipment to the national army;\n';
    const result = lintText(text, { format: 'markdown', cacheFacts: false });
    const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
    assert.equal(text.slice(drift.start, drift.end), 'training');
    const gender = result.findings.find((f) => f.ruleId === 'missing-gender' && f.level === 'paragraph')!;
    assert.equal(text.slice(gender.start, gender.end), 'Requests');
    for (const f of result.findings.filter((x) => x.level === 'document')) {
      assert.equal(text.slice(f.start, f.end), 'Draft', f.ruleId);
      for (const e of f.evidence) assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end, `${f.ruleId}: ${JSON.stringify(e)}`);
    }
    const docDrift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'document')!;
    assert.deepEqual(docDrift.evidence.map((e) => text.slice(e.start, e.end)), ['training']);
  });

  it('runs rules with their options: defaults from the schema, configured values, refused values left out', () => {
    const oneDefence = '# Draft\n\nThe Security Council,\n\n1. *Requests* the Mission to support the reform of the armed forces;\n';
    const options = { format: 'markdown' as const, docType: 'mandate' as const };
    assert.equal(ruleFindings(oneDefence, 'defence-dominance', options).length, 0, 'two defence paragraphs by default');
    const one = { ...options, rules: { 'defence-dominance': { severity: 'warning' as const, options: { minParagraphs: 1 } } } };
    assert.equal(ruleFindings(oneDefence, 'defence-dominance', one).length, 1);
    const refused = { ...options, rules: { 'defence-dominance': { severity: 'warning' as const, options: { minParagraphs: 'one' } } } };
    assert.equal(ruleFindings(oneDefence, 'defence-dominance', refused).length, 0, 'an invalid value falls back to the default');

    const mixed = [
      'The Security Council,',
      '',
      '1. *Requests* the Mission to provide training and equipment to the national army;',
      '',
      '2. *Requests* the Mission to support the national police, under civilian oversight and in compliance with the human rights due diligence policy;',
    ].join('\n');
    const drift = (ratio?: number) =>
      ruleFindings(mixed, 'train-and-equip-drift', { ...options, rules: ratio === undefined ? undefined : { 'train-and-equip-drift': { severity: 'error', options: { documentRatio: ratio } } } }).filter((f) => f.level === 'document').length;
    assert.equal(drift(), 0, 'one drifting paragraph against one governed: not mostly capability');
    assert.equal(drift(0.5), 1);
    // Level options apply only to the rules that have both levels.
    const docOnlyOnSingleLevel = ruleFindings(oneDefence, 'defence-dominance', { ...options, rules: { 'defence-dominance': { severity: 'warning', options: { minParagraphs: 1, document: false } } } });
    assert.equal(docOnlyOnSingleLevel.length, 1, 'defence-dominance has no "document" option');
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

  it('reads a reason after " -- " in a comment as a reason, not as rule names', () => {
    const paragraphs = (comment: string) => {
      const result = lintText(`# Draft\n\n${DRIFT}\n\n${comment}\n${DRIFT}\n`, { format: 'markdown', cacheFacts: false });
      return { problems: result.problems.map((p) => p.message), drift: result.findings.filter((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph').length };
    };
    const plain = paragraphs('<!-- mandate-lint-disable-next-paragraph train-and-equip-drift -->');
    assert.deepEqual(paragraphs('<!-- mandate-lint-disable-next-paragraph train-and-equip-drift -- the annex sets the oversight -->'), plain);
    assert.deepEqual(plain.problems, []);
    assert.equal(plain.drift, 1, 'the second paragraph is silenced');
    // With no rule before the reason, every rule is silenced, as with no rule at all.
    assert.deepEqual(paragraphs('<!-- mandate-lint-disable-next-paragraph -- agreed in committee -->'), paragraphs('<!-- mandate-lint-disable-next-paragraph -->'));
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

  it('says that a paragraph is part of an SSR strategy when no institution made it SSR content', () => {
    const text = [
      '# Kadora 2030',
      '',
      "Security sector reform is the Government's first task for the next five years.",
      '',
      'Priority goes to prevention, with a review of the resources the reform needs by 2028.',
    ].join('\n');
    const result = lintText(text, { format: 'markdown', docType: 'strategy' });
    const lines = result.analysis.model.lines;
    const plan = result.findings.find((f) => f.ruleId === 'missing-gender' && f.level === 'paragraph' && lines.positionAt(f.start).line === 5);
    assert.ok(plan, "the strategy's plan is SSR content with no gender language");
    assert.match(plan.message, /^Plans part of a security sector reform strategy \("[^"]+"\)\./);
  });

  it('says that a preamble welcomes capability support rather than asks for it', () => {
    const text = ['The Security Council,', '', '*Welcoming* the training provided by the European Union to the Kadoran Armed Forces,', '', '1. *Requests* UNMIKA to train the Kadoran Armed Forces;'].join('\n');
    const messages = lintText(text, { format: 'markdown', docType: 'mandate' })
      .findings.filter((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')
      .map((f) => f.message.split('.')[0]);
    assert.deepEqual(messages, ['Welcomes capability support to national forces ("training")', 'Asks for capability support to national forces ("train")']);
  });

  it("does not read a State's own strategy that names no mission as readying forces for a mission's exit", () => {
    const text = [
      '# Kadora White Book 2031: the Armed Forces',
      '',
      'The Air Assault Forces were withdrawn from the Land Forces and re-formed as a separate branch of the Armed Forces.',
      '',
      'In 2032 we will train and equip four more air assault battalions to the standards of our partners.',
      '',
    ].join('\n');
    const drift = ruleFindings(text, 'train-and-equip-drift', { format: 'markdown', docType: 'strategy' });
    const document = drift.find((f) => f.level === 'document');
    assert.ok(document, 'the capability-only plan still weighs the draft towards capability');
    assert.doesNotMatch(document.message, /exit/);
    assert.ok(drift.filter((f) => f.level === 'paragraph').every((f) => !/hand over or leave/.test(f.message)));
    assert.equal(ruleFindings(text, 'exit-without-transition', { format: 'markdown', docType: 'strategy' }).length, 0);
  });
});
