/**
 * Word drafts (issue 11): the reader (numbering, emphasis, tracked changes, comments, escaping, properties), the
 * example twins, the CLI (--docx-changes, --format json, --format report), and --annotate, checked by reading the
 * comments back, by converting the copy with headless LibreOffice and by comparing the package part by part.
 * Documents are made with the `docx` package and with LibreOffice from the Markdown examples.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Paragraph,
  TextRun,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { readDocx, annotateDocx } from '../src/docx';
import { formatNumber } from '../src/docx/numbering';
import { cleanWorkspaces, makeWorkspace } from './helpers/workspace';
import { cli, docxBytes, entries, hasLibreOffice, hostileDocxFiles, markdownToHtml, part, readBackComments, ROOT, soffice } from './helpers/docx';
import { makeExamples } from '../scripts/make-docx-examples';

const REV = { author: 'Jane Doe', date: '2026-01-01T00:00:00Z' };

const LEVELS = [
  { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
  { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START },
  { level: 2, format: LevelFormat.LOWER_ROMAN, text: '(%3)', alignment: AlignmentType.START },
];

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim());
}

interface JsonMessage {
  ruleId: string | null;
  severityName: string;
  message: string;
  line: number;
  column: number;
  wordParagraph?: number;
  fatal?: boolean;
}

function json(stdout: string): Array<{ filePath: string; docType?: string; messages: JsonMessage[] }> {
  return JSON.parse(stdout);
}

const INSERTED = / Found in text inserted by [^.]+\.$/;

/** A finding as the twin comparison sees it: rule, severity, message (without the tracked-change note), paragraph text. */
function comparable(messages: JsonMessage[], text: string): string[] {
  const all = text.split(/\r?\n/);
  return messages.map((m) => `${m.ruleId} ${m.severityName} ${m.message.replace(INSERTED, '')} @ ${all[m.line - 1]}`).sort();
}

