/**
 * The workspace the extension-host suite and the end-to-end test open: the example drafts at the top, and a
 * "team" folder where the example team package is installed and extended, as a policy team would set it up.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEAM_FRONT_MATTER = '---\nmandate-lint: mandate\nmission: MINUKAL\nhost-state: the Government of Kalindor\nmandate-end: 31 March 2027\n---\n\n';

export function prepareWorkspace(root: string, workspace: string): void {
  for (const name of ['weak-mandate.md', 'strong-mandate.md', 'strategy-excerpt.md']) cpSync(join(root, 'examples', name), join(workspace, name));
  const team = join(workspace, 'team');
  mkdirSync(team, { recursive: true });
  // Installed the way npm lays a scoped package out; the package is data, so a copy is what npm would write.
  cpSync(join(root, 'examples', 'team-package'), join(team, 'node_modules', '@kalindor', 'mandate-lint-team'), { recursive: true });
  writeFileSync(join(team, 'package.json'), JSON.stringify({ name: 'kalindor-drafts', private: true, devDependencies: { '@kalindor/mandate-lint-team': '1.0.0' } }, null, 2));
  writeFileSync(join(team, '.mandatelintrc.json'), JSON.stringify({ root: true, extends: '@kalindor/mandate-lint-team' }, null, 2));
  writeFileSync(join(team, 'draft.mandate.md'), TEAM_FRONT_MATTER + readFileSync(join(root, 'examples', 'weak-mandate.md'), 'utf8'));
}
