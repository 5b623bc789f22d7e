// The web builds, called by esbuild.mjs: one browser bundle of the core shared by the web extension and the review
// page. `platform: 'browser'` with the worker build condition; the few Node modules that the shared code imports
// are mapped to their web counterparts in src/web/ (WEB_SEAMS), so nothing in these bundles needs Node:
//  - dist/web/server.js: the language server in a web worker (src/web/server.ts over src/lsp/server.ts)
//  - dist/web/extension.js: the web extension's client (client/src/browser.ts, package.json `browser`)
//  - dist/review/index.html: the review page (src/review/), one self-contained file with its script and style
//    inline and a Content-Security-Policy that allows those two by hash and nothing else, so it works from file://.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Node modules the shared code imports, and what the web builds use instead. */
export const WEB_SEAMS = {
  'node:fs': 'src/web/fs.ts',
  'node:path': 'src/web/path.ts',
  'node:url': 'src/web/url.ts',
  'node:crypto': 'src/web/crypto.ts',
  'src/node/memory.ts': 'src/web/memory.ts',
  'src/lsp/stdio.ts': 'src/web/stdio.ts',
  'vscode-languageserver/node': 'vscode-languageserver/browser',
  'vscode-languageclient/node': 'vscode-languageclient/browser',
};

const seams = {
  name: 'mandate-lint-web-seams',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(fs|path|url|crypto)$/ }, (args) => ({ path: join(ROOT, WEB_SEAMS[`node:${args.path.replace(/^node:/, '')}`]) }));
    b.onResolve({ filter: /^vscode-language(server|client)\/node$/ }, (args) => b.resolve(WEB_SEAMS[args.path], { kind: args.kind, resolveDir: args.resolveDir }));
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path) + '.ts';
      const rel = target.slice(ROOT.length + 1);
      return WEB_SEAMS[rel] ? { path: join(ROOT, WEB_SEAMS[rel]) } : undefined;
    });
    b.onResolve({ filter: /^node:/ }, (args) => ({ errors: [{ text: `${args.path} has no web counterpart (imported by ${args.importer}); add one to WEB_SEAMS or keep it off the web path` }] }));
  },
};

/**
 * Ajv compiles a schema into a function with `new Function`, which the review page's CSP forbids, and which costs
 * a short CLI run a sixth of its time. Every bundle (esbuild.mjs uses it too) gets an `ajv` whose compile()
 * returns the validator compiled at build time (Ajv's standalone code) for the same schema; a schema that was not
 * compiled ahead is an error that names it.
 */
export async function precompiledAjv() {
  const schemasBuild = await build({ ...webBase, entryPoints: [join(ROOT, 'src/web/schemas.ts')], format: 'iife', write: false });
  const found = {};
  new Function('out', schemasBuild.outputFiles[0].text)(found);
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv');
  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strict: false, code: { source: true } });
  const names = {};
  for (const schema of found.schemas) {
    const key = schema.$id ?? JSON.stringify(schema);
    if (names[key]) continue;
    names[key] = `v${Object.keys(names).length}`;
    ajv.addSchema(schema.$id ? schema : { ...schema, $id: `mandate-lint:${names[key]}` });
  }
  const refs = Object.fromEntries(Object.entries(names).map(([key, name]) => [name, key.startsWith('{') ? `mandate-lint:${name}` : key]));
  const validators = standaloneCode(ajv, refs);
  const shim = `const validators = require('mandate-lint:validators');
const names = ${JSON.stringify(names)};
function lookup(key) {
  const validate = validators[names[key]];
  if (!validate) throw new Error('This JSON Schema was not compiled for the web build (scripts/build-web.mjs): ' + key.slice(0, 120));
  return validate;
}
class Ajv {
  getSchema(id) { return names[id] ? validators[names[id]] : undefined; }
  compile(schema) { return lookup(schema.$id || JSON.stringify(schema)); }
}
module.exports = Ajv;
module.exports.default = Ajv;
`;
  return {
    name: 'mandate-lint-precompiled-ajv',
    setup(b) {
      b.onResolve({ filter: /^ajv$/ }, () => ({ path: 'ajv', namespace: 'mandate-lint-ajv' }));
      b.onResolve({ filter: /^mandate-lint:validators$/ }, () => ({ path: 'validators', namespace: 'mandate-lint-ajv' }));
      b.onLoad({ filter: /.*/, namespace: 'mandate-lint-ajv' }, (args) => ({ contents: args.path === 'ajv' ? shim : validators, loader: 'js', resolveDir: ROOT }));
    },
  };
}

const webBase = {
  bundle: true,
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  conditions: ['worker', 'browser'],
  mainFields: ['browser', 'module', 'main'],
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [seams],
  inject: [join(ROOT, 'src/web/globals.ts')],
  // src/lsp/server.ts starts itself only when run as a Node program.
  define: { 'require.main': 'null', module: 'undefined', 'import.meta.url': '""' },
  metafile: true,
};

const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export async function buildWeb({ production = false } = {}) {
  const web = { ...webBase, plugins: [...webBase.plugins, await precompiledAjv()] };
  await build({ ...web, entryPoints: { server: join(ROOT, 'src/web/server.ts') }, outdir: join(ROOT, 'dist/web'), format: 'iife', minifyWhitespace: true, minifySyntax: true, sourcemap: !production });
  await build({ ...web, entryPoints: { extension: join(ROOT, 'client/src/browser.ts') }, outdir: join(ROOT, 'dist/web'), format: 'cjs', external: ['vscode'], minify: production, sourcemap: !production });

  // The review page: script and style inline, allowed by their hashes; the coverage report's own inline style and
  // script (shown in a frame of the page) by theirs.
  const page = await build({ ...web, entryPoints: [join(ROOT, 'src/review/main.ts')], format: 'iife', minify: true, write: false });
  const script = page.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const style = readFileSync(join(ROOT, 'src/review/review.css'), 'utf8');
  const report = await build({ ...webBase, entryPoints: [join(ROOT, 'src/review/report-assets.ts')], format: 'iife', write: false });
  const reportAssets = {};
  new Function('out', report.outputFiles[0].text.replace(/^"use strict";/, '') + ';')(reportAssets);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} ${reportAssets.scripts.map(sha256).join(' ')}`,
    `style-src ${sha256(style)} ${reportAssets.styles.map(sha256).join(' ')}`,
    // The coverage chart's bars are sized with style attributes.
    "style-src-attr 'unsafe-inline'",
    'img-src data: blob:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const html = readFileSync(join(ROOT, 'src/review/index.html'), 'utf8')
    .replace('{{CSP}}', csp)
    .replace('{{STYLE}}', () => style)
    .replace('{{SCRIPT}}', () => script);
  rmSync(join(ROOT, 'dist/review'), { recursive: true, force: true });
  mkdirSync(join(ROOT, 'dist/review'), { recursive: true });
  writeFileSync(join(ROOT, 'dist/review/index.html'), html);
}
