/**
 * Rule pages on disk (docs/rules/<id>.md, installed with the package and the extension) as file:// URLs: the
 * CLI's library API and the language server's diagnostics and hovers link to the same pages the same way.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Whether each page is there, looked up once per page, not once per diagnostic ('' when it is not). */
const pages = new Map<string, string>();

/** The rule's page in `rulesDir` as a file:// URL, or undefined when there is no such page. */
export function ruleDocsFileUrl(rulesDir: string | undefined, ruleId: string): string | undefined {
  if (!rulesDir || !RULE_ID.test(ruleId)) return undefined;
  const file = join(rulesDir, `${ruleId}.md`);
  let url = pages.get(file);
  if (url === undefined) pages.set(file, (url = existsSync(file) ? pathToFileURL(file).href : ''));
  return url || undefined;
}
