import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json';
import { ruleDocsFileUrl } from '../node/rule-docs';

export const VERSION: string = pkg.version;

/**
 * The rule pages the package installs (docs/rules/<id>.md, listed in package.json `files`): beside dist/ for the
 * bundles (dist/cli.js, dist/api.cjs), two folders up when run from the sources (src/cli). Undefined when neither
 * is there. The project has no web site: the installed page is the only one there is.
 */
export const RULE_DOCS_DIR: string | undefined = [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', 'docs', 'rules')].find((dir) => existsSync(dir));

/** The installed page of a rule as a file:// URL, or undefined when it is not on disk. */
export function ruleDocsUrl(ruleId: string): string | undefined {
  return ruleDocsFileUrl(RULE_DOCS_DIR, ruleId);
}
