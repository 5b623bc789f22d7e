// Bundles the CLI (and, later, the language server and the VS Code client) into dist/.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
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
  entryPoints: { cli: 'server/src/cli/main.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
chmodSync('dist/cli.js', 0o755);

// The benchmark worker runs the same bundled code users get.
await build({ ...common, entryPoints: { 'bench-worker': 'scripts/bench-worker.ts' }, outdir: 'dist' });
