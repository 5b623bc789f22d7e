/**
 * Policy teams: snippet libraries, shared configurations (files and installed packages), the example team
 * package, the CI integrations (github and junit formats, the GitHub Action, pre-commit, the problem matcher)
 * and --cache. Everything runs the built CLI as a reviewer or a CI job would.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { isInside } from '../src/node/packages';
import { cleanWorkspaces, makeWorkspace } from './helpers/workspace';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TEAM_PACKAGE = join(ROOT, 'examples', 'team-package');
const weak = readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8');

/** Runs the built CLI; a run that hangs is killed after 20 s and fails the test instead of hanging mocha. */
function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20000, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  assert.equal(result.error, undefined, `mandate-lint ${args.join(' ')} did not finish: ${result.error?.message}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], cwd: string) {
  const r = run([...args, '--format', 'json'], cwd);
  return { code: r.code, stderr: r.stderr, results: JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number; message: string }> }> };
}

const library = (snippets: object[], extra: object = {}) => JSON.stringify({ name: 'test-library', ...extra, snippets }, null, 2);
const clause = (id: string, more: object = {}) => ({ id, title: `Clause ${id}`, kind: 'task', body: 'support ${hostState} in reforming the police under civilian oversight', fixes: ['missing-governance'], ...more });

/** Installs the example team package the way a team member would: npm pack, then npm install of the tarball. */
function installTeamPackage(workspace: string): void {
  const tarball = execFileSync('npm', ['pack', '--pack-destination', workspace, TEAM_PACKAGE], { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!;
  writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'drafts', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(workspace, tarball)], { cwd: workspace, stdio: 'ignore' });
}

describe('teams', function () {
  this.timeout(60000);
  after(cleanWorkspaces);

  describe('snippets validate', () => {
    it('accepts the example team library and the built-in one', () => {
      const r = run(['snippets', 'validate', join(TEAM_PACKAGE, 'snippets', 'kalindor-clauses.json'), join(ROOT, 'data', 'snippets', 'core.json')], ROOT);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /kalindor-clauses\.json: 3 snippets OK \(kalindor-desk\)/);
      assert.match(r.stdout, /core\.json: 30 snippets OK/);
    });

    it('reports broken JSON, schema errors, unknown placeholders and duplicate ids with their lines', () => {
      const ws = makeWorkspace({
        'broken.json': '{\n  "snippets": [\n    { "id": "a", \n',
        'schema.json': library([{ id: 'Bad Id', title: 'x', kind: 'task', body: 'y' }]),
        'placeholders.json': library([clause('ok'), clause('typo', { body: 'support ${hostStat} by ${date}' })]),
        'duplicates.json': library([clause('same'), clause('other'), clause('same')]),
        'references.json': library([clause('refs', { fixes: ['no-such-rule'], lessons: ['IR-L99'] })]),
      });
      const broken = run(['snippets', 'validate', 'broken.json'], ws);
      assert.equal(broken.code, 1);
      assert.match(broken.stdout, /^broken\.json:\d+:\d+ {2}error {2}/m);
      const schema = run(['snippets', 'validate', 'schema.json'], ws);
      assert.match(schema.stdout, /^schema\.json:\d+:\d+ {2}error {2}.*snippets\.0\.(id|title)/m);
      const placeholders = run(['snippets', 'validate', 'placeholders.json'], ws);
      assert.equal(placeholders.code, 1);
      const line = readFileSync(join(ws, 'placeholders.json'), 'utf8').split('\n').findIndex((l) => l.includes('${hostStat}')) + 1;
      assert.match(placeholders.stdout, new RegExp(`^placeholders\\.json:${line}:\\d+ {2}error {2}snippet "typo": unknown placeholder \\$\\{hostStat\\} in body`, 'm'));
      const duplicates = run(['snippets', 'validate', 'duplicates.json'], ws);
      assert.match(duplicates.stdout, /duplicate snippet id "same" \(first defined on line \d+\)/);
      const references = run(['snippets', 'validate', 'references.json'], ws);
      assert.equal(references.code, 0, 'unknown rules and lessons are warnings');
      assert.match(references.stdout, /warning {2}snippet "refs": "fixes" names unknown rule "no-such-rule"/);
      assert.match(references.stdout, /warning {2}snippet "refs": unknown lesson "IR-L99"/);
      assert.equal(run(['snippets', 'validate', 'missing.json'], ws).code, 2);
      assert.equal(run(['snippets', 'frobnicate'], ws).code, 2);
    });

    it('refuses a body of megabytes, a file of megabytes and fields it does not know (such as a regular expression)', () => {
      const ws = makeWorkspace({
        'long.json': library([clause('long', { body: 'support the police '.repeat(60000) })]),
        'huge.json': library([clause('x')]) + ' '.repeat(6 * 1024 * 1024),
        'regex.json': library([clause('rx', { pattern: '(a+)+$' })]),
        'many.json': library(Array.from({ length: 2500 }, (_, i) => clause(`c${i}`))),
      });
      assert.match(run(['snippets', 'validate', 'many.json'], ws).stdout, /must NOT have more than 2000 items/);
      assert.match(run(['snippets', 'validate', 'long.json'], ws).stdout, /snippets\.0\.body.*(4000|characters)/);
      assert.match(run(['snippets', 'validate', 'huge.json'], ws).stdout, /larger than/);
      assert.match(run(['snippets', 'validate', 'regex.json'], ws).stdout, /unknown property "pattern"/);
    });
  });

  describe('libraries and shared configurations', () => {
    it('loads libraries from configuration, shared configurations and .mandate-lint/snippets, later ones overriding earlier ones', () => {
      const ws = makeWorkspace({
        'team/base.json': JSON.stringify({ snippets: ['./clauses/*.json'] }),
        'team/clauses/a.json': library([clause('team-a'), clause('hrddp-condition', { title: 'Team HRDDP wording' })]),
        '.mandatelintrc.json': JSON.stringify({ root: true, extends: './team/base.json', snippets: ['./desk.json'] }),
        'desk.json': library([clause('desk-only'), clause('team-a', { title: 'Desk version of team-a' })]),
        '.mandate-lint/snippets/local.json': library([clause('local-only')]),
        'drafts/a.md': weak,
      });
      const r = run(['snippets', 'list', '--for', 'drafts/a.md', '--format', 'json'], ws);
      assert.equal(r.code, 0, r.stderr);
      const listed = JSON.parse(r.stdout) as { libraries: Array<{ source: string }>; snippets: Array<{ id: string; title: string; source: string }>; overrides: Array<{ id: string; from: string; replaces: string }> };
      assert.deepEqual(listed.libraries.map((l) => l.source), ['built-in', 'team/clauses/a.json', 'desk.json', '.mandate-lint/snippets/local.json']);
      const byId = new Map(listed.snippets.map((s) => [s.id, s]));
      assert.equal(byId.get('hrddp-condition')!.title, 'Team HRDDP wording');
      assert.equal(byId.get('team-a')!.title, 'Desk version of team-a');
      assert.ok(byId.has('local-only') && byId.has('desk-only') && byId.has('civilian-oversight'));
      assert.deepEqual(
        listed.overrides.map((o) => `${o.id}: ${o.from} > ${o.replaces}`).sort(),
        ['hrddp-condition: team/clauses/a.json > built-in', 'team-a: desk.json > team/clauses/a.json'],
      );
      const table = run(['snippets', 'list', '--for', 'drafts/a.md'], ws);
      assert.match(table.stdout, /"team-a" from desk\.json replaces the one from team\/clauses\/a\.json/);
    });

    it('keeps working when one library is broken, and says so', () => {
      const ws = makeWorkspace({
        '.mandatelintrc.json': JSON.stringify({ root: true, snippets: ['./good.json', './bad.json', './absent.json'] }),
        'good.json': library([clause('good-one')]),
        'bad.json': '{ "snippets": [ { "id": "x", ',
        'a.md': weak,
      });
      const list = run(['snippets', 'list', '--for', 'a.md', '--format', 'json'], ws);
      assert.equal(list.code, 2);
      assert.match(list.stderr, /bad\.json:\d+:\d+: error:/);
      assert.match(list.stderr, /\.mandatelintrc\.json:1:\d+: error: snippets "\.\/absent\.json": file not found/);
      assert.ok((JSON.parse(list.stdout).snippets as Array<{ id: string }>).some((s) => s.id === 'good-one'));
      const lint = run(['a.md'], ws);
      assert.equal(lint.code, 2, 'a broken library is a configuration error');
      assert.match(lint.stdout, /train-and-equip-drift/, 'the draft is still linted');
    });

    it('extends configuration files: rules, lexicons and overrides merge like ESLint, cycles and missing files are reported', () => {
      const ws = makeWorkspace({
        'shared/base.json': JSON.stringify({ extends: 'mandate-lint:strict', rules: { 'missing-gender': 'off', 'missing-benchmarks': 'info' }, overrides: [{ files: 'strategies/*.md', docType: 'strategy' }] }),
        'shared/middle.json': JSON.stringify({ extends: './base.json', rules: { 'missing-benchmarks': 'warning' } }),
        '.mandatelintrc.json': JSON.stringify({ root: true, extends: ['./shared/middle.json'], rules: { 'missing-hrddp': 'off' } }),
        'a.md': weak,
        'strategies/s.md': 'The Mission will train 300 police officers.\n',
      });
      const config = JSON.parse(run(['--print-config', 'a.md'], ws).stdout);
      assert.deepEqual(config.extends, ['mandate-lint:strict', './base.json', './shared/middle.json']);
      assert.equal(config.preset, 'mandate-lint:strict');
      assert.deepEqual(config.rules, { 'missing-gender': 'off', 'missing-benchmarks': 'warning', 'missing-hrddp': 'off' });
      const { results } = json(['a.md'], ws);
      const rules = new Set(results[0].messages.map((m) => m.ruleId));
      assert.ok(!rules.has('missing-gender') && !rules.has('missing-hrddp'));
      assert.ok(results[0].messages.some((m) => m.ruleId === 'missing-benchmarks' && m.severity === 1), 'the nearer file wins');
      assert.ok(results[0].messages.some((m) => m.ruleId === 'missing-affordability' && m.severity === 2), 'strict preset from the base');
      const strategy = json(['strategies/s.md'], ws);
      assert.ok(strategy.results[0].messages.some((m) => m.ruleId === 'missing-mel'), 'override globs in a shared file are relative to the file that extends it');

      const cyclic = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true, extends: './x.json' }), 'x.json': JSON.stringify({ extends: './y.json' }), 'y.json': JSON.stringify({ extends: './x.json' }), 'a.md': weak });
      const cycle = run(['a.md'], cyclic);
      assert.equal(cycle.code, 2);
      assert.match(cycle.stderr, /extends "\.\/x\.json": circular/);
      const missing = makeWorkspace({ '.mandatelintrc.json': '{\n  "root": true,\n  "extends": "@nobody/config"\n}\n', 'a.md': weak });
      const absent = run(['a.md'], missing);
      assert.equal(absent.code, 2);
      assert.match(absent.stderr, /\.mandatelintrc\.json:3:\d+: extends "@nobody\/config": package "@nobody\/config" is not installed/);
      assert.match(absent.stdout, /train-and-equip-drift/, 'the draft is still linted with the rest of the configuration');
    });

    it('a package may only point at its own files, with Windows paths as with POSIX ones', () => {
      // The check uses path.relative, not a comparison with '/', which never matched on Windows.
      assert.ok(isInside('C:\\repo\\node_modules\\team', 'C:\\repo\\node_modules\\team\\config.json', win32));
      assert.ok(isInside('C:\\repo\\node_modules\\team', 'C:\\repo\\node_modules\\team', win32));
      assert.ok(!isInside('C:\\repo\\node_modules\\team', 'C:\\repo\\node_modules\\team-evil\\config.json', win32));
      assert.ok(!isInside('C:\\repo\\node_modules\\team', 'D:\\elsewhere\\config.json', win32));
      assert.ok(isInside('/repo/node_modules/team', '/repo/node_modules/team/snippets/a.json', posix));
      assert.ok(!isInside('/repo/node_modules/team', '/repo/node_modules/team-evil/a.json', posix));
      assert.ok(isInside('/repo/node_modules/team', '/repo/node_modules/team/..notes.json', posix), 'a file whose name starts with two dots is inside');

      const ws = makeWorkspace({
        'node_modules/team/package.json': JSON.stringify({ name: 'team', mandateLint: { config: '../../outside.json' } }),
        'outside.json': JSON.stringify({ rules: { 'train-and-equip-drift': 'off' } }),
        '.mandatelintrc.json': JSON.stringify({ root: true, extends: 'team' }),
        'a.md': weak,
      });
      const r = run(['a.md'], ws);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /extends "team": package "team": "mandateLint\.config" points outside the package \(\.\.\/\.\.\/outside\.json\)/);
      assert.match(r.stdout, /train-and-equip-drift/, 'the file outside the package was not used');
    });

    it('says what is wrong with a team package\'s package.json: not an object, or a mandateLint field that is not file names', () => {
      for (const [manifest, message] of [
        ['null', /package "team": its package\.json is not an object/],
        ['[1, 2]', /package "team": its package\.json is not an object/],
        [JSON.stringify({ mandateLint: { config: 5 } }), /"mandateLint\.config" in its package\.json is not a file name/],
        [JSON.stringify({ mandateLint: { snippets: './snippets.json' } }), /"mandateLint\.snippets" in its package\.json is not a list of file names/],
        [JSON.stringify({ mandateLint: { snippets: ['../../lib.json'] } }), /"mandateLint\.snippets" points outside the package \(\.\.\/\.\.\/lib\.json\)/],
      ] as const) {
        const ws = makeWorkspace({ 'node_modules/team/package.json': manifest, '.mandatelintrc.json': JSON.stringify({ root: true, extends: 'team' }), 'a.md': weak });
        const r = run(['a.md'], ws);
        assert.equal(r.code, 2, `${manifest}: ${r.stderr}`);
        assert.match(r.stderr, message, manifest);
        assert.doesNotMatch(r.stderr, /internal error|TypeError/, manifest);
        assert.match(r.stdout, /train-and-equip-drift/, `${manifest}: the draft is still linted`);
      }
    });
  });

  describe('the example team package', () => {
    it('installed with npm and extended, changes what the CLI reports and offers', () => {
      const ws = makeWorkspace({ 'drafts/weak.md': weak, 'drafts/README.md': '# Drafts\n\nThe Security Council,\n\n1. Requests the Mission to train the army;\n' });
      const before = json(['drafts/'], ws);
      installTeamPackage(ws);
      assert.ok(existsSync(join(ws, 'node_modules', '@kalindor', 'mandate-lint-team', 'mandate-lint.json')));
      writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true, extends: '@kalindor/mandate-lint-team' }));
      const after = json(['drafts/'], ws);
      assert.equal(after.results.length, 1, 'README files in folders are not drafts');
      const severity = (r: typeof before, rule: string) => r.results[0].messages.find((m) => m.ruleId === rule)?.severity;
      assert.equal(severity(before, 'missing-benchmarks'), 1);
      assert.equal(severity(after, 'missing-benchmarks'), 2, 'the team makes benchmarks blocking');
      assert.equal(severity(before, 'missing-hrddp'), 1);
      assert.equal(severity(after, 'missing-hrddp'), 2);

      const config = JSON.parse(run(['--print-config', 'drafts/weak.md'], ws).stdout);
      assert.deepEqual(config.extends, ['mandate-lint:recommended', '@kalindor/mandate-lint-team']);
      assert.ok(config.lexicons.some((l: string) => l.endsWith('@kalindor/mandate-lint-team/lexicon.json')));
      assert.deepEqual(config.snippetOverrides.length, 1);

      const listed = JSON.parse(run(['snippets', 'list', '--for', 'drafts/weak.md', '--format', 'json'], ws).stdout) as { snippets: Array<{ id: string; title: string }> };
      assert.match(listed.snippets.find((s) => s.id === 'hrddp-condition')!.title, /Kalindor wording/);
      assert.ok(listed.snippets.some((s) => s.id === 'kalindor-payroll-verification'));

      // A team can also take only the library, without the configuration.
      writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true, snippets: ['@kalindor/mandate-lint-team'] }));
      const onlyLibrary = JSON.parse(run(['snippets', 'list', '--for', 'drafts/weak.md', '--format', 'json'], ws).stdout) as { libraries: Array<{ source: string }> };
      assert.ok(onlyLibrary.libraries.some((l) => l.source === '@kalindor/mandate-lint-team (snippets/kalindor-clauses.json)'));
      assert.equal(severity(json(['drafts/'], ws), 'missing-benchmarks'), 1, 'without extends, the team severities do not apply');

      const exported = run(['snippets', 'export', '--vscode', '--for', 'drafts/weak.md', '-o', 'out/team.code-snippets'], ws);
      assert.equal(exported.code, 0, exported.stderr);
      const snippets = JSON.parse(readFileSync(join(ws, 'out', 'team.code-snippets'), 'utf8'));
      const payroll = snippets['Payroll verification and a costed plan for the KDSF'];
      assert.equal(payroll.prefix, 'kal-payroll');
      assert.match(payroll.body.join('\n'), /^\*Requests\* \$\{1:the Mission\} to support \$\{2:the host authorities\}, together with the World Bank/);
    });

    it('exports every snippet to VS Code, titles shared or named "__proto__" included, and never over a library it reads', () => {
      const library = { name: 't', snippets: [
        { id: 'a-one', title: '__proto__', kind: 'task', body: 'ensure that the benchmarks are reported' },
        { id: 'b-two', title: 'Same title', kind: 'task', body: 'ensure that vetting is done' },
        { id: 'c-three', title: 'Same title', kind: 'task', body: 'ensure that oversight is done' },
      ] };
      const ws = makeWorkspace({ 'lib.json': JSON.stringify(library), '.mandatelintrc.json': JSON.stringify({ root: true }) });
      const exported = run(['snippets', 'export', '--vscode', '--library', 'lib.json', '-o', 'out.code-snippets'], ws);
      assert.equal(exported.code, 0, exported.stderr);
      const out = JSON.parse(readFileSync(join(ws, 'out.code-snippets'), 'utf8')) as Record<string, { body: string[] }>;
      const bodies = Object.values(out).map((v) => v.body.join(' '));
      for (const words of ['benchmarks are reported', 'vetting is done', 'oversight is done']) assert.ok(bodies.some((b) => b.includes(words)), words);
      assert.ok(Object.hasOwn(out, '__proto__') && Object.hasOwn(out, 'Same title') && Object.hasOwn(out, 'Same title (c-three)'));
      assert.match(exported.stderr, new RegExp(`wrote ${Object.keys(out).length} snippets`));
      const over = run(['snippets', 'export', '--vscode', '--library', 'lib.json', '-o', 'lib.json'], ws);
      assert.equal(over.code, 2);
      assert.match(over.stderr, /-o would overwrite lib\.json, a file this export reads/);
      assert.deepEqual(JSON.parse(readFileSync(join(ws, 'lib.json'), 'utf8')), library);
    });

    it('a hostile regular expression in a team lexicon is refused, and the rest of the package still applies', () => {
      const ws = makeWorkspace({ 'a.md': weak });
      cpSync(TEAM_PACKAGE, join(ws, 'node_modules', '@kalindor', 'mandate-lint-team'), { recursive: true });
      const lexicon = join(ws, 'node_modules', '@kalindor', 'mandate-lint-team', 'lexicon.json');
      writeFileSync(lexicon, JSON.stringify({ name: 'hostile', concepts: [{ id: 'governance', terms: [{ pattern: '(a+)+$' }, 'civilian review board'] }] }, null, 2));
      writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true, extends: '@kalindor/mandate-lint-team' }));
      const r = json(['a.md'], ws); // run() fails the test if the pattern makes the CLI hang
      assert.equal(r.code, 2);
      assert.match(r.stderr, /lexicon\.json:\d+:\d+: concept "governance", term .*\(a\+\)\+\$.*: /);
      assert.ok(r.results[0].messages.some((m) => m.ruleId === 'missing-hrddp' && m.severity === 2), 'the team severities still apply');
    });
  });

  describe('CI integrations', () => {
    it('--format github writes one escaped workflow command per finding', () => {
      const ws = makeWorkspace({ 'drafts/a, b%.md': weak });
      const r = run(['--format', 'github', 'drafts/'], ws);
      assert.equal(r.code, 1);
      const lines = r.stdout.trim().split('\n');
      const count = json(['drafts/'], ws).results[0].messages.length;
      assert.equal(lines.length, count);
      for (const line of lines) assert.match(line, /^::(error|warning|notice) file=drafts\/a%2C b%25\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=mandate-lint \([a-z-]+\)::[^\n]+$/);
      assert.ok(lines.some((l) => l.startsWith('::error ')) && lines.some((l) => l.startsWith('::warning ')));
    });

    it('--format junit writes well-formed JUnit XML with one failing case per finding', () => {
      const ws = makeWorkspace({ 'weak.md': weak, 'clean.md': '# Note\n\nA staff retreat in June.\n', 'odd.md': '# <Draft> & "quotes"\n\n3. *Requests* the Mission to train the army \u0001 now;\n' });
      const r = run(['--format', 'junit', 'weak.md', 'clean.md', 'odd.md'], ws);
      assert.equal(r.code, 1);
      assert.equal(XMLValidator.validate(r.stdout), true);
      const cases = r.stdout.match(/<testcase /g)!.length;
      const findings = json(['weak.md', 'odd.md'], ws).results.reduce((n, f) => n + f.messages.length, 0);
      assert.equal(cases, findings + 1, 'one case per finding and one passing case for the clean draft');
      assert.match(r.stdout, /<testsuite name="clean\.md" package="mandate-lint" tests="1" failures="0" errors="0">/);
    });

    it('the GitHub Action runs the CLI with its inputs, writes SARIF and passes the exit code on', () => {
      const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
      assert.equal(action.runs.using, 'composite');
      for (const input of ['paths', 'format', 'config', 'max-warnings', 'sarif-file', 'args']) assert.ok(action.inputs[input], input);
      const lint = action.runs.steps.find((s: { id?: string }) => s.id === 'lint');
      assert.match(lint.run, /scripts\/action\/run\.sh/);
      assert.ok(!/\$\{\{\s*inputs/.test(lint.run), 'inputs reach the script through the environment');
      const ws = makeWorkspace({ 'drafts/a.md': weak, 'drafts/b.md': '# Note\n\nA staff retreat in June.\n', 'out.txt': '' });
      const env = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: join(ws, 'out.txt'), MANDATE_LINT_PATHS: 'drafts', MANDATE_LINT_FORMAT: 'github', MANDATE_LINT_SARIF: 'reports/lint.sarif', MANDATE_LINT_ARGS: '--rule missing-gender:off', MANDATE_LINT_CONFIG: '', MANDATE_LINT_MAX_WARNINGS: '-1' };
      const r = spawnSync('bash', [join(ROOT, 'scripts', 'action', 'run.sh')], { cwd: ws, env, encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^::error file=drafts\/a\.md,line=\d+/m);
      assert.doesNotMatch(r.stdout, /missing-gender/);
      assert.match(readFileSync(join(ws, 'out.txt'), 'utf8'), /^exit-code=1$/m);
      assert.equal(JSON.parse(readFileSync(join(ws, 'reports', 'lint.sarif'), 'utf8')).version, '2.1.0');
      const clean = spawnSync('bash', [join(ROOT, 'scripts', 'action', 'run.sh')], { cwd: ws, env: { ...env, MANDATE_LINT_PATHS: 'drafts/b.md', MANDATE_LINT_SARIF: '' }, encoding: 'utf8' });
      assert.equal(clean.status, 0);
    });

    it('the pre-commit hook runs the package binary on drafts and leaves README files alone', () => {
      const [hook] = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
      assert.equal(hook.id, 'mandate-lint');
      assert.equal(hook.language, 'node');
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      assert.ok(pkg.bin[hook.entry], 'entry is the package binary');
      const files = new RegExp(hook.files);
      const exclude = new RegExp(hook.exclude);
      const picked = ['drafts/mandate.md', 'strategy.txt', 'README.md', 'docs/CHANGELOG.md', 'src/app.ts'].filter((f) => files.test(f) && !exclude.test(f));
      assert.deepEqual(picked, ['drafts/mandate.md', 'strategy.txt']);
    });

    it('the problem matcher the extension contributes reads every finding of the default output', () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'mandate-lint');
      // Its markers must not share an owner with the language server's diagnostics ("mandate-lint"), or each replaces the other.
      assert.equal(matcher.owner, 'mandate-lint-cli');
      const pattern = new RegExp(matcher.pattern.regexp);
      const stylish = run(['examples/'], ROOT).stdout.split('\n');
      const expected = json(['examples/'], ROOT).results.flatMap((f) => f.messages.map((m) => ({ ...m, file: f.filePath })));
      const matched = stylish.map((l) => pattern.exec(l)).filter((m): m is RegExpExecArray => !!m);
      assert.equal(matched.length, expected.length);
      for (const m of matched) {
        const [file, line, column, severity, message, code] = [m[matcher.pattern.file], m[matcher.pattern.line], m[matcher.pattern.column], m[matcher.pattern.severity], m[matcher.pattern.message], m[matcher.pattern.code]];
        assert.ok(expected.some((e) => e.file.endsWith(file) && e.ruleId === code && e.message === message && (e as unknown as { line: number }).line === Number(line) && (e as unknown as { column: number }).column === Number(column)), `${file}:${line}:${column} ${code}`);
        assert.ok(['error', 'warning', 'info'].includes(severity));
      }
    });
  });

  describe('--cache', () => {
    it('reuses unchanged files and relints when the text, the configuration, a library or the tool changes', () => {
      const ws = makeWorkspace({ 'a.md': weak, 'b.md': weak.replace('Kalindor', 'Belanor'), '.mandatelintrc.json': JSON.stringify({ root: true, snippets: ['./lib.json'] }), 'lib.json': library([clause('one')]) });
      const debug = { MANDATE_LINT_DEBUG: 'cache' };
      const stats = (r: { stderr: string }) => /cache: (\d+) reused, (\d+) linted/.exec(r.stderr)!.slice(1).map(Number);
      const first = run(['--cache', 'a.md', 'b.md'], ws, debug);
      assert.deepEqual(stats(first), [0, 2]);
      assert.ok(existsSync(join(ws, '.mandatelintcache')));
      const second = run(['--cache', 'a.md', 'b.md'], ws, debug);
      assert.deepEqual(stats(second), [2, 0]);
      assert.equal(second.stdout, first.stdout, 'cached results are the same results');
      assert.equal(second.code, first.code);

      writeFileSync(join(ws, 'b.md'), weak + '\nOne more line.\n');
      assert.deepEqual(stats(run(['--cache', 'a.md', 'b.md'], ws, debug)), [1, 1], 'an edited file is linted again');
      assert.deepEqual(stats(run(['--cache', '--rule', 'missing-gender:off', 'a.md', 'b.md'], ws, debug)), [0, 2], 'other options');
      writeFileSync(join(ws, 'lib.json'), library([clause('one'), clause('two')]));
      assert.deepEqual(stats(run(['--cache', 'a.md', 'b.md'], ws, debug)), [0, 2], 'a library changed');
      writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true, snippets: ['./lib.json'], rules: { 'missing-hrddp': 'error' } }));
      assert.deepEqual(stats(run(['--cache', 'a.md', 'b.md'], ws, debug)), [0, 2], 'the configuration changed');
      const cacheFile = join(ws, '.mandatelintcache');
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
      writeFileSync(cacheFile, JSON.stringify({ ...cached, tool: '0.0.1:older' }));
      const upgraded = run(['--cache', 'a.md', 'b.md'], ws, debug);
      assert.deepEqual(stats(upgraded), [0, 2], 'another version of mandate-lint');
      assert.match(upgraded.stderr, /the cache was rebuilt: the tool changed/);
      // Not a cache this tool wrote (it writes through a temporary file, so it never leaves half a cache): left
      // alone, and the run goes on without a cache.
      writeFileSync(cacheFile, '{ not json');
      const foreign = run(['--cache', '--cache-location', '.mandatelintcache', 'a.md'], ws, debug);
      assert.match(foreign.stderr, /cache \.mandatelintcache not used: it is not a mandate-lint cache, and it is left as it is/);
      assert.equal(foreign.code, 2);
      assert.equal(readFileSync(cacheFile, 'utf8'), '{ not json');
      assert.match(foreign.stdout, /a\.md/, 'the draft is still linted');
    });

    it('never overwrites a file at the cache location that is not a cache: the draft itself, a package.json, a large file', () => {
      const ws = makeWorkspace({ 'a.md': weak, 'package.json': '{"name":"drafts","version":"1.0.0"}\n', 'big.bin': 'x'.repeat(65 * 1024 * 1024) });
      for (const location of ['a.md', 'package.json', 'big.bin']) {
        const before = readFileSync(join(ws, location));
        const result = run(['--cache', '--cache-location', location, 'a.md'], ws);
        assert.equal(result.code, 2, location);
        assert.match(result.stderr, new RegExp(`cache ${location.replace('.', '\\.')} not used: it .*not a mandate-lint cache, and it is left as it is`), location);
        assert.ok(readFileSync(join(ws, location)).equals(before), `${location} is unchanged`);
        assert.match(result.stdout, /weak|a\.md/, `${location}: the draft is still linted`);
      }
    });
  });
});
