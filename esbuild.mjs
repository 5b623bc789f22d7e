// Bundles the CLI, the language server, the VS Code client and the benchmark worker into dist/, and writes the
// VS Code snippets file. The CLI, the server and the worker are always minified (with source maps and their
// function names kept), since loading a smaller bundle is a visible share of a short run; `--production`
// also minifies the client and drops the source maps for packaging.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build hides requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir) read import.meta.url, which CommonJS bundles must provide.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  minify: true,
  keepNames: true,
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
chmodSync('dist/cli.js', 0o755);

await build({ ...common, entryPoints: { server: 'src/lsp/server.ts' }, outdir: 'dist', minify: true, keepNames: true });
await build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'], minify: production });

// The benchmark worker runs the same bundled code users get.
await build({ ...common, entryPoints: { 'bench-worker': 'scripts/bench-worker.ts' }, outdir: 'dist', minify: true, keepNames: true });

// The snippets file VS Code reads is generated from the library.
await build({ ...common, entryPoints: { 'generate-snippets': 'scripts/generate-snippets.ts' }, outdir: 'dist/tools', sourcemap: false });
execFileSync(process.execPath, ['dist/tools/generate-snippets.js', 'dist/snippets.code-snippets'], { stdio: 'inherit' });
rmSync('dist/tools', { recursive: true, force: true });

// The extension-host suite: mocha and vscode come from the host at run time.
if (process.argv.includes('--tests')) {
  await build({
    ...common,
    entryPoints: { index: 'test/vscode/suite/index.ts', 'extension.test': 'test/vscode/suite/extension.test.ts' },
    outdir: 'out/vscode-suite',
    external: ['vscode', 'mocha'],
  });
  await build({ ...common, entryPoints: { 'run-desktop': 'test/vscode/run-desktop.ts' }, outdir: 'out/vscode-suite', external: ['@vscode/test-electron'] });
}
