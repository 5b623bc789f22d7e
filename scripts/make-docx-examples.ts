/**
 * Writes examples/weak-mandate.docx and examples/strong-mandate.docx from their Markdown twins with the `docx`
 * package, as a drafter's Word file would have them: the title in the Title style, operative paragraphs and
 * sub-paragraphs numbered by Word's automatic numbering ("1.", "(a)"), preambular participles and operative verbs
 * in italic runs. The weak draft also carries tracked changes by two delegations: a date replaced, a clause
 * inserted, and an operative paragraph deleted whole, so that, with the changes accepted, it reads exactly like
 * weak-mandate.md (and before them, differently).
 *
 *   npx tsx scripts/make-docx-examples.ts            # writes both into examples/
 *   npx tsx scripts/make-docx-examples.ts <dir>      # elsewhere (tests compare a fresh build with the committed one)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AlignmentType, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, LevelFormat, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';

const ROOT = resolve(__dirname, '..');
const DATE = '2026-02-03T10:00:00Z';
const PENHOLDER = { author: 'Penholder (France)', date: DATE };
const DELEGATION = { author: 'Delegation of Kalindor', date: DATE };

/** A change of the weak draft: in the paragraph that starts with `where`, `find` is replaced by insertions/deletions. */
interface Change {
  where: string;
  find: string;
  runs: (id: () => number) => ParagraphChild[];
}

const WEAK_CHANGES: Change[] = [
  {
    where: '*Decides* to extend the mandate of MINUKAL until',
    find: '31 March 2027',
    runs: (id) => [new DeletedTextRun({ text: '31 December 2026', id: id(), ...DELEGATION }), new InsertedTextRun({ text: '31 March 2027', id: id(), ...PENHOLDER })],
  },
  {
    where: 'to support the extension of State authority',
    find: ', in particular by providing logistical support for the redeployment of the KDSF and of prefectoral administrators to Upper Dalun and Kiranga',
    runs: (id) => [new InsertedTextRun({ text: ', in particular by providing logistical support for the redeployment of the KDSF and of prefectoral administrators to Upper Dalun and Kiranga', id: id(), ...DELEGATION })],
  },
];

/** An operative paragraph the penholder deleted: gone once the changes are accepted, there before them. */
const WEAK_DELETED_AFTER = '*Requests* MINUKAL to support the swift integration';
const WEAK_DELETED_TEXT = ' MINUKAL to support the vetting of KDSF personnel by the National Assembly and to report on human rights violations by the KDSF;';

const NUMBERING = {
  config: [
    {
      reference: 'operative',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 567, hanging: 567 } } } },
        { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 1134, hanging: 567 } } } },
        { level: 2, format: LevelFormat.LOWER_ROMAN, text: '(%3)', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 1701, hanging: 567 } } } },
      ],
    },
  ],
};

/** Text with *italic* stretches as runs; `extra` replaces a stretch of the plain text with other runs. */
function runsOf(text: string, change?: { find: string; runs: ParagraphChild[] }): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const parts = text.split(/(\*[^*]+\*)/).filter(Boolean);
  for (const part of parts) {
    if (part.startsWith('*') && part.endsWith('*')) {
      out.push(new TextRun({ text: part.slice(1, -1), italics: true }));
      continue;
    }
    const at = change ? part.indexOf(change.find) : -1;
    if (change && at >= 0) {
      if (at > 0) out.push(new TextRun(part.slice(0, at)));
      out.push(...change.runs);
      const rest = part.slice(at + change.find.length);
      if (rest) out.push(new TextRun(rest));
      continue;
    }
    out.push(new TextRun(part));
  }
  return out;
}

function build(markdown: string, weak: boolean, title: string, changes: Change[] = weak ? WEAK_CHANGES : []): Document {
  let revision = 100;
  const id = () => revision++;
  const paragraphs: Paragraph[] = [];
  for (const block of markdown.split(/\n{2,}/).map((b) => b.trim()).filter(Boolean)) {
    if (block.startsWith('# ')) {
      paragraphs.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(block.slice(2))] }));
      continue;
    }
    const operative = /^(\d+)\.\s+/.exec(block);
    const sub = /^\(([a-z])\)\s+/.exec(block);
    const body = operative ? block.slice(operative[0].length) : sub ? block.slice(sub[0].length) : block;
    const found = changes.find((c) => body.includes(c.where) || block.includes(c.where));
    const children = runsOf(body, found && { find: found.find, runs: found.runs(id) });
    const numbering = operative ? { reference: 'operative', level: 0 } : sub ? { reference: 'operative', level: 1 } : undefined;
    paragraphs.push(new Paragraph({ children, ...(numbering ? { numbering } : {}) }));
    if (weak && body.startsWith(WEAK_DELETED_AFTER)) {
      // A whole operative paragraph deleted: its runs and its paragraph mark.
      paragraphs.push(
        new Paragraph({
          numbering: { reference: 'operative', level: 0 },
          run: { deletion: { id: id(), ...PENHOLDER } },
          children: [new DeletedTextRun({ text: 'Requests', italics: true, id: id(), ...PENHOLDER }), new DeletedTextRun({ text: WEAK_DELETED_TEXT, id: id(), ...PENHOLDER })],
        }),
      );
    }
  }
  return new Document({ title, creator: 'Mandate Lint examples', numbering: NUMBERING, sections: [{ children: paragraphs }] });
}

/**
 * A long Word draft for `npm run bench`: a Markdown mandate ("# title", "N. ..." operative paragraphs, "(a) ..."
 * sub-paragraphs, *italic* verbs) with Word numbering, and, in every seventh operative paragraph, its words from
 * the first comma on as a tracked insertion.
 */
export async function wordDraftBytes(markdown: string, title: string): Promise<Buffer> {
  const changes: Change[] = [];
  markdown.split(/\n{2,}/).forEach((block, i) => {
    const comma = block.indexOf(', ');
    if (i % 7 !== 3 || !/^\d+\.\s/.test(block) || comma < 0) return;
    const find = block.slice(comma).replace(/\*/g, '');
    if (block.slice(comma).includes('*')) return;
    changes.push({ where: block.slice(block.indexOf(' ') + 1, comma), find, runs: (id) => [new InsertedTextRun({ text: find, id: id(), ...DELEGATION })] });
  });
  return Packer.toBuffer(build(markdown, false, title, changes));
}

export async function makeExamples(outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [name, weak] of [
    ['weak-mandate', true],
    ['strong-mandate', false],
  ] as const) {
    const markdown = readFileSync(join(ROOT, 'examples', `${name}.md`), 'utf8');
    const title = /^# (.+)$/m.exec(markdown)?.[1] ?? name;
    const target = join(outDir, `${name}.docx`);
    writeFileSync(target, await Packer.toBuffer(build(markdown, weak, title)));
    written.push(target);
  }
  return written;
}

if (require.main === module) {
  makeExamples(resolve(process.argv[2] ?? join(ROOT, 'examples'))).then(
    (files) => console.log(`wrote ${files.join(', ')}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