describe('Word drafts (.docx)', function () {
  this.timeout(180000);
  after(cleanWorkspaces);

  describe('reading', () => {
    it('writes automatic numbering as the reader sees it: levels, formats, restarts, continued lists, style numbering', async () => {
      const doc = new Document({
        styles: { paragraphStyles: [{ id: 'Operative', name: 'Operative paragraph', paragraph: { numbering: { reference: 'ops', level: 0 } } }] },
        numbering: {
          config: [
            { reference: 'ops', levels: LEVELS },
            {
              reference: 'legal',
              levels: [
                { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.START },
                { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.START },
              ],
            },
          ],
        },
        sections: [
          {
            children: [
              new Paragraph({ numbering: { reference: 'ops', level: 0 }, children: [new TextRun({ text: 'Decides', italics: true }), new TextRun(' one;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 1 }, children: [new TextRun('sub a;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 2 }, children: [new TextRun('sub i;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 2 }, children: [new TextRun('sub ii;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 2 }, children: [new TextRun('sub iii;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 1 }, children: [new TextRun('sub b;')] }),
              new Paragraph({ children: [new TextRun('An unnumbered paragraph between.')] }),
              new Paragraph({ style: 'Operative', children: [new TextRun({ text: 'Requests', italics: true }), new TextRun(' two, numbered by its style;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 1 }, children: [new TextRun('sub a again;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 0, instance: 2 }, children: [new TextRun('a restarted list;')] }),
              new Paragraph({ numbering: { reference: 'legal', level: 0 }, children: [new TextRun('Part one')] }),
              new Paragraph({ numbering: { reference: 'legal', level: 1 }, children: [new TextRun('clause')] }),
            ],
          },
        ],
      });
      const reading = readDocx(await docxBytes(doc));
      assert.deepEqual(lines(reading.text), [
        '1. *Decides* one;',
        '(a) sub a;',
        '(i) sub i;',
        '(ii) sub ii;',
        '(iii) sub iii;',
        '(b) sub b;',
        'An unnumbered paragraph between.',
        '2. *Requests* two, numbered by its style;',
        '(a) sub a again;',
        '1. a restarted list;',
        'I. Part one',
        'I.1 clause',
      ]);
      assert.deepEqual([1, 26, 27, 28, 52, 53, 702].map((n) => formatNumber(n, 'lowerLetter')), ['a', 'z', 'aa', 'bb', 'zz', 'aaa', 'zzzzzzzzzzzzzzzzzzzzzzzzzzz']);
      assert.deepEqual([4, 9, 14, 40, 1994].map((n) => formatNumber(n, 'lowerRoman')), ['iv', 'ix', 'xiv', 'xl', 'mcmxciv']);
    });

    it('renders bold and italic runs as Markdown, never inside a word, and escapes text that would be markup', async () => {
      const doc = new Document({
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Draft resolution')] }),
              new Paragraph({ children: [new TextRun({ text: 'Recalling ', italics: true }), new TextRun('its resolutions,')] }),
              new Paragraph({ children: [new TextRun({ text: 'Decides', bold: true }), new TextRun(' to act; '), new TextRun({ text: 'both', bold: true, italics: true })] }),
              new Paragraph({ children: [new TextRun({ text: 'Dec', italics: true }), new TextRun('ides in half')] }),
              new Paragraph({ children: [new TextRun('# not a heading')] }),
              new Paragraph({ children: [new TextRun('- not a list')] }),
              new Paragraph({ children: [new TextRun('<!-- mandate-lint-disable-file --> is only text here')] }),
              new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Section')] }),
              new Paragraph({ children: [] }),
            ],
          },
        ],
      });
      const reading = readDocx(await docxBytes(doc));
      assert.deepEqual(lines(reading.text), [
        '# Draft resolution',
        '*Recalling* its resolutions,',
        '**Decides** to act; ***both***',
        'Decides in half',
        '\\# not a heading',
        '\\- not a list',
        '<\\!-- mandate-lint-disable-file --> is only text here',
        '## Section',
      ]);
    });

    it('reads a paragraph with a long run of blanks inside its last run, and its bold words, without trying every blank', async () => {
      // Trailing blanks were cut with /\s+$/, which tries every start in a run of blanks: quadratic, minutes at 1 MB.
      // Spaces and no-break spaces in a fixed pseudo-random mix, so that the package is not refused as a zip bomb.
      let seed = 7;
      const blanks = Array.from({ length: 1_000_000 }, () => ((seed = (seed * 1103515245 + 12345) % 2147483648) & 1024 ? ' ' : '\u00a0')).join('');
      const doc = new Document({
        sections: [
          {
            children: [
              new Paragraph({ children: [new TextRun({ text: `Decides${blanks}to act `, bold: true }), new TextRun(`on the report${blanks}of the Secretary-General   `)] }),
            ],
          },
        ],
      });
      const reading = readDocx(await docxBytes(doc));
      assert.equal(reading.text.trimEnd(), `**Decides${blanks}to act** on the report${blanks}of the Secretary-General`);
    });

    it('reads tracked changes as accepted by default and as the original with changes: original; comments are not text', async () => {
      const doc = new Document({
        comments: { children: [{ id: 0, author: 'Reviewer', children: [new Paragraph('COMMENT TEXT')] }] },
        numbering: { config: [{ reference: 'ops', levels: LEVELS }] },
        sections: [
          {
            children: [
              new Paragraph({ numbering: { reference: 'ops', level: 0 }, children: [new TextRun('Decides to extend until '), new DeletedTextRun({ text: '2026', id: 1, ...REV }), new InsertedTextRun({ text: '2027', id: 2, ...REV }), new TextRun(';')] }),
              new Paragraph({
                numbering: { reference: 'ops', level: 0 },
                run: { deletion: { id: 3, ...REV } },
                children: [new DeletedTextRun({ text: 'Requests a deleted paragraph;', id: 4, ...REV })],
              }),
              new Paragraph({ numbering: { reference: 'ops', level: 0 }, children: [new CommentRangeStart(0), new TextRun('Requests the last one;'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] }),
            ],
          },
        ],
      });
      const bytes = await docxBytes(doc);
      const accepted = readDocx(bytes);
      assert.deepEqual(lines(accepted.text), ['1. Decides to extend until 2027;', '2. Requests the last one;']);
      assert.doesNotMatch(accepted.text, /COMMENT TEXT/);
      const original = readDocx(bytes, { changes: 'original' });
      assert.deepEqual(lines(original.text), ['1. Decides to extend until 2026;', '2. Requests a deleted paragraph;', '3. Requests the last one;']);

      // Moves: moved-to text is kept when accepted, moved-from text in the original.
      const files = unzipSync(bytes);
      const xml = new TextDecoder().decode(files['word/document.xml']).replace(/<w:ins /g, '<w:moveTo ').replace(/<\/w:ins>/g, '</w:moveTo>').replace(/<w:del ([^>]*)>(?=<w:r>)/g, '<w:moveFrom $1>').replace(/<\/w:del>/g, '</w:moveFrom>');
      files['word/document.xml'] = strToU8(xml);
      const moved = zipSync(files);
      assert.match(readDocx(moved).text, /until 2027;/);
      assert.match(readDocx(moved, { changes: 'original' }).text, /until 2026;/);
    });

    it('takes the document type from the document properties', async () => {
      const doc = new Document({ keywords: 'mandate-lint: strategy', sections: [{ children: [new Paragraph('The mission will train the police in 2026.')] }] });
      const ws = makeWorkspace({ 'plan.docx': await docxBytes(doc) });
      const run = cli(['--format', 'json', 'plan.docx'], ws);
      assert.equal(json(run.stdout)[0].docType, 'strategy');
      // --doc-type wins over the properties, as it wins over front matter.
      assert.equal(json(cli(['--format', 'json', '--doc-type', 'mandate', 'plan.docx'], ws).stdout)[0].docType, 'mandate');
    });
  });

  describe('the examples', () => {
    it('are Word documents with automatic numbering and italic verbs, the weak one with tracked changes, and match their generator', async () => {
      const fresh = mkdtempSync(join(tmpdir(), 'mandate-lint-docx-examples-'));
      await makeExamples(fresh);
      for (const name of ['weak-mandate', 'strong-mandate']) {
        const committed = join(ROOT, 'examples', `${name}.docx`);
        const xml = part(committed, 'word/document.xml')!;
        assert.match(xml, /<w:numPr><w:ilvl w:val="0"\/>/, `${name}: operative paragraphs use Word numbering`);
        assert.match(xml, /<w:numPr><w:ilvl w:val="1"\/>/, `${name}: sub-paragraphs use Word numbering`);
        assert.doesNotMatch(xml, /<w:t[^>]*>\s*\d+\.\s/, `${name}: no number typed by hand`);
        assert.match(xml, /<w:i\/>/, `${name}: italic runs`);
        assert.equal(readDocx(readFileSync(committed)).text, readDocx(readFileSync(join(fresh, `${name}.docx`))).text, `${name}.docx is what scripts/make-docx-examples.ts writes`);
        assert.equal(readDocx(readFileSync(committed)).text, readFileSync(join(ROOT, 'examples', `${name}.md`), 'utf8'), `${name}.docx reads exactly as ${name}.md`);
      }
      const weak = part(join(ROOT, 'examples', 'weak-mandate.docx'), 'word/document.xml')!;
      assert.match(weak, /<w:ins /);
      assert.match(weak, /<w:delText/);
    });

    it('mandate-lint examples/ reports the same findings for each .docx as for its Markdown twin', () => {
      const run = cli(['--format', 'json', 'examples/'], ROOT);
      assert.equal(run.code, 1);
      const results = json(run.stdout);
      for (const name of ['weak-mandate', 'strong-mandate']) {
        const md = results.find((r) => r.filePath.endsWith(`${name}.md`))!;
        const docx = results.find((r) => r.filePath.endsWith(`${name}.docx`))!;
        assert.ok(md && docx, `${name}: both linted`);
        const mdText = readFileSync(join(ROOT, 'examples', `${name}.md`), 'utf8');
        const docxText = readDocx(readFileSync(join(ROOT, 'examples', `${name}.docx`))).text;
        assert.deepEqual(comparable(docx.messages, docxText), comparable(md.messages, mdText), name);
        if (name === 'strong-mandate') assert.equal(docx.messages.length, 0);
        else assert.ok(docx.messages.length >= 20);
      }
      // Findings in the delegation's inserted clause say so; every message carries its Word paragraph.
      const weak = results.find((r) => r.filePath.endsWith('weak-mandate.docx'))!;
      const inserted = weak.messages.filter((m) => INSERTED.test(m.message));
      assert.deepEqual(inserted.map((m) => m.ruleId), ['train-and-equip-drift']);
      assert.match(inserted[0].message, /Found in text inserted by Delegation of Kalindor\.$/);
      assert.ok(weak.messages.every((m) => Number.isInteger(m.wordParagraph) && m.wordParagraph! >= 1));
      const reading = readDocx(readFileSync(join(ROOT, 'examples', 'weak-mandate.docx')));
      const paragraph = reading.paragraphs.find((p) => p.word[0] + 1 === inserted[0].wordParagraph)!;
      assert.match(reading.text.slice(paragraph.start, paragraph.end), /logistical support/);
    });

    it('--docx-changes original reads the weak draft before its tracked changes', () => {
      const run = cli(['--format', 'json', '--docx-changes', 'original', 'examples/weak-mandate.docx'], ROOT);
      const messages = json(run.stdout)[0].messages;
      // The deleted paragraph asked for vetting and human rights reporting: there is governance language after all.
      assert.ok(!messages.some((m) => m.ruleId === 'missing-governance' && m.line === 1), 'no document-level missing-governance finding');
      assert.ok(!messages.some((m) => INSERTED.test(m.message)), 'the inserted clause is not there');
      assert.match(cli(['--docx-changes', 'both', 'examples/weak-mandate.docx'], ROOT).stderr, /unknown --docx-changes mode "both"/);
    });

    it('--format report works on a Word draft', () => {
      const ws = makeWorkspace({});
      const run = cli(['--format', 'report', '-o', join(ws, 'weak.md'), 'examples/weak-mandate.docx'], ROOT);
      // The exit code follows the findings, as for the Markdown draft: the weak draft has errors.
      assert.equal(run.code, cli(['--format', 'report', '-o', join(ws, 'weak-md.md'), 'examples/weak-mandate.md'], ROOT).code);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /wrote .*weak\.md and .*weak\.html/);
      const report = readFileSync(join(ws, 'weak.md'), 'utf8');
      assert.match(report, /Lessons coverage report/);
      assert.match(report, /weak-mandate\.docx/);
      assert.match(readFileSync(join(ws, 'weak.html'), 'utf8'), /<svg class="chart"/);
    });
  });

  describe('--annotate', () => {
    const annotateWeak = (ws: string, source: string, target: string) => cli([source, '--annotate', target, '--format', 'json'], ws);

    it('writes one comment per finding, anchored on the words it points at, and changes nothing else', () => {
      const ws = makeWorkspace({ 'weak.docx': readFileSync(join(ROOT, 'examples', 'weak-mandate.docx')) });
      const run = annotateWeak(ws, 'weak.docx', 'reviewed.docx');
      assert.equal(run.code, 1);
      const messages = json(run.stdout)[0].messages;
      assert.match(run.stderr, new RegExp(`wrote reviewed\\.docx: ${messages.length} comments on weak\\.docx`));
      const comments = readBackComments(join(ws, 'reviewed.docx'));
      assert.equal(comments.length, messages.length);
      assert.ok(comments.every((c) => c.author === 'Mandate Lint' && c.referenced && c.anchored.length > 0));
      // Each comment: the message, the lessons, the rule; anchored on the words the finding points at.
      // Several findings can say the same words (the same rule on two paragraphs): each comment is used once, and
      // its anchor must be exactly the words the finding's range covers (without the Markdown emphasis markers).
      const reading = readDocx(readFileSync(join(ws, 'weak.docx')));
      const linted = reading.text.split('\n');
      const pool = [...comments];
      for (const m of messages as Array<JsonMessage & { endLine: number; endColumn: number }>) {
        assert.equal(m.endLine, m.line, `${m.ruleId}: one-line range`);
        const words = linted[m.line - 1].slice(m.column - 1, m.endColumn - 1).replace(/\*/g, '').trim();
        const at = pool.findIndex((c) => c.text.startsWith(m.message) && c.text.includes(`rule ${m.ruleId} (${m.severityName})`) && c.anchored.trim() === words);
        assert.ok(at >= 0, `a comment for ${m.ruleId} at ${m.line}:${m.column} anchored on "${words}"`);
        const [comment] = pool.splice(at, 1);
        assert.match(comment.text, /Lessons: /);
      }
      assert.equal(pool.length, 0);
      const drift = comments.find((c) => c.text.includes('("logistical support")'))!;
      assert.equal(drift.anchored, 'logistical support');
      const title = comments.filter((c) => c.anchored === 'Draft resolution: The situation in the Republic of Kalindor');
      assert.ok(title.length >= 5, 'document findings sit on the title paragraph');

      // The package: same entries in the same order, every part unchanged but the document, its comments and rels.
      const before = entries(join(ws, 'weak.docx'));
      const after = entries(join(ws, 'reviewed.docx'));
      const touched = new Set(['word/document.xml', 'word/comments.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml']);
      assert.deepEqual(after.map(([n]) => n).filter((n) => !touched.has(n)), before.map(([n]) => n).filter((n) => !touched.has(n)));
      for (const [name, data] of before) {
        if (touched.has(name)) continue;
        assert.deepEqual(after.find(([n]) => n === name)![1], data, `${name} is unchanged`);
      }
      // Read back with the project's reader, the text is the same: comments are not text.
      assert.equal(readDocx(readFileSync(join(ws, 'reviewed.docx'))).text, reading.text);
      // The tracked changes are still there.
      assert.match(part(join(ws, 'reviewed.docx'), 'word/document.xml')!, /<w:ins w:id="\d+" w:author="Delegation of Kalindor"/);
    });

    it('writes well-formed XML around tracked formatting, xml:space="default" and fields, and keeps comment markers out of field results', () => {
      const weak = readFileSync(join(ROOT, 'examples', 'weak-mandate.docx'));
      const files = unzipSync(weak);
      const xml = new TextDecoder().decode(files['word/document.xml']);
      const sentence = '<w:r><w:t xml:space="preserve"> donors to finance the construction of barracks and forward bases for newly integrated KDSF units in Upper Dalun;</w:t></w:r>';
      assert.ok(xml.includes(sentence), 'the weak example holds the sentence the variants change');
      const variants: Record<string, string> = {
        // Word's tracked formatting change: an rPr inside the run's rPr.
        'format-change': '<w:r><w:rPr><w:b/><w:rPrChange w:id="903" w:author="Jane Doe" w:date="2026-01-01T00:00:00Z"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t xml:space="preserve"> donors to finance the construction of barracks and forward bases for newly integrated KDSF units in Upper Dalun;</w:t></w:r>',
        'space-default': '<w:r><w:t xml:space="default">donors to finance the construction of barracks and forward bases for newly integrated KDSF units in Upper Dalun;</w:t></w:r>',
        'simple-field': '<w:r><w:t xml:space="preserve"> donors to finance the construction of </w:t></w:r><w:fldSimple w:instr=" DOCPROPERTY Facility "><w:r><w:t>barracks</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> and forward bases for newly integrated KDSF units in Upper Dalun;</w:t></w:r>',
        'complex-field': '<w:r><w:t xml:space="preserve"> donors to finance the construction of </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY Facility </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>barracks</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> and forward bases for newly integrated KDSF units in Upper Dalun;</w:t></w:r>',
      };
      const ws = makeWorkspace({});
      for (const [name, replacement] of Object.entries(variants)) {
        writeFileSync(join(ws, `${name}.docx`), zipSync({ ...files, 'word/document.xml': strToU8(xml.replace(sentence, replacement)) }));
        const run = annotateWeak(ws, `${name}.docx`, `${name}-reviewed.docx`);
        assert.equal(run.code, 1, `${name}: ${run.stderr}`);
        const out = part(join(ws, `${name}-reviewed.docx`), 'word/document.xml')!;
        const valid = XMLValidator.validate(out);
        assert.equal(valid, true, `${name}: ${JSON.stringify(valid)}`);
        assert.equal(readDocx(readFileSync(join(ws, `${name}-reviewed.docx`))).text, readDocx(readFileSync(join(ws, `${name}.docx`))).text, `${name}: the text is unchanged`);
        const comments = readBackComments(join(ws, `${name}-reviewed.docx`));
        assert.ok(comments.length > 20 && comments.every((c) => c.referenced), name);
        assert.doesNotMatch(out, /<w:fldSimple[^>]*>(?:(?!<\/w:fldSimple>).)*comment(?:RangeEnd|Reference|RangeStart)/s, `${name}: no comment marker inside a simple field`);
        const separate = out.indexOf('fldCharType="separate"');
        if (separate >= 0) assert.doesNotMatch(out.slice(separate, out.indexOf('fldCharType="end"', separate)), /comment(?:RangeEnd|Reference|RangeStart)/, `${name}: no comment marker in a field's result`);
      }
      // The tracked formatting change is kept once, on the run that had it, and read as the current formatting.
      const formatted = part(join(ws, 'format-change-reviewed.docx'), 'word/document.xml')!;
      assert.equal(formatted.match(/w:rPrChange w:id="903"/g)?.length, 1);
    });

    it('running it again replaces its own comments and keeps everyone else\'s', async () => {
      const doc = new Document({
        comments: { children: [{ id: 0, author: 'Jane Doe', children: [new Paragraph('Check this with the penholder.')] }] },
        numbering: { config: [{ reference: 'ops', levels: LEVELS }] },
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Draft')] }),
              new Paragraph('The Security Council,'),
              new Paragraph({ numbering: { reference: 'ops', level: 0 }, children: [new CommentRangeStart(0), new TextRun({ text: 'Requests', italics: true }), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }), new TextRun(' UNSMIX to provide training and equipment to the national army;')] }),
              new Paragraph({ numbering: { reference: 'ops', level: 1 }, children: [new InsertedTextRun({ text: 'to deliver fuel and rations to the army battalions;', id: 5, ...REV })] }),
            ],
          },
        ],
      });
      const ws = makeWorkspace({ 'draft.docx': await docxBytes(doc) });
      const first = cli(['draft.docx', '--annotate', 'one.docx', '--format', 'json'], ws);
      const findings = json(first.stdout)[0].messages.length;
      assert.ok(findings >= 2);
      const second = cli(['one.docx', '--annotate', 'two.docx'], ws);
      assert.match(second.stderr, new RegExp(`wrote two\\.docx: ${findings} comments on one\\.docx \\(replacing ${findings} from an earlier run\\)`));
      const comments = readBackComments(join(ws, 'two.docx'));
      assert.equal(comments.filter((c) => c.author === 'Mandate Lint').length, findings);
      const jane = comments.filter((c) => c.author === 'Jane Doe');
      assert.equal(jane.length, 1);
      assert.equal(jane[0].anchored, 'Requests');
      assert.equal((part(join(ws, 'two.docx'), 'word/document.xml')!.match(/<w:commentRangeStart /g) ?? []).length, findings + 1, 'no stray anchors');
      // The finding in the inserted sub-paragraph says who inserted it.
      assert.ok(comments.some((c) => /Found in text inserted by Jane Doe\./.test(c.text)));
    });

    it('refuses to overwrite the draft and needs exactly one Word draft', () => {
      const ws = makeWorkspace({ 'weak.docx': readFileSync(join(ROOT, 'examples', 'weak-mandate.docx')), 'a.md': '# A\n' });
      assert.match(cli(['weak.docx', '--annotate', 'weak.docx'], ws).stderr, /would overwrite the draft itself/);
      assert.match(cli(['a.md', '--annotate', 'x.docx'], ws).stderr, /needs exactly one Word draft/);
      assert.match(cli(['weak.docx', '--annotate', 'x.txt'], ws).stderr, /give a file name ending in \.docx/);
    });

    it('is deterministic for a given date and never writes comments outside the document', () => {
      const bytes = readFileSync(join(ROOT, 'examples', 'strong-mandate.docx'));
      const reading = readDocx(bytes);
      const date = new Date('2026-01-01T00:00:00Z');
      const a = annotateDocx(bytes, reading, [{ start: 0, end: 5, paragraphs: ['x'] }], { date });
      const b = annotateDocx(bytes, reading, [{ start: 0, end: 5, paragraphs: ['x'] }], { date });
      assert.deepEqual(a.bytes, b.bytes);
      assert.equal(a.comments, 1);
    });
  });

  describe('hostile and broken files', () => {
    it('each get one line saying why they are refused, and never hang (zip bombs, 10,000 entries, DTDs, encrypted, macros, truncated)', () => {
      const good = readFileSync(join(ROOT, 'examples', 'weak-mandate.docx'));
      const files = hostileDocxFiles(good);
      const ws = makeWorkspace(Object.fromEntries(files.map((f) => [f.name, Buffer.from(f.bytes)])));
      for (const file of files) {
        // The timeout only guards against a hang: speed is printed by npm run bench.
        const run = cli([file.name], ws, 15000);
        const lines = run.stdout.split('\n').filter((l) => l.startsWith(file.name));
        if (file.name === 'outside-links.docx') {
          assert.match(lines[0], file.says);
          assert.ok(lines.length > 20, 'the text in the file is read and linted all the same');
          continue;
        }
        assert.equal(run.code, 1, file.name);
        assert.equal(lines.length, 1, `${file.name}: one line\n${run.stdout}`);
        assert.match(lines[0], /^\S+:1:1 {2}error {2}Not linted: /);
        assert.match(lines[0], file.says, file.name);
        assert.doesNotMatch(run.stderr, /at \w+ \(|Error:/, `${file.name}: no stack trace`);
      }
    });

    it('a folder with a Word lock file beside the draft skips the lock file', () => {
      const ws = makeWorkspace({ 'drafts/weak.docx': readFileSync(join(ROOT, 'examples', 'weak-mandate.docx')), 'drafts/~$weak.docx': Buffer.from([0x4a, 0x44, 0, 0]) });
      const run = cli(['--format', 'json', 'drafts/'], ws);
      assert.deepEqual(json(run.stdout).map((r) => r.filePath.replace(/.*[\\/]/, '')), ['weak.docx']);
      assert.match(run.stderr, /1 file skipped: 1 Word lock file/);
    });
  });

  describe('with LibreOffice', function () {
    before(function () {
      if (!hasLibreOffice()) {
        if (process.env.CI) throw new Error('LibreOffice (soffice) is needed: .ci/run installs libreoffice-writer-nogui');
        this.skip();
      }
    });

    it('a LibreOffice .docx of the weak example gives the same findings as the Markdown', () => {
      const ws = makeWorkspace({ 'weak-mandate.html': markdownToHtml(readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8')) });
      const docx = soffice(join(ws, 'weak-mandate.html'), 'docx:MS Word 2007 XML', ws, 'HTML (StarWriter)');
      const lo = json(cli(['--format', 'json', docx], ws).stdout)[0];
      const md = json(cli(['--format', 'json', 'examples/weak-mandate.md'], ROOT).stdout)[0];
      assert.deepEqual(comparable(lo.messages, readDocx(readFileSync(docx)).text), comparable(md.messages, readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8')));
      // LibreOffice writes no comments part: the annotator creates it, with its relationship and content type.
      assert.equal(part(docx, 'word/comments.xml'), undefined);
      const annotated = join(ws, 'lo-reviewed.docx');
      cli([docx, '--annotate', annotated], ws);
      assert.match(part(annotated, '[Content_Types].xml')!, /PartName="\/word\/comments\.xml"/);
      assert.match(part(annotated, 'word/_rels/document.xml.rels')!, /relationships\/comments" Target="comments\.xml"/);
      assert.equal(readBackComments(annotated).length, lo.messages.length);
      soffice(annotated, 'odt', ws);
    });

    it('opens and converts the annotated examples without error, comments included', () => {
      const ws = makeWorkspace({ 'weak.docx': readFileSync(join(ROOT, 'examples', 'weak-mandate.docx')) });
      cli(['weak.docx', '--annotate', 'reviewed.docx'], ws);
      const odt = soffice(join(ws, 'reviewed.docx'), 'odt', ws);
      const content = new TextDecoder().decode(unzipSync(readFileSync(odt))['content.xml']);
      // <office:annotation> opens a comment; <office:annotation-end> closes its range (not a second comment).
      const annotations = content.match(/<office:annotation[\s>]/g) ?? [];
      assert.equal(annotations.length, readBackComments(join(ws, 'reviewed.docx')).length, 'LibreOffice sees every comment');
      assert.match(content, /Mandate Lint/);
      const again = soffice(join(ws, 'reviewed.docx'), 'docx:MS Word 2007 XML', mkdtempSync(join(tmpdir(), 'mandate-lint-lo-out-')));
      assert.equal(readDocx(readFileSync(again)).text, readDocx(readFileSync(join(ws, 'weak.docx'))).text, 'LibreOffice reads the same text back');
      writeFileSync(join(ws, 'done'), '');
    });
  });
});
