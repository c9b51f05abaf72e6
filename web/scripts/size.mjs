// Bundle-size check. Each page built into dist/ has its own budget, counted over the .js and
// .css files it loads (its HTML's scripts and stylesheets and, transitively, the modules they
// import; a shared chunk counts for every page that loads it), gzipped:
//   the customer portal (index.html): 200 KB, its promise to customers on slow mobile connections;
//   the agent console (agent/index.html) and operator dashboard (ops/index.html): 300 KB each.
// Fails when a page passes its budget or a built file belongs to no page.
// Usage: node scripts/size.mjs [distDir]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const PAGES = [
  { name: 'portal', html: 'index.html', budget: 200 * 1024 },
  { name: 'agent', html: 'agent/index.html', budget: 300 * 1024 },
  { name: 'ops', html: 'ops/index.html', budget: 300 * 1024 },
];
const dist = resolve(process.argv[2] ?? new URL('../dist', import.meta.url).pathname);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.(js|css)$/.test(name)) out.push(path);
  }
  return out;
}

// A reference from `from` (a file in dist) to a file in dist; absolute ones from the root.
function target(from, ref) {
  if (/^(https?:)?\/\//.test(ref)) return null;
  const clean = ref.split(/[?#]/)[0];
  return clean.startsWith('/') ? join(dist, clean) : resolve(dirname(from), clean);
}

// The .js and .css files a page loads.
function filesOf(htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const todo = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.(?:js|css))"/g)]
    .map((m) => target(htmlPath, m[1])).filter(Boolean);
  const seen = new Set();
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*\(?\s*["']([^"']+\.(?:js|css))["']/g)) {
      const t = target(file, m[1]);
      if (t) todo.push(t);
    }
    // Vite's preload list of a dynamic import: "assets/x.js" relative to the base.
    for (const m of code.matchAll(/["'](assets\/[^"']+\.(?:js|css))["']/g)) todo.push(join(dist, m[1]));
  }
  return [...seen];
}

let all;
try {
  all = walk(dist);
} catch {
  console.error(`size: ${dist} not found; run npm run build first`);
  process.exit(1);
}
if (all.length === 0) {
  console.error(`size: no .js or .css files in ${dist}`);
  process.exit(1);
}
const gz = new Map(all.map((f) => [f, gzipSync(readFileSync(f), { level: 9 }).length]));
const used = new Set();
let ok = true;
for (const page of PAGES) {
  const html = join(dist, page.html);
  if (!existsSync(html)) {
    console.error(`size: ${page.html} missing in ${dist}`);
    ok = false;
    continue;
  }
  const files = filesOf(html).filter((f) => gz.has(f)).sort();
  let total = 0;
  console.log(`${page.name} (${page.html}):`);
  for (const f of files) {
    used.add(f);
    total += gz.get(f);
    console.log(`  ${relative(dist, f)}  ${(gz.get(f) / 1024).toFixed(1)} KB gzipped`);
  }
  const fits = total <= page.budget;
  ok &&= fits;
  console.log(`  ${page.name}: ${(total / 1024).toFixed(1)} KB gzipped of ${page.budget / 1024} KB: ${fits ? 'ok' : 'over budget'}`);
}
const orphans = all.filter((f) => !used.has(f));
for (const f of orphans) console.error(`size: ${relative(dist, f)} is loaded by no page`);
process.exit(ok && orphans.length === 0 ? 0 : 1);
