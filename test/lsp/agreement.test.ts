/**
 * The editor and the CLI agree. Every example draft and every corpus document (../shared/corpus and
 * test/corpus-dev) is opened in the language server as VS Code opens a .md file, and linted once by
 * `mandate-lint --format json` over the same files: the server must report the document type and the findings
 * (rule, line, column, message, severity) the CLI reports, and take the file as a draft for the reason the core's
 * draft decision gives. Documents the editor does not take for drafts by default (no front matter, not a Council
 * text) are opened again in the Mandate draft language, as a drafter would, and compared then. The workspace has
 * no configuration, so the defaults apply and both sides detect the document type.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { decideDraft } from '../../src/core/drafts';
import type { FileResult } from '../../src/core/results';
import type { DraftStatus } from '../../src/protocol';
import { DEFAULT_SETTINGS, draftSettings, sanitizeSettings } from '../../src/lsp/settings';
import { cleanWorkspaces, makeWorkspace } from '../helpers/workspace';
import { startClient, type TestClient } from './client';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SOURCES: Array<[folder: string, dir: string]> = [
  ['examples', join(ROOT, 'examples')],
  ['corpus', join(ROOT, '..', 'shared', 'corpus', 'docs')],
  ['corpus-dev', join(ROOT, 'test', 'corpus-dev', 'docs')],
];

/**
 * Drafts that declare their type in front matter in ways the editor once ignored while the CLI honoured them.
 */
const DECLARED: Record<string, string> = {
  'declared/doc-type.md': '---\ndoc-type: strategy\n---\n\n# Plan\n\n- Deliver training and vehicles to the national police.\n',
  'declared/nested.md': '---\ntitle: Support plan\nmandate_lint:\n  docType: peace-agreement\n---\n\n# Agreement\n\nArticle 3. Combatants of the movements shall be integrated into the national army.\n',
  'declared/late-key.md': `---\ntitle: Plan\nnotes: "${'background '.repeat(400)}"\nmandate-lint: strategy\n---\n\n# Plan\n\n- Train and equip the national army.\n`,
};

interface Finding {
  rule: string | null;
  line: number;
  column: number;
  severity: string;
  message: string;
}

const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'];

/**
 * A document finding's diagnostic is compact (what was found and what is missing, src/core/hover.ts
 * diagnosticMessage) where the CLI says why it matters too: the two agree on what was found, the first sentence.
 */
const firstSentence = (message: string) => /^.*?[.!?](?=\s|$)/.exec(message)?.[0] ?? message;

function fromServer(diagnostics: Diagnostic[]): Finding[] {
  return sort(diagnostics.map((d) => ({ rule: typeof d.code === 'string' ? d.code : null, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: SEVERITIES[d.severity ?? 1], message: (d.data as { level?: string } | undefined)?.level === 'document' ? firstSentence(d.message) : d.message })));
}

function fromCli(file: FileResult): Finding[] {
  return sort(file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, severity: m.severityName ?? (m.severity === 2 ? 'error' : 'warning'), message: m.level === 'document' ? firstSentence(m.message) : m.message })));
}

