/**
 * Word documents for the tests: built with the `docx` package (automatic numbering, tracked changes, comments),
 * converted with headless LibreOffice (a real word processor), and taken apart with fflate and saxes to check
 * what the annotator wrote.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { SaxesParser } from 'saxes';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export async function docxBytes(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; a run that does not finish within `timeoutMs` fails the test (no timed assertions). */
export function cli(args: string[], cwd: string, timeoutMs = 30000): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  assert.equal(result.error, undefined, `mandate-lint ${args.join(' ')} did not finish within ${timeoutMs / 1000} s: ${result.error?.message}`);
  assert.equal(result.signal, null, `mandate-lint ${args.join(' ')} was killed by ${result.signal}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let profile: string | undefined;

/** Whether headless LibreOffice is installed (CI installs it in .ci/run). */
export function hasLibreOffice(): boolean {
  return spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60000 }).status === 0;
}

/**
 * Converts a file with headless LibreOffice (`soffice --headless --convert-to`), in a profile of its own so that
 * a running LibreOffice does not get in the way. Returns the converted file; fails on any error.
 */
export function soffice(input: string, to: string, outDir: string, infilter?: string): string {
  profile ??= mkdtempSync(join(tmpdir(), 'mandate-lint-lo-'));
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', to, '--outdir', outDir, input];
  const run = spawnSync('soffice', args, { encoding: 'utf8', timeout: 180000 });
  assert.equal(run.error, undefined, `soffice did not finish: ${run.error?.message}`);
  assert.equal(run.status, 0, `soffice failed (${run.status}): ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /Error:|could not be loaded/i, `soffice reported an error: ${run.stderr}`);
  const ext = to.split(':')[0];
  const out = join(outDir, basename(input).replace(/\.[^.]+$/, `.${ext}`));
  assert.ok(existsSync(out), `soffice wrote no ${out}: ${run.stdout}${run.stderr}`);
  return out;
}

/** A Markdown draft as simple HTML (a title, paragraphs, *italic*), for LibreOffice to turn into a Word document. */
export function markdownToHtml(markdown: string): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const blocks = markdown.split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
  const body = blocks.map((b) => (b.startsWith('# ') ? `<h1>${esc(b.slice(2))}</h1>` : `<p>${esc(b).replace(/\*([^*]+)\*/g, '<em>$1</em>')}</p>`));
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>draft</title></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

/** The package's entries, uncompressed, in order. */
export function entries(file: string | Uint8Array): Array<[string, Uint8Array]> {
  const bytes = typeof file === 'string' ? readFileSync(file) : file;
  return Object.entries(unzipSync(bytes));
}

export function part(file: string | Uint8Array, name: string): string | undefined {
  const found = entries(file).find(([n]) => n === name);
  return found ? strFromU8(found[1]) : undefined;
}

export interface ReadBackComment {
  id: string;
  author: string;
  text: string;
  /** The document text between its commentRangeStart and commentRangeEnd (deleted text included). */
  anchored: string;
  /** Whether a w:commentReference for it follows its range. */
  referenced: boolean;
}

/** The comments of a Word file and the words each is anchored on, read back from document.xml and comments.xml. */
export function readBackComments(file: string | Uint8Array): ReadBackComment[] {
  const documentXml = part(file, 'word/document.xml') ?? '';
  const commentsXml = part(file, 'word/comments.xml') ?? '';
  const comments = new Map<string, ReadBackComment>();
  {
    const parser = new SaxesParser();
    let current: ReadBackComment | undefined;
    parser.on('opentag', (tag) => {
      if (tag.name === 'w:comment') {
        current = { id: String(tag.attributes['w:id']), author: String(tag.attributes['w:author'] ?? ''), text: '', anchored: '', referenced: false };
        comments.set(current.id, current);
      }
    });
    parser.on('text', (t) => {
      if (current) current.text += t;
    });
    parser.on('closetag', (tag) => {
      if (tag.name === 'w:p' && current) current.text += '\n';
      if (tag.name === 'w:comment') current = undefined;
    });
    parser.write(commentsXml).close();
  }
  const open = new Set<string>();
  let inText = false;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const id = String(tag.attributes['w:id'] ?? '');
    if (tag.name === 'w:commentRangeStart') open.add(id);
    else if (tag.name === 'w:commentRangeEnd') open.delete(id);
    else if (tag.name === 'w:commentReference' && comments.has(id)) comments.get(id)!.referenced = true;
    else if (tag.name === 'w:t' || tag.name === 'w:delText') inText = true;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t' || tag.name === 'w:delText') inText = false;
  });
  parser.on('text', (t) => {
    if (!inText) return;
    for (const id of open) {
      const c = comments.get(id);
      if (c) c.anchored += t;
    }
  });
  parser.write(documentXml).close();
  return [...comments.values()];
}

