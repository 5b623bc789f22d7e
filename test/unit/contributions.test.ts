/**
 * What package.json contributes to VS Code for drafters (issue 13, points 1, 3 and 9), checked against the code and
 * the data it names: no static snippets beside the filled-in completions, the file conventions, the language's
 * editor defaults, the walkthrough and its media, the icon, the changelog and the rule ids in the schemas.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/core/rules/registry';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

describe('package.json contributions for drafters (issue 13)', () => {
  it('contributes no static snippets: completions are the filled-in clauses, once each', () => {
    assert.equal(contributes.snippets, undefined);
  });

  it('opens the file conventions in the Mandate draft language, wrapped', () => {
    const mandate = contributes.languages.find((l: { id: string }) => l.id === 'mandate');
    assert.deepEqual([...mandate.extensions].sort(), ['.agreement.md', '.agreement.txt', '.mandate.md', '.mandate.txt', '.strategy.md', '.strategy.txt']);
    assert.equal(contributes.configurationDefaults['[mandate]']['editor.wordWrap'], 'on');
    assert.ok(contributes.menus['editor/title'].some((m: { command: string; when: string }) => m.command === 'markdown.showPreviewToSide' && /editorLangId == mandate/.test(m.when)));
  });

  it('has a walkthrough whose steps name existing media and commands', () => {
    const [walkthrough] = contributes.walkthroughs;
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(existsSync(join(ROOT, media)), `${step.id}: ${media}`);
      assert.ok(pkg.files.some((f: string) => f === media || (f.endsWith('/**/*.md') && media.startsWith(f.split('/**')[0]))), `${step.id}: ${media} is packaged`);
      for (const m of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(m[1]) || /^(?:workbench|editor)\./.test(m[1]), `${step.id}: ${m[1]}`);
    }
    assert.equal(readFileSync(join(ROOT, 'docs', 'walkthrough', 'example-draft.mandate.md'), 'utf8'), readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8'), 'the example is the weak draft');
  });

  it('has an icon and a changelog in the package', () => {
    const icon = readFileSync(join(ROOT, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.ok(pkg.files.includes(pkg.icon) && pkg.files.includes('CHANGELOG.md'));
    assert.match(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n\n## 0\.1\.0/);
  });

  it('completes every rule id, and only those, in mandateLint.rules and .mandatelintrc.json', () => {
    const ids = RULES.map((r) => r.id);
    const setting = contributes.configuration.properties['mandateLint.rules'];
    assert.deepEqual(Object.keys(setting.properties), ids);
    assert.deepEqual(setting.propertyNames.enum, ids);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'mandatelintrc.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.definitions.rules.properties), ids);
    for (const r of RULES) assert.equal(schema.definitions.rules.properties[r.id].description, r.title);
  });

  it('packages the README with its links relative', () => {
    assert.match(pkg.scripts.package, /--no-rewrite-relative-links/);
    assert.match(pkg.scripts['test:e2e'], /--no-rewrite-relative-links/);
  });
});