function sort(findings: Finding[]): Finding[] {
  const key = (f: Finding) => `${String(f.line).padStart(6, '0')}:${String(f.column).padStart(6, '0')}:${f.rule}:${f.message}`;
  return findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The first difference between two finding lists, for the failure message. */
function firstDifference(server: Finding[], cli: Finding[]): string | undefined {
  for (let i = 0; i < Math.max(server.length, cli.length); i++) {
    if (JSON.stringify(server[i]) !== JSON.stringify(cli[i])) return `#${i}: editor ${JSON.stringify(server[i])}, CLI ${JSON.stringify(cli[i])}`;
  }
  return undefined;
}

describe('the editor and the CLI agree on every example and corpus document', function () {
  this.timeout(120000);
  const files: Record<string, string> = { ...DECLARED };
  for (const [folder, dir] of SOURCES) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) files[`${folder}/${name}`] = readFileSync(join(dir, name), 'utf8');
  }
  let ws: string;
  let client: TestClient;
  const cli = new Map<string, FileResult>();
  /** The status of each file as VS Code opens it (Markdown), then as compared (Markdown or the Mandate draft language). */
  const asOpened = new Map<string, DraftStatus>();
  const statuses = new Map<string, DraftStatus>();
  const diagnostics = new Map<string, Diagnostic[]>();
  /** The files the editor took only once opened in the Mandate draft language. */
  const reopened = new Set<string>();

  const uriOf = (rel: string) => pathToFileURL(join(ws, rel)).toString();
  const open = (rel: string, languageId: string, version: number) => client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(rel), languageId, version, text: files[rel] } });
  const settle = async (rels: string[], version: number) => {
    const published = (uri: string) => client.diagnostics.find((d) => d.uri === uri && d.version === version);
    const status = (uri: string) => client.notifications.map((n) => n.params as DraftStatus).find((s) => s.uri === uri && s.version === version);
    await client.waitFor(() => rels.every((rel) => published(uriOf(rel)) && status(uriOf(rel))), 90000);
    for (const rel of rels) {
      statuses.set(rel, status(uriOf(rel))!);
      diagnostics.set(rel, published(uriOf(rel))!.diagnostics);
    }
  };

  before(async () => {
    ws = makeWorkspace(files);
    // One CLI run over all the files: exit code 1 (errors found) is expected.
    const run = spawnSync(process.execPath, [CLI, '--format', 'json', ...new Set(Object.keys(files).map((rel) => rel.split('/')[0]))], { cwd: ws, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(run.status === 0 || run.status === 1, `the CLI exited with ${run.status}: ${run.stderr}`);
    for (const file of JSON.parse(run.stdout) as FileResult[]) cli.set(file.filePath.slice(ws.length + 1).split('\\').join('/'), file);

    client = await startClient({ workspace: ws });
    const all = Object.keys(files);
    for (const rel of all) open(rel, 'markdown', 1);
    await settle(all, 1);
    for (const rel of all) asOpened.set(rel, statuses.get(rel)!);
    for (const rel of all) {
      if (statuses.get(rel)!.handled) continue;
      reopened.add(rel);
      client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(rel) } });
      open(rel, 'mandate', 2);
    }
    await settle([...reopened], 2);
  });

  after(async () => {
    await client?.stop();
    cleanWorkspaces();
  });

  it('lints every file with the CLI', () => {
    assert.deepEqual([...cli.keys()].sort(), Object.keys(files).sort());
    assert.ok([...cli.keys()].filter((rel) => rel.startsWith('examples/')).length >= 4, 'the four example drafts');
  });

  it('takes each file for a draft, or not, for the reason the core gives', () => {
    const settings = draftSettings(sanitizeSettings({ ...DEFAULT_SETTINGS, ...client.settings }));
    const wrong: string[] = [];
    for (const rel of Object.keys(files)) {
      for (const [languageId, status] of [['markdown', asOpened.get(rel)!], ['mandate', statuses.get(rel)!]] as const) {
        if (languageId === 'mandate' && !reopened.has(rel)) continue;
        const expected = decideDraft({ fileName: join(ws, rel), languageId, text: files[rel], settings });
        if (status.handled !== expected.handled || status.reason !== expected.reason) wrong.push(`${rel} (${languageId}): the editor says ${status.reason}, the core ${expected.reason}`);
      }
      if (!statuses.get(rel)!.handled) wrong.push(`${rel}: not linted even in the Mandate draft language`);
    }
    assert.deepEqual(wrong, []);
    // The front-matter drafts are drafts in the editor by their front matter, as they are typed in the CLI.
    for (const rel of ['examples/strategy-excerpt.md', 'examples/peace-agreement-excerpt.md', ...Object.keys(DECLARED)]) {
      assert.equal(statuses.get(rel)?.reason, 'front matter', rel);
      assert.equal(cli.get(rel)?.docType, statuses.get(rel)?.docType, rel);
    }
  });

  for (const folder of [...SOURCES.map(([f]) => f), 'declared']) {
    it(`reports the document type and the findings the CLI reports: ${folder}/`, function () {
      const rels = Object.keys(files).filter((rel) => rel.startsWith(folder + '/'));
      if (!rels.length) this.skip(); // ../shared is not checked out here
      const wrong: string[] = [];
      for (const rel of rels) {
        const status = statuses.get(rel)!;
        const expected = cli.get(rel)!;
        if (status.docType !== expected.docType) wrong.push(`${rel}: document type ${status.docType} in the editor, ${expected.docType} in the CLI`);
        const difference = firstDifference(fromServer(diagnostics.get(rel)!), fromCli(expected));
        if (difference) wrong.push(`${rel}: ${difference}`);
      }
      assert.deepEqual(wrong, []);
      assert.ok(rels.some((rel) => cli.get(rel)!.messages.length > 0), 'some findings were compared');
    });
  }
});
