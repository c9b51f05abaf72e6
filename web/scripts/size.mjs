// Bundle-size check: gzips every built .js and .css file under dist/, prints the sizes and the
// total, and fails when the total passes the budget (200 KB gzipped, the portal's promise to
// customers on slow mobile connections). Usage: node scripts/size.mjs [distDir]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 200 * 1024;
const dist = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.(js|css)$/.test(name)) out.push(path);
  }
  return out;
}

let files;
try {
  files = walk(dist);
} catch {
  console.error(`size: ${dist} not found; run npm run build first`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`size: no .js or .css files in ${dist}`);
  process.exit(1);
}
let total = 0;
for (const file of files.sort()) {
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  total += gz;
  console.log(`  ${relative(dist, file)}  ${(gz / 1024).toFixed(1)} KB gzipped`);
}
const ok = total <= BUDGET;
console.log(`size: ${(total / 1024).toFixed(1)} KB gzipped of ${BUDGET / 1024} KB: ${ok ? 'ok' : 'over budget'}`);
process.exit(ok ? 0 : 1);
