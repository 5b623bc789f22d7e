/**
 * Prints the document model and the clause reading of a draft: one block per unit with its kind, numbering,
 * opener, and how it is read — act, who is asked, whether it asks for support, whether it is SSR content and
 * why — then each clause (act, addressees, subject, predicate, kind of action) and the roles of its words.
 *
 * Usage: npx tsx scripts/dump-model.ts <file> [--doc-type mandate|strategy|peace-agreement] [--hits]
 */
import { readFileSync } from 'node:fs';
import type { DocType } from '../src/core/analysis';
import { lintText } from '../src/core/lint';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npx tsx scripts/dump-model.ts <file> [--doc-type mandate|strategy|peace-agreement] [--hits]');
  process.exit(2);
}
const typeAt = args.indexOf('--doc-type');
const docType = typeAt >= 0 ? (args[typeAt + 1] as DocType) : undefined;
const showHits = args.includes('--hits');
const text = readFileSync(file, 'utf8');
const result = lintText(text, { format: /\.(md|markdown)$/i.test(file) ? 'markdown' : 'plaintext', docType, cacheFacts: false });
const { analysis } = result;
const { model } = analysis;
const short = (s: string, n = 90) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
};

console.log(`${file}: ${result.docType} (${result.docTypeSource}), ${model.units.length} units`);
for (const u of analysis.units) {
  const unit = u.unit;
  const line = model.lines.positionAt(unit.start).line;
  const structure = [
    unit.kind,
    `L${unit.level}`,
    unit.marker ? `[${unit.marker.style}:${unit.marker.label}]` : '',
    unit.parent !== undefined ? `^${unit.parent}` : '',
    unit.leadIn ? 'lead-in' : '',
    unit.opener ? `<${unit.opener.kind}:${unit.opener.text}>` : '',
  ].filter(Boolean);
  console.log(`\n${String(line).padStart(4)} #${unit.id} ${structure.join(' ')} | ${short(model.text.slice(unit.contentStart, unit.end))}`);
  if (unit.kind === 'title' || unit.kind === 'heading' || unit.kind === 'formula') continue;
  const r = u.reading;
  const verdict = [
    `act=${r.act}`,
    `asks=${r.asks}`,
    r.addressees.length ? `addressees=${r.addressees.join('+')}` : '',
    u.ssr ? `SSR(${r.ssrBasis}${r.refersTo !== undefined ? ` → #${r.refersTo}` : ''})` : 'not SSR',
    r.aboutForces ? 'about forces' : '',
    u.judged ? 'judged' : '',
  ].filter(Boolean);
  console.log(`       reading: ${verdict.join(', ')}`);
  const text = model.masked.slice(u.offset, unit.end);
  const own = u.facts.reading;
  own.clauses.forEach((c, i) => {
    const predicate = u.facts.hits.length || c.predicate < Number.MAX_SAFE_INTEGER ? wordAt(text, c, u) : '';
    const parts = [
      `act=${c.act}${c.actStart !== undefined ? ` "${text.slice(c.actStart, c.actEnd)}"` : ''}`,
      c.subject ? `subject=${c.subject}` : '',
      c.addressees.length ? `to=${c.addressees.join('+')}` : '',
      `action=${c.action}`,
      predicate ? `predicate="${predicate}"` : '',
    ].filter(Boolean);
    console.log(`       clause ${i}: ${parts.join(', ')} | ${short(text.slice(c.start, c.end), 70)}`);
  });
  if (own.backReference) console.log(`       refers back: "${text.slice(own.backReference.start, own.backReference.end)}"`);
  const roles = u.facts.hits.filter((h) => h.role !== 'core' && !h.concept.startsWith('actor-'));
  if (roles.length) console.log(`       roles: ${roles.map((h) => `${h.role}:"${text.slice(h.start, h.end)}"`).join(', ')}`);
  if (showHits) console.log(`       hits: ${u.facts.hits.map((h) => `${h.concept}:"${text.slice(h.start, h.end)}"${h.negated ? '(neg)' : ''}${h.missionOwn ? '(mission)' : ''}${h.delivered ? '' : '(named)'}`).join(', ')}`);
}
console.log('\nFindings:');
for (const f of result.findings) console.log(`  ${model.lines.positionAt(f.start).line}: ${f.ruleId} ${f.level}: ${f.found} ${f.missing}`);

function wordAt(text: string, c: { predicate: number; t0: number; t1: number }, u: { facts: { tokenCount: number } }): string {
  if (c.predicate >= c.t1 || c.predicate >= u.facts.tokenCount) return '';
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’&][\p{L}\p{N}]+)*/gu)];
  return words[c.predicate]?.[0] ?? '';
}