/** Sets the uncompressed size an entry's local and central headers declare (a lying header, as zip bombs have). */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const nameAt = (at: number, length: number) => new TextDecoder().decode(out.subarray(at, at + length));
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && nameAt(at + 30, view.getUint16(at + 26, true)) === name) view.setUint32(at + 22, size, true);
    else if (signature === 0x02014b50 && nameAt(at + 46, view.getUint16(at + 28, true)) === name) view.setUint32(at + 24, size, true);
  }
  return out;
}

/**
 * Hostile and broken Word files, made from a real one (`good`, a .docx's bytes): each should get one line saying
 * why it is refused (`refused`, matched against it), except the one with outside links, which is read with a warning.
 */
export function hostileDocxFiles(good: Uint8Array): Array<{ name: string; bytes: Uint8Array; says: RegExp }> {
  const parts = unzipSync(good);
  const withParts = (changes: Record<string, Uint8Array | string>, level: 0 | 6 = 6): Uint8Array =>
    zipSync(Object.fromEntries(Object.entries({ ...parts, ...changes }).map(([n, d]) => [n, typeof d === 'string' ? strToU8(d) : d])), { level });
  const zeros = new Uint8Array(40 * 1024 * 1024);
  const many: Record<string, Uint8Array> = {};
  for (let i = 0; i < 10000; i++) many[`customXml/item${i}.xml`] = strToU8('<a/>');
  const documentXml = strFromU8(parts['word/document.xml']);
  const body = documentXml.slice(documentXml.indexOf('<w:document'));
  const rels = strFromU8(parts['word/_rels/document.xml.rels']);
  const cfb = (extra: string) => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < extra.length; i++) bytes[1024 + 2 * i] = extra.charCodeAt(i);
    return bytes;
  };
  return [
    { name: 'zip-bomb.docx', bytes: withParts({ 'word/media/filler.bin': zeros }), says: /compressed \d+:1 .*zip bomb/ },
    { name: 'lying-header.docx', bytes: declareSize(withParts({ 'word/document.xml': zeros.subarray(0, 8 * 1024 * 1024) }), 'word/document.xml', 2000), says: /unpacks to more than its zip entry declares.*zip bomb/ },
    { name: 'ten-thousand-entries.docx', bytes: withParts(many, 0), says: /more than 5,000 parts/ },
    {
      name: 'external-entity.docx',
      bytes: withParts({ 'word/document.xml': `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${body.replace('<w:t>', '<w:t>&xxe;')}` }),
      says: /declares a DTD.*refused/,
    },
    {
      name: 'entity-expansion.docx',
      bytes: withParts({ 'word/document.xml': `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${body}` }),
      says: /declares a DTD.*refused/,
    },
    { name: 'broken-xml.docx', bytes: withParts({ 'word/document.xml': documentXml.slice(0, Math.floor(documentXml.length / 2)) }), says: /has a part \(word\/document\.xml\) that is not well-formed XML \(line \d+, column \d+: / },
    { name: 'encrypted.docx', bytes: cfb('EncryptionInfo'), says: /is encrypted/ },
    { name: 'old-word.docx', bytes: cfb('WordDocument'), says: /Word 97–2003 document/ },
    { name: 'macros.docm', bytes: good, says: /macro-enabled Word document \(\.docm\)/ },
    { name: 'vba-inside.docx', bytes: withParts({ 'word/vbaProject.bin': new Uint8Array(64) }), says: /macro-enabled/ },
    { name: 'truncated.docx', bytes: good.subarray(0, Math.floor(good.length / 3)), says: /is damaged.*cut short/ },
    { name: 'not-a-zip.docx', bytes: strToU8('Draft resolution, pasted into a file named .docx\n'), says: /is not a Word document/ },
    { name: 'no-document.docx', bytes: zipSync({ 'a.txt': strToU8('x') }), says: /no main document part/ },
    {
      name: 'outside-links.docx',
      bytes: withParts({ 'word/_rels/document.xml.rels': rels.replace('</Relationships>', '<Relationship Id="rIdOutside1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://198.51.100.7/template.dotm" TargetMode="External"/></Relationships>') }),
      says: /links to 1 outside resource \(attachedTemplate\); Mandate Lint never follows them/,
    },
  ];
}
