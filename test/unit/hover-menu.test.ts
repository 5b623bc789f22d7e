/**
 * The title of a draft carries every document finding: its hover (src/core/hover.ts) and its quick-fix menu
 * (fixMenu in src/core/fix-all.ts) must stay short, never repeat the message, and offer each edit once.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixMenu } from '../../src/core/fix-all';
import { applyEdits, fixesFor } from '../../src/core/fixes';
import { diagnosticMessage, findingsHover } from '../../src/core/hover';
import { lintText } from '../../src/core/lint';
import type { Snippet } from '../../src/core/snippets';
import core from '../../data/snippets/core.json';

const library = core.snippets as Snippet[];
const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');
const lint = (text: string) => lintText(text, { format: 'markdown', cacheFacts: false });
const links = { docs: (id: string) => `docs/rules/${id}.md`, evidence: () => 'command:show' };

describe('the title of a draft: hover and quick-fix menu (issue 13, point 4)', () => {
  const result = lint(weak);
  const title = result.findings.filter((f) => f.level === 'document');

  it('the title carries one finding per rule', () => {
    assert.ok(title.length >= 5, `${title.length} document findings`);
    assert.equal(new Set(title.map((f) => f.ruleId)).size, title.length);
  });

  it('hovers one short line per document finding with a link to its paragraphs, never the message or the evidence', () => {
    const hover = findingsHover(title, links);
    assert.ok(hover.length < 200 * title.length, `${hover.length} characters for ${title.length} findings`);
    for (const f of title) {
      assert.ok(!hover.includes(f.found) && !hover.includes(f.missing) && !hover.includes(f.why), `${f.ruleId}: the message is not repeated`);
      for (const e of f.evidence) assert.ok(!hover.includes(e.message), `${f.ruleId}: no evidence inline`);
      const places = new Set(f.evidence.map((e) => e.start)).size;
      if (places > 1) assert.match(hover, new RegExp(`\\[${f.ruleId}\\]\\(docs/rules/${f.ruleId}\\.md\\) · \\[show the ${places} paragraphs\\]\\(command:show\\)`));
    }
    assert.equal(hover.split('\n').length, title.length + 1, 'a heading and one line per finding');
  });

  it('gives a document finding a compact diagnostic message: what was found and what is missing, with the lessons', () => {
    for (const f of title) {
      const message = diagnosticMessage(f);
      assert.ok(message.length < f.message.length, f.ruleId);
      assert.ok(message.startsWith(f.found.replace(/\.$/, '')), message);
      assert.ok(!message.includes(f.why.replace(/\s*\(.*$/, '')), 'why it matters is left to the rule page');
      assert.match(message, /\((?:review|SG report).*\)\.$/);
    }
    const paragraph = result.findings.find((f) => f.level === 'paragraph')!;
    assert.equal(diagnosticMessage(paragraph), paragraph.message);
  });

  it('hovers a paragraph finding with the rule, the lessons and good language, not its message', () => {
    const drift = result.findings.find((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph')!;
    const hover = findingsHover([drift], links);
    assert.ok(!hover.includes(drift.found) && !hover.includes(drift.missing) && !hover.includes(drift.why));
    assert.match(hover, /review, lesson 9/);
    assert.match(hover, /What good language looks like/);
  });

  it('offers each edit once on the title, the best clause first, and one disable comment per rule apart', () => {
    const entries = title.map((finding) => ({ finding, fixes: fixesFor(result.analysis, finding, library) }));
    const flat = entries.flatMap((e) => e.fixes);
    const menu = fixMenu(entries);
    const titles = menu.fixes.map((m) => m.fix.title);
    assert.equal(new Set(titles).size, titles.length, `no title twice: ${titles.join(' | ')}`);
    assert.ok(menu.fixes.length < flat.filter((f) => f.kind !== 'disable').length || new Set(flat.map((f) => f.title)).size === flat.length, 'duplicates were merged');
    assert.equal(menu.disables.length, title.length, 'one disable entry per rule');
    assert.ok(menu.disables.every((d) => d.fix.kind === 'disable'));
    assert.ok(menu.fixes.every((d) => d.fix.kind !== 'disable'));
    assert.equal(menu.fixes.filter((m) => m.fix.preferred).length, menu.fixes.length ? 1 : 0);
    assert.ok(menu.fixes[0].fix.preferred, 'the best clause first');
    // The first finding in severity order is answered by the first entry.
    const worst = entries.map((e) => e.finding.severity).includes('error') ? 'error' : 'warning';
    assert.ok(menu.fixes[0].findings.some((i) => entries[i].finding.severity === worst));
    // A merged entry answers every rule it was offered for, and still applies.
    for (const m of menu.fixes) assert.doesNotThrow(() => applyEdits(weak, m.fix.edits));
  });

  it('merges the same clause offered for two findings into one entry that names both', () => {
    const fake = title.slice(0, 2).map((finding) => ({ finding, fixes: [{ title: 'Insert the same clause', kind: 'paragraph' as const, edits: [{ start: 0, end: 0, newText: 'x' }], preferred: true }] }));
    const menu = fixMenu(fake);
    assert.equal(menu.fixes.length, 1);
    assert.deepEqual(menu.fixes[0].findings, [0, 1]);
    assert.deepEqual(menu.fixes[0].ruleIds, [title[0].ruleId, title[1].ruleId]);
  });
});
