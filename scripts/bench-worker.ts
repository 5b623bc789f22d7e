/** One benchmark run in its own process: prints {ms, maxRssMb} as JSON on the last line. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { clearFactsCache } from '../src/core/facts';
import { lintText } from '../src/core/lint';
import { clearBlockCaches } from '../src/core/model/blocks';
import { clearTraitsCache } from '../src/core/model/model';

const [mode, dir] = process.argv.slice(2);
// "single <file>": one draft linted again and again (caches cleared), the median time of one lint.
const files = mode === 'single' ? [dir] : readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f));
const processor = unified().use(remarkParse);
// Warm up the JIT and the lexicon on a small text so that both modes are measured hot.
lintText('# Warm-up\n\n1. Requests the Mission to support the police;\n', { format: 'markdown' });
processor.parse('# Warm-up\n\n1. text\n');
clearBlockCaches();
    clearTraitsCache();
clearFactsCache();

if (mode === 'single') {
  const text = readFileSync(dir, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    clearBlockCaches();
    clearTraitsCache();
    clearFactsCache();
    const t0 = performance.now();
    lintText(text, { format: 'markdown' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: times[Math.floor(times.length / 2)], maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const started = performance.now();
let findings = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (mode === 'remark') {
    processor.parse(text);
  } else {
    if (mode === 'lint') {
      clearBlockCaches();
    clearTraitsCache();
      clearFactsCache();
    }
    findings += lintText(text, { format: 'markdown', docType: 'strategy', cacheFacts: mode === 'lint-warm' }).findings.length;
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, findings }));
