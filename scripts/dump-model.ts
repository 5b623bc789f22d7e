/** Prints the document model of a file: one line per unit (developer aid). */
import { readFileSync } from 'node:fs';
import { buildModel } from '../server/src/core/model/model';

const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const model = buildModel(text, /\.(md|markdown)$/i.test(file) ? 'markdown' : 'plaintext');
for (const u of model.units) {
  const line = model.lines.positionAt(u.start).line;
  const snippet = text.slice(u.contentStart, Math.min(u.end, u.contentStart + 70)).replace(/\s+/g, ' ');
  console.log(
    `${String(line).padStart(4)} #${u.id} ${u.kind.padEnd(12)} L${u.level} ${u.marker ? `[${u.marker.style}:${u.marker.label}]` : ''} ${u.parent !== undefined ? `^${u.parent}` : ''}${u.leadIn ? ' LEADIN' : ''} ${u.opener ? `<${u.opener.kind}:${u.opener.text}>` : ''} | ${snippet}`,
  );
}
