/** The library API (src/api.ts) with arguments of the wrong kinds: a TypeError that says what is wrong, as documented. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { lintFiles, lintText } from '../../src/api';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

describe('library API: arguments of the wrong kind', () => {
  it('checks rule options against the rule\'s schema, as a configuration file does', () => {
    assert.throws(() => lintText('x', { rules: { 'missing-gender': ['warning', { paragraphs: 'false' }] } } as never), /lintText: rule "missing-gender", option "paragraphs": must be a boolean/);
    assert.throws(() => lintText('x', { rules: { 'missing-gender': ['warning', { noSuchOption: 1 }] } } as never), /rule "missing-gender" has no option "noSuchOption"/);
    assert.throws(() => lintText('x', { rules: [] } as never), /lintText: rules must be an object of rule settings/);
    assert.equal(lintText('x', { rules: { 'missing-gender': ['warning', { paragraphs: false }] } }).findings.length, 0);
  });

  it('refuses options that are not an object, with a message rather than a null dereference', async () => {
    assert.throws(() => lintText('x', null as never), /lintText: options must be an object/);
    await assert.rejects(lintFiles([EXAMPLES], null as never), /lintFiles: options must be an object/);
    await assert.rejects(lintFiles({} as never), /lintFiles: give one or more paths/);
  });

  it('refuses a maxFileSize that is not a whole number of bytes, and extensions that are not a list of extensions', async () => {
    for (const maxFileSize of [-1, 0, 1.5, '10', NaN]) {
      await assert.rejects(lintFiles([EXAMPLES], { maxFileSize } as never), /lintFiles: maxFileSize must be a whole number of bytes above 0/, String(maxFileSize));
    }
    for (const extensions of ['md', [], [5], ['../x']]) {
      await assert.rejects(lintFiles([EXAMPLES], { extensions } as never), /lintFiles: extensions must be a list of file extensions/, JSON.stringify(extensions));
    }
    const { results } = await lintFiles([EXAMPLES], { extensions: ['md'], maxFileSize: 1024 * 1024 });
    assert.ok(results.length >= 3 && results.every((r) => r.filePath.endsWith('.md') && !r.fatalErrorCount));
  });
});
