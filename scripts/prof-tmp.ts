import { readFileSync } from 'node:fs';
import { lintText } from '../server/src/core/lint';
import { clearFactsCache } from '../server/src/core/facts';
const text = readFileSync('/work/shared/seeds/000_d2a22f69e30ea164.txt', 'utf8');
for (let i = 0; i < 3; i++) { clearFactsCache(); const t = Date.now(); lintText(text, { format: 'markdown', docType: 'strategy' }); console.log(Date.now() - t, 'ms'); }
