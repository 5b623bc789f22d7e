/** The built CLI, spawned as a reviewer runs it: exit codes, formats, options and bad input. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { cleanWorkspaces, makeWorkspace } from './helpers/workspace';
import { getLesson } from '../src/core/lessons';
import { RULES } from '../src/core/rules/registry';
import { parseAndValidate } from '../src/core/config/validate';
import { runCli } from '../src/cli/run';
import configSchema from '../schemas/mandatelintrc.schema.json';
import lexiconSchema from '../schemas/lexicon.schema.json';

const CLI = join(__dirname, '..', 'dist', 'cli.js');

const DRIFT = '# Draft\n\nThe Security Council,\n\n3. *Requests* the Mission to provide training and equipment to the national army;\n';
const CLEAN = '# Note\n\nThe mission will hold a staff retreat in June.\n';
const GENDER_ONLY = [
  '# Draft',
  '',
  'The Security Council,',
  '',
  '3. *Requests* the Mission to support the national police in strict compliance with the human rights due diligence policy;',
  '',
].join('\n');

function run(args: string[], cwd: string, input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI', () => {
  after(cleanWorkspaces);

  it('exits 0 on a clean file and prints nothing', () => {
    const ws = makeWorkspace({ 'note.md': CLEAN });
    const r = run(['note.md'], ws);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  it('prints path:line:col, severity, message and rule id, then a summary, and exits 1 on errors', () => {
    const ws = makeWorkspace({ 'drafts/a.md': DRIFT });
    const r = run(['drafts/'], ws);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^drafts\/a\.md:5:\d+\s+error\s+Asks for capability support .*\s+train-and-equip-drift$/m);
    assert.match(r.stdout, /✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
    assert.match(run(['--color', 'drafts/'], ws).stdout, /\u001b\[31m/);
  });

  it('writes ESLint-compatible JSON', () => {
    const ws = makeWorkspace({ 'a.md': DRIFT, 'b.md': CLEAN });
    const r = run(['--format', 'json', 'a.md', 'b.md'], ws);
    assert.equal(r.code, 1);
    const results = JSON.parse(r.stdout);
    assert.equal(results.length, 2);
    const [a, b] = results;
    assert.equal(a.filePath, join(ws, 'a.md'));
    assert.ok(a.errorCount >= 1 && typeof a.warningCount === 'number');
    for (const m of a.messages) {
      assert.ok([1, 2].includes(m.severity));
      for (const key of ['ruleId', 'message', 'line', 'column', 'endLine', 'endColumn']) assert.ok(key in m, key);
    }
    assert.deepEqual(b.messages, []);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with each rule\'s help in the log and no web addresses', () => {
    const ws = makeWorkspace({ 'drafts/a.md': DRIFT });
    const r = run(['-f', 'sarif', 'drafts'], ws);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv as never);
    const validate = ajv.compile(schema);
    const valid = (validate as (data: unknown) => boolean)(log);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5)));
    const run0 = log.runs[0];
    assert.equal(log.version, '2.1.0');
    // What code scanning shows as the rule's help: the summary, good language and the lessons by name, in the log
    // itself. No helpUri or informationUri: the project has no site, and a file:// URL means nothing on a CI server.
    assert.equal(run0.tool.driver.rules.length, RULES.length);
    for (const rule of run0.tool.driver.rules) {
      const source = RULES.find((r) => r.id === rule.id)!;
      assert.equal(rule.helpUri, undefined, rule.id);
      assert.ok(rule.help.markdown.startsWith(source.docs.summary), rule.id);
      assert.ok(rule.help.markdown.includes(`**What good language looks like:** ${source.docs.goodPractice}`), rule.id);
      for (const id of source.lessons) assert.ok(rule.help.markdown.includes(`**${getLesson(id)!.label}**: ${getLesson(id)!.title}.`), `${rule.id}: ${id}`);
      assert.ok(rule.help.markdown.includes(`\`docs/rules/${rule.id}.md\``), rule.id);
      assert.ok(rule.help.text.includes(source.docs.goodPractice) && !/\*\*|`/.test(rule.help.text), rule.id);
    }
    assert.equal(run0.tool.driver.informationUri, undefined);
    assert.doesNotMatch(JSON.stringify(run0), /https?:\/\/|mandate-lint\.dev/);
    assert.ok(run0.results.length >= 1);
    for (const result of run0.results) {
      const location = result.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uri, 'drafts/a.md');
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
      assert.equal(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    }
  });

  it('limits warnings with --max-warnings and shows only errors with --quiet', () => {
    const ws = makeWorkspace({ 'a.md': GENDER_ONLY });
    const plain = run(['a.md'], ws);
    assert.equal(plain.code, 0, 'warnings alone do not fail');
    assert.match(plain.stdout, /warning/);
    assert.equal(run(['--max-warnings', '0', 'a.md'], ws).code, 1);
    const quiet = run(['--quiet', 'a.md'], ws);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, '');
  });

  it('takes numbers for --max-warnings and --max-file-size in decimal digits only, and says limits under a kilobyte in bytes', () => {
    const ws = makeWorkspace({ 'a.md': DRIFT });
    for (const value of ['', '0x10', '0b11111', '1e3', ' ', '-2']) {
      const r = run([`--max-warnings=${value}`, 'a.md'], ws);
      assert.equal(r.code, 2, `--max-warnings=${JSON.stringify(value)}: ${r.stderr}`);
      assert.match(r.stderr, value ? /--max-warnings needs a whole number/ : /option --max-warnings needs a value/);
    }
    for (const value of ['0x1', '1e1', '', '0', '0.0000001']) {
      const r = run(['--max-file-size', value, 'a.md'], ws);
      assert.equal(r.code, 2, `--max-file-size ${JSON.stringify(value)}: ${r.stderr}`);
      assert.match(r.stderr, /--max-file-size needs a size in MB/);
    }
    const small = run(['--max-file-size', '0.0001', 'a.md'], ws);
    assert.match(small.stdout, /file is too large to lint \(more than 104 bytes; see --max-file-size\)/);
  });

  it('says with --stdin that an ignore file given is not there, and that --cache does not apply', () => {
    const ws = makeWorkspace({});
    const missing = run(['--stdin', '--ignore-path', 'absent.ignore'], ws, DRIFT);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /ignore file not found: absent\.ignore/);
    assert.match(missing.stdout, /train-and-equip-drift/, 'the text is still linted');
    const cached = run(['--stdin', '--cache'], ws, DRIFT);
    assert.match(cached.stderr, /warning: --cache does not apply to --stdin/);
  });

  it('says an option given with "=" and nothing after it needs a value, and serve --port alone needs a port', () => {
    const ws = makeWorkspace({ 'a.md': DRIFT });
    for (const option of ['--print-config=', '--config=', '--format=', '--ignore-path=']) {
      const r = run([option, 'a.md'], ws);
      assert.equal(r.code, 2, option);
      assert.match(r.stderr, new RegExp(`option ${option.slice(0, -1)} needs a value`), option);
    }
    const serve = run(['serve', '--port'], ws);
    assert.equal(serve.code, 2);
    assert.match(serve.stderr, /--port needs a port number/);
  });

  it('gives findings their baseline fingerprints in JSON, also when read back from a cache a stylish run wrote', () => {
    const weak = readFileSync(join(__dirname, '..', 'examples', 'weak-mandate.md'), 'utf8');
    const ws = makeWorkspace({ 'a.md': weak, '.mandatelintrc.json': JSON.stringify({ root: true }) });
    type Message = { ruleId: string | null; level?: string; fingerprint?: { paragraph: string; sketch: string; quote: string } };
    const printed = (args: string[]) => (JSON.parse(run([...args, '--format', 'json', 'a.md'], ws).stdout)[0].messages as Message[]).filter((m) => m.ruleId);
    const fresh = printed([]);
    assert.ok(fresh.length > 3 && fresh.every((m) => m.fingerprint), JSON.stringify(fresh[0]));
    assert.ok(fresh.filter((m) => m.level === 'paragraph').every((m) => /^[0-9a-f]{16}$/.test(m.fingerprint!.sketch)));
    // A stylish run prints no fingerprint, but the cache it writes serves later JSON runs: it keeps them.
    assert.equal(run(['--cache', 'a.md'], ws).code, 1);
    assert.ok(existsSync(join(ws, '.mandatelintcache')));
    assert.deepEqual(printed(['--cache']), fresh);
  });

  it('shows only errors with --quiet in SARIF against a baseline too', () => {
    const weak = readFileSync(join(__dirname, '..', 'examples', 'weak-mandate.md'), 'utf8');
    const ws = makeWorkspace({ 'a.md': weak, '.mandatelintrc.json': JSON.stringify({ root: true }) });
    writeFileSync(join(ws, 'base.json'), '[]');
    const levels = (args: string[]) => (JSON.parse(run([...args, '-f', 'sarif', 'a.md'], ws).stdout).runs[0].results as Array<{ level: string }>).map((r) => r.level);
    const all = levels(['--baseline', 'base.json']);
    assert.ok(all.includes('error') && all.includes('warning'));
    const quiet = levels(['--quiet', '--baseline', 'base.json']);
    assert.deepEqual(quiet, all.filter((l) => l === 'error'));
  });

  it('sets rule severities with --rule and rejects unknown rules as usage errors', () => {
    const ws = makeWorkspace({ 'a.md': DRIFT });
    assert.equal(run(['--rule', 'train-and-equip-drift:warning', '--rule', 'missing-governance:warning', 'a.md'], ws).code, 0);
    const off = run(['--rule', 'train-and-equip-drift:off', '--format', 'json', 'a.md'], ws);
    assert.ok(!JSON.parse(off.stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'train-and-equip-drift'));
    const bad = run(['--rule', 'no-such-rule:off', 'a.md'], ws);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule "no-such-rule"/);
  });

  it('--rule changes a rule\'s severity and keeps the options the configuration gives it, as a bare severity in a file does', () => {
    const weak = readFileSync(join(__dirname, '..', 'examples', 'weak-mandate.md'), 'utf8');
    const ws = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true, rules: { 'missing-gender': ['error', { paragraphs: false }] } }), 'a.md': weak });
    const gender = (args: string[]) => (JSON.parse(run([...args, '--format', 'json', 'a.md'], ws).stdout)[0].messages as Array<{ ruleId: string; severity: number }>).filter((m) => m.ruleId === 'missing-gender');
    const configured = gender([]);
    const overridden = gender(['--rule', 'missing-gender:warning']);
    assert.ok(configured.length >= 1 && configured.every((m) => m.severity === 2));
    assert.equal(overridden.length, configured.length, 'paragraphs: false still applies');
    assert.ok(overridden.every((m) => m.severity === 1));
    const printed = JSON.parse(run(['--rule', 'missing-gender:warning', '--print-config', 'a.md'], ws).stdout);
    assert.deepEqual(printed.rules['missing-gender'], ['warning', { paragraphs: false }]);
  });

  it('lints standard input with --stdin and --stdin-filename, using the config for that path', () => {
    const ws = makeWorkspace({ 'strategies/.mandatelintrc.json': JSON.stringify({ rules: { 'train-and-equip-drift': 'off' } }) });
    const r = run(['--stdin', '--stdin-filename', 'strategies/plan.md', '--format', 'json'], ws, DRIFT);
    const [result] = JSON.parse(r.stdout);
    assert.equal(result.filePath, join(ws, 'strategies/plan.md'));
    assert.ok(!result.messages.some((m: { ruleId: string }) => m.ruleId === 'train-and-equip-drift'));
    const plain = run(['--stdin'], ws, DRIFT);
    assert.equal(plain.code, 1);
    assert.match(plain.stdout, /^<text>:5:/m);
  });

  it('treats a missing path or an empty glob as a usage error but lints the other files', () => {
    const ws = makeWorkspace({ 'a.md': DRIFT });
    const r = run(['nope.md', 'a.md', 'drafts/**/*.md'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^mandate-lint: no such file or directory: nope\.md$/m);
    assert.match(r.stderr, /^mandate-lint: no files match the pattern drafts\/\*\*\/\*\.md$/m);
    assert.match(r.stdout, /a\.md:5:/);
  });

  it('reports binary, oversized and non-UTF-8 files clearly and keeps going', () => {
    const ws = makeWorkspace({
      'drafts/a.md': DRIFT,
      'drafts/scan.md': Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff]),
      'drafts/latin1.md': Buffer.concat([Buffer.from('# Draft\n\nThe Security Council,\n\n3. Requests the Mission to train the national army in C'), Buffer.from([0xf4]), Buffer.from('te;\n')]),
    });
    const r = run(['--format', 'json', 'drafts'], ws);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string; fatal?: boolean }> }>;
    const scan = results.find((x) => x.filePath.endsWith('scan.md'))!;
    assert.equal(scan.messages.length, 1);
    assert.ok(scan.messages[0].fatal && /binary file/.test(scan.messages[0].message));
    assert.doesNotMatch(scan.messages[0].message, /not linted.*not linted/i, 'the message says it once');
    const latin = results.find((x) => x.filePath.endsWith('latin1.md'))!;
    assert.ok(latin.messages.some((m) => m.ruleId === null && /not valid UTF-8/.test(m.message)));
    assert.ok(latin.messages.some((m) => m.ruleId === 'train-and-equip-drift'));
    assert.ok(results.find((x) => x.filePath.endsWith('a.md'))!.messages.length > 0);
    const big = run(['--max-file-size', '0.00001', 'drafts/a.md'], ws);
    assert.equal(big.code, 1);
    assert.match(big.stdout, /too large to lint/);
  });

  it('writes stylish output file by file as the drafts are linted, the same text as written at once to a file', async () => {
    // b/ has a configuration of its own with a mistake: its one line on standard error comes when b/ is linted.
    const ws = makeWorkspace({ 'a.md': DRIFT, 'b/.mandatelintrc.json': '{ "rules": { "missing-gender": "sometimes" } }', 'b/b.md': DRIFT, 'c.md': CLEAN, 'd.md': GENDER_ONLY });
    const events: Array<['out' | 'err', string]> = [];
    const io = () => ({
      cwd: ws,
      stdout: (t: string) => void events.push(['out', t]),
      stderr: (t: string) => void events.push(['err', t]),
      readStdin: () => Promise.resolve(''),
      stdoutIsTTY: false,
      env: {},
    });
    for (const extra of [[], ['--quiet']]) {
      events.length = 0;
      const code = await runCli([...extra, 'a.md', 'b', 'c.md', 'd.md'], io());
      assert.equal(code, 2, 'the configuration mistake');
      const outs = events.filter(([kind]) => kind === 'out').map(([, text]) => text);
      const whole = run([...extra, '-o', 'all.txt', 'a.md', 'b', 'c.md', 'd.md'], ws);
      assert.equal(whole.code, 2, whole.stderr);
      assert.equal(outs.join(''), readFileSync(join(ws, 'all.txt'), 'utf8'), 'the same text as formatted at once');
      // a, b and (without --quiet) d have findings: one piece each, then the summary; c is clean and prints nothing.
      assert.equal(outs.length, extra.length ? 3 : 4);
      assert.match(outs[0], /^a\.md:\d+:\d+ /);
      assert.match(outs.at(-1)!, /^✖ \d+ problems/);
      const kinds = events.map(([kind, text]) => (kind === 'err' ? 'err' : text.startsWith('a.md') ? 'a' : text.startsWith('b/b.md') ? 'b' : text.startsWith('✖') ? 'summary' : 'other'));
      assert.ok(kinds.indexOf('a') < kinds.indexOf('err') && kinds.indexOf('err') < kinds.indexOf('b'), `a is printed before b's configuration is read, b after: ${kinds.join(' ')}`);
      assert.equal(kinds.at(-1), 'summary');
    }
  });

  it('reports a broken configuration file on one line, exits 2 and still lints', () => {
    const ws = makeWorkspace({ '.mandatelintrc.json': '{ "rules": { "missing-gender": "sometimes" } }', 'a.md': DRIFT });
    const r = run(['a.md'], ws);
    assert.equal(r.code, 2);
    const lines = r.stderr.trim().split('\n');
    assert.ok(lines.every((l) => /^mandate-lint: configuration error in .*\.mandatelintrc\.json:\d+:\d+: /.test(l)), r.stderr);
    assert.match(r.stdout, /train-and-equip-drift/);
  });

  it('validates configuration, lexicons and rule options with schemas compiled at build time, as the library does', () => {
    // Ajv generating code at run time cost a short run a sixth of its time: the bundles carry the validators instead.
    for (const bundle of ['cli.js', 'server.js', 'api.cjs']) {
      assert.doesNotMatch(readFileSync(join(__dirname, '..', 'dist', bundle), 'utf8'), /\bnew Function\(/, bundle);
    }
    const config = '{ "rules": { "missing-gender": ["warning", { "paragraphs": "no" }], "train-and-equip-drift": "sometimes" }, "extra": 1 }';
    const lexicon = '{ "concepts": [{ "id": "x", "phrases": [3] }] }';
    const cases: Array<{ files: Record<string, string>; text: string; schema: object }> = [
      { files: { '.mandatelintrc.json': config, 'a.md': DRIFT }, text: config, schema: configSchema },
      { files: { '.mandatelintrc.json': '{ "root": true, "lexicons": ["team.json"] }', 'team.json': lexicon, 'a.md': DRIFT }, text: lexicon, schema: lexiconSchema },
    ];
    for (const { files, text, schema } of cases) {
      const r = run(['a.md'], makeWorkspace(files));
      assert.equal(r.code, 2, r.stderr);
      const expected = parseAndValidate(text, schema).problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
      assert.ok(expected.length >= 1, text);
      for (const problem of expected) assert.ok(r.stderr.includes(problem), `${problem}\n---\n${r.stderr}`);
    }
  });

  it('prints the resolved configuration with --print-config', () => {
    const ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({ root: true, docType: 'strategy', rules: { 'missing-gender': ['warning', { paragraphs: false }] } }),
      'x.md': CLEAN,
    });
    const r = run(['--print-config', 'x.md', '--rule', 'missing-benchmarks:error'], ws);
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    assert.equal(printed.docType, 'strategy');
    assert.deepEqual(printed.rules['missing-gender'], ['warning', { paragraphs: false }]);
    assert.equal(printed.rules['missing-benchmarks'], 'error');
    assert.equal(printed.effectiveRules.mandate['train-and-equip-drift'], 'error');
    // Like ESLint, configured options merge with the profile's (strategies report single paragraphs as info).
    assert.deepEqual(printed.effectiveRules.strategy['missing-gender'], ['warning', { paragraphSeverity: 'info', paragraphs: false }]);
    assert.ok(!('missing-mel' in printed.effectiveRules.mandate), 'strategy-only rules are not listed for mandates');
    assert.equal(printed.configFiles.length, 1);
    const missing = run(['--print-config', 'missing.md'], ws);
    assert.equal(missing.code, 2, 'a file that does not exist is a usage error');
    assert.match(missing.stderr, /no such file or directory: missing\.md/);
  });

  it('skips files matched by .mandatelintignore unless --no-ignore is given', () => {
    const ws = makeWorkspace({ '.mandatelintignore': 'archive/\n', 'archive/old.md': DRIFT, 'drafts/new.md': CLEAN });
    assert.equal(run(['.'], ws).code, 0);
    assert.equal(run(['--no-ignore', '.'], ws).code, 1);
    const explicit = run(['archive/old.md'], ws);
    assert.match(explicit.stderr, /file ignored/);
  });

  it('extends the strict preset: warnings become errors; an unknown preset is a configuration error', () => {
    const ws = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true, extends: 'mandate-lint:strict' }), 'a.md': GENDER_ONLY });
    const r = run(['--format', 'json', 'a.md'], ws);
    const [result] = JSON.parse(r.stdout);
    assert.ok(result.messages.some((m: { ruleId: string; severity: number }) => m.ruleId === 'missing-gender' && m.severity === 2));
    assert.equal(r.code, 1);
    const bad = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true, extends: 'mandate-lint:lenient' }), 'a.md': GENDER_ONLY });
    const badRun = run(['a.md'], bad);
    assert.equal(badRun.code, 2);
    assert.match(badRun.stderr, /not a known preset/);
  });

  it('writes the lessons coverage report as Markdown, and with -o also as an HTML page', () => {
    const ws = makeWorkspace({ 'drafts/a.md': DRIFT, 'drafts/b.md': CLEAN, 'binary.md': Buffer.from([0, 1, 2, 0, 255]).toString('latin1') });
    const r = run(['--format', 'report', 'drafts/'], ws);
    assert.equal(r.code, 1, 'same exit code as the other formats');
    assert.match(r.stdout, /^# Lessons coverage report/);
    assert.match(r.stdout, /^## drafts\/a\.md$/m);
    assert.match(r.stdout, /\| ❌ \| review, lesson 9: /);
    assert.match(r.stdout, /OP3 \| 5 \|/, 'the chart table names operative paragraph 3 on line 5');

    const out = run(['--format', 'report', '-o', 'reports/coverage.md', 'drafts/a.md'], ws);
    assert.equal(out.code, 1);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /wrote reports\/coverage\.md and reports\/coverage\.html/);
    assert.match(readFileSync(join(ws, 'reports', 'coverage.md'), 'utf8'), /^# Lessons coverage report/);
    const html = readFileSync(join(ws, 'reports', 'coverage.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<svg class="chart"/);

    const htmlFirst = run(['--format', 'report', '-o', 'page.html', 'drafts/a.md'], ws);
    assert.equal(htmlFirst.code, 1);
    assert.match(readFileSync(join(ws, 'page.html'), 'utf8'), /^<!DOCTYPE html>/);
    assert.match(readFileSync(join(ws, 'page.md'), 'utf8'), /^# Lessons coverage report/);

    const bad = run(['--format', 'report', 'binary.md', 'drafts/b.md'], ws);
    assert.match(bad.stderr, /binary\.md: Not linted/);
    assert.match(bad.stdout, /^## drafts\/b\.md$/m, 'the other file is still reported');
  });

  it('forces a document type with --doc-type', () => {
    const ws = makeWorkspace({ 'a.md': DRIFT });
    const r = run(['--doc-type', 'strategy', '--format', 'json', 'a.md'], ws);
    assert.equal(JSON.parse(r.stdout)[0].docType, 'strategy');
    assert.equal(run(['--doc-type', 'memo', 'a.md'], ws).code, 2);
  });

  it('answers --help and --version, and rejects unknown options with exit code 2', () => {
    const ws = makeWorkspace({});
    assert.match(run(['--help'], ws).stdout, /Usage: mandate-lint/);
    assert.match(run(['--version'], ws).stdout, /^\d+\.\d+\.\d+\n$/);
    const bad = run(['--fromat', 'json'], ws);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown option "--fromat"/);
    assert.equal(run([], ws).code, 2);
  });
});
