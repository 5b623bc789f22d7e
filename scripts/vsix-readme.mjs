// The README packaged in the .vsix (`vsce package --readme-path dist/vsix/README.md`): README.md with each image it
// shows from images/ written into the page as a data: URL. VS Code's extension details page cannot show a relative
// image: it renders the README in a webview whose address is VS Code's own, so `images/x.png` resolves there (a 404),
// and its Content-Security-Policy allows only `img-src https: data:`. A data: URL is the one form that is both
// bundled and shown, online or offline. Links stay relative, as in README.md; images/ is still packaged for them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** README text with `![alt](images/name.png)` replaced by `![alt](data:image/png;base64,…)`. */
export function inlineImages(readme, readFile) {
  return readme.replace(/(!\[[^\]]*\]\()(images\/[\w.-]+\.(png|jpe?g|gif|webp))((?:\s+"[^"]*")?\))/gi, (_all, open, path, ext, close) => {
    const data = readFile(normalize(path));
    return `${open}data:${TYPES[ext.toLowerCase()]};base64,${data.toString('base64')}${close}`;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const out = resolve(root, process.argv[2] ?? 'dist/vsix/README.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, inlineImages(readFileSync(join(root, 'README.md'), 'utf8'), (path) => readFileSync(join(root, path))));
}
