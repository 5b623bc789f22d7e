/**
 * The workspace the extension-host suite and the end-to-end test open: the example drafts at the top, and a
 * "team" folder where the example team package is installed and extended, as a policy team would set it up.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEAM_FRONT_MATTER = '---\nmandate-lint: mandate\nmission: MINUKAL\nhost-state: the Government of Kalindor\nmandate-end: 31 March 2027\n---\n\n';

export const RENEWAL_FRONT_MATTER = '---\nprevious: ./S-RES-2709-2023.md\n---\n\n';

export function prepareWorkspace(root: string, workspace: string): void {
  for (const name of ['weak-mandate.md', 'strong-mandate.md', 'strategy-excerpt.md']) cpSync(join(root, 'examples', name), join(workspace, name));
  // A Word draft, for "Mandate Lint: Review a Word draft…" (the weak mandate, with tracked changes).
  mkdirSync(join(workspace, 'word'), { recursive: true });
  cpSync(join(root, 'examples', 'weak-mandate.docx'), join(workspace, 'word', 'zero-draft.docx'));
  const team = join(workspace, 'team');
  mkdirSync(team, { recursive: true });
  // Installed the way npm lays a scoped package out; the package is data, so a copy is what npm would write.
  cpSync(join(root, 'examples', 'team-package'), join(team, 'node_modules', '@kalindor', 'mandate-lint-team'), { recursive: true });
  writeFileSync(join(team, 'package.json'), JSON.stringify({ name: 'kalindor-drafts', private: true, devDependencies: { '@kalindor/mandate-lint-team': '1.0.0' } }, null, 2));
  writeFileSync(join(team, '.mandatelintrc.json'), JSON.stringify({ root: true, extends: '@kalindor/mandate-lint-team' }, null, 2));
  writeFileSync(join(team, 'draft.mandate.md'), TEAM_FRONT_MATTER + readFileSync(join(root, 'examples', 'weak-mandate.md'), 'utf8'));
  // A renewal: the resolution of 2023 and the draft that renews it, which names it in its front matter.
  const renewal = join(workspace, 'renewal');
  mkdirSync(renewal, { recursive: true });
  cpSync(join(root, 'test', 'fixtures', 'renewal', 'veradia', 'S-RES-2709-2023.md'), join(renewal, 'S-RES-2709-2023.md'));
  writeFileSync(join(renewal, 'draft-2024.md'), RENEWAL_FRONT_MATTER + readFileSync(join(root, 'test', 'fixtures', 'renewal', 'veradia', 'draft-2024.md'), 'utf8'));
  // A strategy typed by its name alone (*.strategy.md): the example strategy without its front matter.
  mkdirSync(join(workspace, 'strategies'), { recursive: true });
  writeFileSync(join(workspace, 'strategies', 'review.strategy.md'), readFileSync(join(root, 'examples', 'strategy-excerpt.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n+/, ''));
}
