/** The one draft decision (src/core/drafts.ts) that the editor and the CLI share, and its front-matter reading. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { declaredDocType, declaresDraft, decideDraft, docTypeOfFileName, documentFormatOf, fileNameOf, languageOfFile, NOT_DRAFTS, type DraftSettings } from '../../src/core/drafts';
import { lintText } from '../../src/core/lint';
import { findFrontMatter } from '../../src/core/model/blocks';
import { parseFrontMatter } from '../../src/core/model/model';
import { NOT_DRAFTS as DISCOVER_NOT_DRAFTS } from '../../src/node/discover';
import { ConfigResolver } from '../../src/node/config';
import { lintSource } from '../../src/node/engine';
import { makeWorkspace } from '../helpers/workspace';

const EDITOR: DraftSettings = { enable: true, scope: 'detect', maxFileSize: 4 * 1024 * 1024 };
const FOUND: DraftSettings = { enable: true, scope: 'found', maxFileSize: Infinity };
const STRATEGY = '---\nmandate-lint: strategy\n---\n\n# Plan\n\n- Deliver training and vehicles to the national police.\n';
const RESOLUTION = '# Draft\n\nThe Security Council,\n\n1. *Requests* UNSMIX to provide equipment to the national army;\n';
const NOTES = '# Notes\n\nShopping list: bread, milk.\n';

const decide = (fileName: string, text: string | undefined, settings = EDITOR, extra: { languageId?: string; configDocType?: 'strategy' | 'auto' } = {}) => decideDraft({ fileName, text, settings, ...extra });

describe('draft decision', () => {
  it('takes a .md file whose front matter gives its type in the editor and in the CLI, typed as the lint types it', () => {
    assert.deepEqual(decide('/w/plan.md', STRATEGY, EDITOR, { languageId: 'markdown' }), { handled: true, basis: 'front-matter', reason: 'front matter' });
    assert.equal(decide('/w/plan.md', STRATEGY, FOUND).handled, true);
    const result = lintText(STRATEGY, { format: 'markdown', cacheFacts: false });
    assert.equal(result.docType, 'strategy');
    assert.equal(result.docTypeSource, 'front-matter');
  });

  it('reads the front matter keys the lint reads, and only a document type it accepts (or its own key)', () => {
    const cases: Array<[string, boolean]> = [
      ['mandate-lint: strategy', true],
      ['mandate_lint: peace-agreement', true],
      ['doc-type: mandate', true],
      ['docType: strategy', true],
      ['mandate-lint:\n  docType: strategy', true],
      ['mandate_lint:\n  doc-type: peace-agreement', true],
      ['"mandate-lint": strategy', true],
      // Mandate Lint's own key declares a draft even with a value the lint does not take as a type.
      ['mandate-lint: true', true],
      ['mandate-lint: draft', true],
      // Generic keys count only with a document type.
      ['doc-type: guide', false],
      ['docType: 3', false],
      ['title: A plan', false],
      ['tools:\n  mandate-lint: strategy', false],
    ];
    for (const [yaml, expected] of cases) {
      const text = `---\n${yaml}\n---\n\n# Plan\n\nThe national police will be trained.\n`;
      assert.equal(declaresDraft(text), expected, yaml);
      assert.equal(decide('/w/plan.md', text).handled, expected, yaml);
    }
    // CRLF, a byte order mark, closing "...", a long front matter with the key far down.
    assert.ok(declaresDraft('---\r\nmandate-lint: strategy\r\n---\r\n\r\nText.\r\n'));
    assert.ok(declaresDraft('\ufeff---\nmandate-lint: strategy\n---\n\nText.\n'));
    assert.ok(declaresDraft('---\nmandate-lint: strategy\n...\n\nText.\n'));
    assert.ok(declaresDraft(`---\nnotes: "${'x '.repeat(5000)}"\ndoc-type: strategy\n---\n\nText.\n`));
    // Front matter that is not YAML, with Mandate Lint's key: a draft, so the lint can say why it ignores it.
    assert.ok(declaresDraft('---\nmandate-lint: strategy\n  bad: [\n---\n\nText.\n'));
    assert.ok(!declaresDraft('---\ntitle: [\n---\n\nText.\n'));
    // No front matter: a thematic break later, or the key in the text.
    assert.ok(!declaresDraft('# Plan\n\n---\nmandate-lint: strategy\n---\n'));
    assert.ok(!declaresDraft('Text.\n\n---\n\nmandate-lint: strategy\n'));
  });

  it('gives the document type the lint takes from front matter (the two readings agree)', () => {
    const values = ['mandate-lint: strategy', 'mandate_lint: mandate', 'doc-type: peace-agreement', 'docType: strategy', 'mandate-lint:\n  docType: peace-agreement', 'mandate-lint: draft', 'doc-type: guide', 'docType: [strategy]', 'title: x\ndocType: mandate\nmandate-lint: strategy'];
    for (const yaml of values) {
      const text = `---\n${yaml}\n---\n\n# Plan\n\nThe national police will be trained.\n`;
      const block = findFrontMatter(text)!;
      const declared = declaredDocType(parseFrontMatter(text, block.start, block.end, block.bodyStart, block.bodyEnd).data);
      const result = lintText(text, { format: 'markdown', cacheFacts: false });
      assert.equal(declared, result.docTypeSource === 'front-matter' ? result.docType : undefined, yaml);
    }
  });

  it('decides in order: settings, size, language, front matter, README-like names, configuration, scope', () => {
    assert.equal(decide('/w/a.mandate.md', RESOLUTION, { ...EDITOR, enable: false }).reason, 'disabled in settings');
    assert.equal(decide('/w/a.mandate.md', 'x'.repeat(3 * 1024 * 1024), { ...EDITOR, maxFileSize: 2 * 1024 * 1024 }).reason, 'larger than 2 MB');
    assert.equal(decide('/w/a.mandate.md', NOTES, EDITOR, { languageId: 'markdown' }).reason, 'mandate file');
    assert.equal(decide('untitled:Untitled-1', NOTES, EDITOR, { languageId: 'mandate' }).reason, 'mandate file');
    assert.equal(decide('/w/a.js', RESOLUTION, EDITOR, { languageId: 'javascript' }).reason, 'language javascript');
    assert.equal(decide('/w/README.md', STRATEGY).reason, 'front matter');
    assert.equal(decide('/w/README.md', RESOLUTION).reason, 'not a draft');
    assert.equal(decide('/w/README.md', STRATEGY, FOUND).reason, 'front matter');
    assert.equal(decide('/w/README.md', undefined, FOUND).reason, 'not a draft');
    assert.equal(decide('/w/notes.md', NOTES, EDITOR, { configDocType: 'strategy' }).reason, '.mandatelintrc.json');
    assert.equal(decide('/w/notes.md', NOTES, EDITOR, { configDocType: 'auto' }).reason, 'not recognised as a draft');
    assert.equal(decide('/w/draft.md', RESOLUTION).reason, 'detected resolution draft');
    assert.equal(decide('/w/draft.md', RESOLUTION, { ...EDITOR, scope: 'declared' }).reason, 'not recognised as a draft');
    assert.equal(decide('C:\\drafts\\draft.txt', RESOLUTION, EDITOR, { languageId: 'plaintext' }).reason, 'detected resolution draft');
  });

  it('decides on names alone in a folder search: every file but README-like ones', () => {
    assert.equal(decide('/w/notes.md', undefined, FOUND).handled, true);
    assert.equal(decide('/w/notes.rst', undefined, FOUND).handled, true, 'any extension the CLI was asked for is read as Markdown');
    for (const name of ['README.md', 'readme.txt', 'CHANGELOG.md', 'LICENSE', 'CODE-OF-CONDUCT.md']) assert.deepEqual(decide(`/w/${name}`, undefined, FOUND), { handled: false, basis: 'readme-like', reason: 'not a draft' }, name);
    for (const name of ['readme.mandate.md', 'security.md', 'changelog-resolution.md']) assert.equal(decide(`/w/${name}`, undefined, FOUND).handled, true, name);
    assert.equal(DISCOVER_NOT_DRAFTS, NOT_DRAFTS, 'the CLI skips the names the core names');
  });

  it('maps file names to languages and formats as the editor and the CLI see them', () => {
    assert.equal(fileNameOf('file:///w/drafts/a.mandate.md'), 'a.mandate.md');
    assert.equal(fileNameOf('C:\\w\\b.md'), 'b.md');
    assert.equal(languageOfFile('/w/a.mandate.md'), 'mandate');
    assert.equal(languageOfFile('/w/a.MANDATE.txt'), 'mandate');
    assert.equal(languageOfFile('/w/a.md'), 'markdown');
    assert.equal(languageOfFile('/w/a.TXT'), 'plaintext');
    assert.equal(languageOfFile('/w/a.text'), 'plaintext');
    assert.equal(documentFormatOf('/w/a.mandate.txt'), 'plaintext');
    assert.equal(documentFormatOf('/w/a.mdx'), 'markdown');
    assert.equal(documentFormatOf('/w/.md'), 'markdown');
  });

  it('follows the naming convention: *.strategy.md and *.agreement.md are drafts of their type, in the Mandate draft language', () => {
    assert.equal(languageOfFile('/w/review.strategy.md'), 'mandate');
    assert.equal(languageOfFile('/w/kiranga.agreement.txt'), 'mandate');
    assert.equal(languageOfFile('/w/strategy.md'), 'markdown', 'a file merely named "strategy" is not one');
    assert.equal(docTypeOfFileName('file:///w/review.strategy.md'), 'strategy');
    assert.equal(docTypeOfFileName('C:\\w\\Kiranga.Agreement.MD'), 'peace-agreement');
    assert.equal(docTypeOfFileName('/w/draft.mandate.md'), undefined, 'a mandate file is typed by its front matter or its words');
    assert.equal(docTypeOfFileName('/w/strategy.md'), undefined);
    const settings: DraftSettings = { enable: true, scope: 'declared', maxFileSize: 1e6 };
    assert.deepEqual(decideDraft({ fileName: '/w/review.strategy.md', languageId: 'markdown', text: 'Support the police.', settings }), { handled: true, basis: 'mandate-language', reason: 'mandate file' });
  });

  it('types a file by its name after front matter and configuration, before detection', () => {
    const resolver = new ConfigResolver();
    const ws = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true }), 'config/.mandatelintrc.json': JSON.stringify({ docType: 'mandate' }) });
    const text = '# Plan\n\nThe Security Council,\n\n1. *Requests* the Mission to train the police;\n';
    const byName = lintSource(text, join(ws, 'review.strategy.md'), { resolver }).result;
    assert.deepEqual([byName.docType, byName.docTypeSource], ['strategy', 'file-name']);
    assert.deepEqual([lintSource(text, join(ws, 'kiranga.agreement.md'), { resolver }).result.docType], ['peace-agreement']);
    const declared = lintSource('---\nmandate-lint: mandate\n---\n' + text, join(ws, 'review.strategy.md'), { resolver }).result;
    assert.deepEqual([declared.docType, declared.docTypeSource], ['mandate', 'front-matter']);
    const configured = lintSource(text, join(ws, 'config', 'review.strategy.md'), { resolver }).result;
    assert.deepEqual([configured.docType, configured.docTypeSource], ['mandate', 'config']);
    assert.equal(lintSource(text, join(ws, 'plain.md'), { resolver }).result.docTypeSource, 'detected');
  });

  it('takes a *.mandate.md draft whose text shows no sign of its type for a mandate, not a strategy', () => {
    const resolver = new ConfigResolver();
    const ws = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true }) });
    const typeOf = (text: string, name: string) => {
      const r = lintSource(text, join(ws, name), { resolver }).result;
      return [r.docType, r.docTypeSource];
    };
    // Empty, a typed prefix, a first plain paragraph: a mandate being written.
    assert.deepEqual(typeOf('', 'new.mandate.md'), ['mandate', 'file-name']);
    assert.deepEqual(typeOf('ml-', 'new.mandate.md'), ['mandate', 'file-name']);
    assert.deepEqual(typeOf('Support the police in the north.\n', 'notes.mandate.txt'), ['mandate', 'file-name']);
    // The same texts under other names keep the old default, and the words still decide where they say something.
    assert.deepEqual(typeOf('', 'new.md'), ['strategy', 'detected']);
    const agreement = '# Peace Agreement\n\nThe Parties agree to integrate the combatants into the army.\n\nThe parties shall form joint units.\n';
    assert.deepEqual(typeOf(agreement, 'kiranga.mandate.md'), ['peace-agreement', 'detected']);
    assert.deepEqual(typeOf('---\nmandate-lint: strategy\n---\n', 'plan.mandate.md'), ['strategy', 'front-matter']);
  });

  it('says when its own front-matter key gives no document type it can read, and leaves other tools\' keys alone', () => {
    const body = '\n\nThe mission will hold a staff retreat in June.\n';
    const warnings = (front: string) => lintText(`---\n${front}\n---${body}`, { format: 'markdown' }).problems.map((p) => p.message);
    assert.deepEqual(warnings('mandate-lint: stratgy'), ['"mandate-lint" in the front matter is "stratgy", not a document type (mandate, strategy, peace-agreement): the type was taken from elsewhere.']);
    assert.match(warnings('mandate_lint: [strategy]')[0], /"mandate_lint" in the front matter is a list, not a document type/);
    assert.match(warnings('mandate-lint: 5')[0], /"mandate-lint" in the front matter is a number, not a document type/);
    assert.match(warnings('mandate-lint:\n  docType: { a: 1 }')[0], /"mandate-lint" in the front matter is a mapping, not a document type/);
    assert.match(warnings('mandate-lint:\n  docType: mandat')[0], /"mandate-lint" in the front matter is "mandat"/);
    for (const fine of ['mandate-lint: strategy', 'mandate-lint:\n  docType: strategy', 'docType: article', 'doc-type: memo', 'title: A note']) {
      assert.deepEqual(warnings(fine), [], fine);
    }
  });
});
