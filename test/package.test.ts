/**
 * The npm package as another program gets it: `npm pack`, installed offline into a new project (it has no
 * runtime dependencies), then used from CommonJS, from an ES module and from TypeScript, and run as a command
 * through `npx mandate-lint`. The API's results must be what the command prints.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const ROOT = join(__dirname, '..');
const WEAK = join(ROOT, 'examples', 'weak-mandate.md');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** The environment without what a surrounding `npm test` sets, so that npm in the project behaves as a user's would. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
}

function sh(command: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...cleanEnv(), NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a check script with node in the project and parses the JSON it prints. */
function runScript(project: string, args: string[]): any {
  const r = sh(process.execPath, args, project);
  assert.equal(r.code, 0, `node ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout);
}

const CJS_SCRIPT = `
const assert = require('node:assert');
const { readFileSync } = require('node:fs');
const api = require('mandate-lint');
const { lintText, lintFiles, loadConfig, RULES, version } = api;
(async () => {
  const result = lintText(readFileSync('drafts/weak-mandate.md', 'utf8'));
  const files = await lintFiles(['drafts/'], { cwd: process.cwd() });
  const config = await loadConfig('drafts/weak-mandate.md');
  assert.throws(() => lintText('x', { rules: { 'no-such-rule': 'error' } }), TypeError);
  console.log(JSON.stringify({
    exports: Object.keys(api).sort(),
    version,
    docType: result.docType,
    drift: result.findings.filter((f) => f.ruleId === 'train-and-equip-drift').map((f) => ({ line: f.line, column: f.column, severity: f.severity })),
    rules: RULES.map((r) => r.id),
    docsUrls: RULES.map((r) => r.docs.url),
    files,
    config,
    loaded: Object.keys(require.cache).map((k) => k.replace(process.cwd(), '.')),
    cliEntry: require.resolve('mandate-lint/cli').replace(process.cwd(), '.'),
  }));
})().catch((error) => { console.error(error); process.exit(1); });
`;

const ESM_SCRIPT = `
import { readFileSync } from 'node:fs';
import api, { lintText, lintFiles, RULES } from 'mandate-lint';
import * as namespace from 'mandate-lint';
const result = lintText(readFileSync('drafts/weak-mandate.md', 'utf8'), { docType: 'mandate' });
const files = await lintFiles('drafts/weak-mandate.md');
console.log(JSON.stringify({
  exports: Object.keys(namespace).sort(),
  sameCode: api.lintText === lintText && namespace.RULES === RULES,
  drift: result.findings.filter((f) => f.ruleId === 'train-and-equip-drift').map((f) => f.line),
  fileDrift: files.results[0].messages.filter((m) => m.ruleId === 'train-and-equip-drift').map((m) => m.line),
  frozen: Object.isFrozen(RULES) && Object.isFrozen(RULES[0]),
}));
`;

/** Type-checked and compiled with no Node types at all: the declarations must stand alone. */
const TS_ESM = `
import api, { lintFiles, lintText, loadConfig, RULES, version, type DocType, type EffectiveConfig, type FileResult, type Finding, type LintResult, type RuleInfo } from 'mandate-lint';

export interface Summary {
  version: string;
  drift: number[];
  fileDrift: number[];
  driftRule?: RuleInfo;
  strategyRules: string[];
}

export async function check(draft: string): Promise<Summary> {
  const result: LintResult = lintText(draft, { format: 'markdown', rules: { 'missing-gender': ['info', {}] }, preset: 'mandate-lint:recommended' });
  const drift: Finding[] = result.findings.filter((f) => f.ruleId === 'train-and-equip-drift' && f.severity === 'error');
  const { results, problems } = await lintFiles(['drafts/'], { extensions: ['.md'], docType: 'mandate' });
  const weak: FileResult | undefined = results.find((r) => r.filePath.endsWith('weak-mandate.md'));
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  const config: EffectiveConfig = await loadConfig('drafts/weak-mandate.md');
  const docType: DocType = 'strategy';
  return {
    version: version === api.version ? version : 'two copies',
    drift: drift.map((f) => f.line),
    fileDrift: (weak?.messages ?? []).filter((m) => m.ruleId === 'train-and-equip-drift').map((m) => m.line),
    driftRule: RULES.find((r) => r.id === 'train-and-equip-drift'),
    strategyRules: Object.keys(config.effectiveRules[docType]),
  };
}

// Never called: the declarations are precise enough to catch these.
export function typeErrors(): void {
  // @ts-expect-error: not a document type
  lintText('', { docType: 'memo' });
  // @ts-expect-error: not a severity
  lintText('', { rules: { 'missing-gender': 'loud' } });
  // @ts-expect-error: findings have no such field
  lintText('').findings[0].paragraph;
  // @ts-expect-error: RULES is read-only
  RULES.push(RULES[0]);
}
`;

const TS_CJS = `
import mandateLint = require('mandate-lint');

export function check(draft: string): number[] {
  const result: mandateLint.LintResult = mandateLint.lintText(draft);
  return result.findings.filter((f: mandateLint.Finding) => f.ruleId === 'train-and-equip-drift').map((f) => f.line);
}
`;

describe('the npm package, installed into another project', function () {
  // Builds, packs and installs: generous, and nothing below is timed.
  this.timeout(10 * 60 * 1000);
  let work: string;
  let project: string;
  let packed: { filename: string; files: Array<{ path: string }>; size: number; unpackedSize: number };
  let cjs: any;
  let cli: { code: number | null; stdout: string; stderr: string };

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    work = mkdtempSync(join(tmpdir(), 'mandate-lint-package-'));
    // The bundles were just built; --ignore-scripts keeps "prepare" from building them a second time.
    const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    assert.equal(pack.code, 0, pack.stderr);
    [packed] = JSON.parse(pack.stdout);

    project = join(work, 'project');
    mkdirSync(join(project, 'drafts'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-mandate-lint', version: '1.0.0', private: true }, null, 2));
    // Stops configuration lookup at the project, and gives --print-config and loadConfig something to show.
    writeFileSync(join(project, '.mandatelintrc.json'), JSON.stringify({ root: true, extends: 'mandate-lint:strict', rules: { 'missing-gender': 'info' } }));
    copyFileSync(WEAK, join(project, 'drafts', 'weak-mandate.md'));
    writeFileSync(join(project, 'drafts', 'README.md'), '# Drafts\n');
    const install = sh('npm', ['install', join(work, packed.filename), '--offline', '--no-audit', '--no-fund'], project);
    assert.equal(install.code, 0, `npm install failed (it must need nothing from the registry):\n${install.stderr}`);

    writeFileSync(join(project, 'check.cjs'), CJS_SCRIPT);
    cjs = runScript(project, ['check.cjs']);
    cli = sh('npx', ['--offline', 'mandate-lint', '--format', 'json', 'drafts/'], project);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs what the API, the CLI and the extension need at run time, and no sources, tests or source maps', () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/api.cjs', 'dist/api.mjs', 'dist/api.d.ts', 'dist/cli.js', 'dist/server.js', 'dist/extension.js', 'dist/snippets.code-snippets', 'docs/api.md', 'language-configuration.json']) {
      assert.ok(files.includes(needed), `${needed} is not in the package`);
    }
    for (const folder of ['data/', 'schemas/', 'syntaxes/', 'docs/rules/']) assert.ok(files.some((f) => f.startsWith(folder)), `nothing from ${folder}`);
    assert.deepEqual(files.filter((f) => /^(?:src|client|test|scripts|examples|node_modules|out)\/|\.map$|\.vsix$|\.ts$/.test(f) && f !== 'dist/api.d.ts'), []);
  });

  it('installs offline: a published manifest with no runtime dependencies, an exports map and types', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'mandate-lint', 'package.json'), 'utf8'));
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.dependencies, undefined, 'everything is bundled');
    assert.equal(manifest.main, './dist/extension.js', 'VS Code reads main');
    assert.deepEqual(manifest.exports['.'], { types: './dist/api.d.ts', import: './dist/api.mjs', require: './dist/api.cjs' });
    assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['mandate-lint']);
  });

  it('works from CommonJS: require("mandate-lint") loads the API alone, without vscode', () => {
    assert.deepEqual(cjs.exports, ['RULES', 'lintFiles', 'lintText', 'loadConfig', 'version']);
    assert.equal(cjs.docType, 'mandate');
    assert.ok(cjs.drift.length > 0 && cjs.drift.every((f: any) => f.severity === 'error'), 'train-and-equip-drift on the weak draft');
    assert.equal(cjs.rules.length, 18);
    assert.equal(cjs.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const loaded = cjs.loaded.filter((k: string) => k.includes('node_modules'));
    assert.deepEqual(loaded, ['./node_modules/mandate-lint/dist/api.cjs'], 'one file, which asks for no vscode');
    assert.equal(cjs.cliEntry, './node_modules/mandate-lint/dist/cli.js', 'mandate-lint/cli names the binary (not run here)');
  });

  it("gives each rule's docs url as the page installed with the package, a file URL that exists", () => {
    const installed = join(project, 'node_modules', 'mandate-lint', 'docs', 'rules');
    assert.equal(cjs.docsUrls.length, cjs.rules.length);
    cjs.rules.forEach((id: string, i: number) => {
      const url: string = cjs.docsUrls[i];
      assert.ok(url?.startsWith('file://'), `${id}: ${url}`);
      assert.equal(fileURLToPath(url), join(installed, `${id}.md`));
      assert.ok(existsSync(fileURLToPath(url)), url);
    });
  });

  it('names no web address that does not exist: not in package.json, not in any packed file (bundles, README, docs)', () => {
    const invented = /github\.com\/mandate-lint|mandate-lint\.dev|mandate-lint\.github\.io/i;
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const key of ['homepage', 'repository', 'bugs']) assert.equal(manifest[key], undefined, `package.json ${key}: the project has no public address`);
    const root = join(project, 'node_modules', 'mandate-lint');
    const offenders = packed.files.map((f) => f.path).filter((path) => invented.test(readFileSync(join(root, path), 'latin1')));
    assert.deepEqual(offenders, []);
    assert.ok(packed.files.length > 50, 'the package was read');
  });

  it('packages the extension without a repository and without asking, with no such address in the vsix', () => {
    // The flags of `npm run package`, with nothing on standard input: a prompt would fail the run.
    const vsix = join(work, 'mandate-lint.vsix');
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    // (The README vsce packs is README.md here: --readme-path names one that scripts/vsix-readme.mjs writes from it.)
    const flags = /vsce package (.*?) --out /.exec(scripts.package)![1].replace(/--readme-path \S+ ?/, '').trim().split(' ');
    assert.ok(flags.includes('--allow-missing-repository') && flags.includes('--no-rewrite-relative-links'), scripts.package);
    const r = spawnSync(process.execPath, [VSCE, 'package', ...flags, '--out', vsix], { cwd: ROOT, encoding: 'utf8', input: '', env: cleanEnv() });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.doesNotMatch(r.stdout + r.stderr, /WARNING|repository/i);
    const entries = unzipSync(readFileSync(vsix));
    const names = Object.keys(entries);
    assert.ok(names.includes('extension/readme.md') && names.includes('extension.vsixmanifest') && names.some((n) => n.startsWith('extension/docs/rules/')), names.join(' '));
    const invented = /github\.com\/mandate-lint|mandate-lint\.dev|mandate-lint\.github\.io/i;
    assert.deepEqual(names.filter((n) => invented.test(Buffer.from(entries[n]).toString('latin1'))), []);
  });

  it('works from an ES module, with one copy of the code behind named and default imports', () => {
    writeFileSync(join(project, 'check.mjs'), ESM_SCRIPT);
    const esm = runScript(project, ['check.mjs']);
    assert.deepEqual(esm.exports, ['RULES', 'default', 'lintFiles', 'lintText', 'loadConfig', 'version']);
    assert.equal(esm.sameCode, true);
    assert.ok(esm.drift.length > 0, 'train-and-equip-drift on the weak draft');
    assert.deepEqual(esm.fileDrift, esm.drift);
    assert.equal(esm.frozen, true);
  });

  it('works from TypeScript (node16 resolution, ESM and CommonJS), with no Node types needed', () => {
    writeFileSync(join(project, 'check.mts'), TS_ESM);
    writeFileSync(join(project, 'check-cjs.cts'), TS_CJS);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2022'], types: [], strict: true, skipLibCheck: false, outDir: 'out' }, files: ['check.mts', 'check-cjs.cts'] }),
    );
    const noEmit = sh(process.execPath, [TSC, '-p', '.', '--noEmit'], project);
    assert.equal(noEmit.code, 0, noEmit.stdout + noEmit.stderr);
    const compile = sh(process.execPath, [TSC, '-p', '.'], project);
    assert.equal(compile.code, 0, compile.stdout + compile.stderr);
    const esm = runScript(project, [
      '--input-type=module',
      '-e',
      "import { readFileSync } from 'node:fs'; import { check } from './out/check.mjs'; console.log(JSON.stringify(await check(readFileSync('drafts/weak-mandate.md', 'utf8'))));",
    ]);
    assert.ok(esm.drift.length > 0, 'train-and-equip-drift on the weak draft');
    assert.deepEqual(esm.fileDrift, esm.drift);
    assert.equal(esm.driftRule.defaultSeverity, 'error');
    assert.ok(esm.driftRule.docs.url.startsWith('file://') && esm.driftRule.docs.url.endsWith('/node_modules/mandate-lint/docs/rules/train-and-equip-drift.md'), esm.driftRule.docs.url);
    assert.ok(esm.strategyRules.includes('missing-mel'));
    const commonjs = runScript(project, ['-e', "console.log(JSON.stringify(require('./out/check-cjs.cjs').check(require('node:fs').readFileSync('drafts/weak-mandate.md', 'utf8'))))"]);
    assert.deepEqual(commonjs, esm.drift);
  });

  it('runs as a command through npx mandate-lint, and lintFiles returns what --format json prints', () => {
    assert.ok(existsSync(join(project, 'node_modules', '.bin', 'mandate-lint')));
    assert.equal(cli.code, 1, `errors in the weak draft:\n${cli.stderr}`);
    assert.match(cli.stderr, /1 file skipped: 1 README-like/);
    const printed = JSON.parse(cli.stdout);
    assert.ok(printed[0].messages.some((m: any) => m.ruleId === 'train-and-equip-drift'));
    assert.deepEqual(cjs.files.results, printed);
    assert.deepEqual(cjs.files.problems, []);
    assert.deepEqual(cjs.files.skipped, { 'README-like': 1 });
  });

  it('loadConfig returns what --print-config prints', () => {
    const printed = sh('npx', ['--offline', 'mandate-lint', '--print-config', 'drafts/weak-mandate.md'], project);
    assert.equal(printed.code, 0, printed.stderr);
    const { problems, ...config } = cjs.config;
    assert.deepEqual(problems, []);
    assert.deepEqual(config, JSON.parse(printed.stdout));
    assert.equal(config.preset, 'mandate-lint:strict');
    assert.equal(config.effectiveRules.mandate['missing-gender'], 'info');
  });
});
