// The agent console's and the operator dashboard's targets on a generated store
// (console_generate): hearthd is started on loopback over a copy of the store, an agent user is
// made and logs in, and
//   - the customer page (default): for a sample of homes, the calls the page makes, as it makes
//     them: the search (GET /customers?q=), the customer (GET /customers/{account}), the
//     overview, then in parallel the timeline, the health and the series keys, then every chart
//     series in parallel. Prints p50/p95 per call and for the page (target: page p95 < 300 ms).
//   - --fleet: the fleet dashboard's queries (GET /fleet, /diagnosis/summary, /incidents,
//     /selfservice-stats), each p50/p95 (target < 1 s).
//   node bench/console_bench.mjs --store FILE [--homes N] [--pages N] [--agents K] [--seed N]
//        [--fleet] [--rounds R] [--no-copy] [--quick]
// HEARTH_BUILD_DIR picks the build (default build/). One JSON line at the end.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kPageTargetP95Ms = 300;
const kFleetTargetP95Ms = 1000;
const kDayMs = 86_400_000;
const adminToken = 'console-bench-admin-token';

function parseArgs(argv) {
  const o = { store: '', homes: 10000, pages: 200, agents: 4, seed: 1, fleet: false, rounds: 20, copy: true };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a}: a positive integer`);
      return n;
    };
    if (a === '--store') o.store = argv[++i];
    else if (a === '--homes') o.homes = num();
    else if (a === '--pages') o.pages = num();
    else if (a === '--agents') o.agents = num();
    else if (a === '--seed') o.seed = num();
    else if (a === '--rounds') o.rounds = num();
    else if (a === '--fleet') o.fleet = true;
    else if (a === '--no-copy') o.copy = false;
    else if (a === '--quick') Object.assign(o, { pages: 20, rounds: 3 });
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.store) throw new Error('--store FILE (a SQLite store made by console_generate) is required');
  return o;
}

// Nearest-rank percentile of sorted values.
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(Math.max(1, Math.ceil((p / 100) * sorted.length)), sorted.length) - 1];
}
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const r = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return { count: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), max: r(s.length ? s[s.length - 1] : null) };
}

async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// A small deterministic random sequence (the sample of homes).
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

const pad = (n, w) => String(n).padStart(w, '0');
// The generated fleet's names (bench/console_fleet.cc).
const homeId = (n) => 'H' + pad(n, 7);
const account = (n) => 'A' + pad(n, 7);
const gatewaySerial = (n) => 'GW' + pad(n * 4, 10);
const stationMac = (n, s) => ['02', (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, s]
  .map((v, i) => (i === 0 ? v : v.toString(16).padStart(2, '0'))).join(':');
const kLastNames = ['Berg', 'Schmidt', 'Lindqvist', 'Meyer', 'Nilsson', 'Fischer', 'Weber', 'Johansson'];

class Hearthd {
  async start(storeFile, copy) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'hearth-console-bench-'));
    let db = storeFile;
    if (copy) {
      db = path.join(this.dir, 'hearth.db');
      copyFileSync(storeFile, db);
      for (const ext of ['-wal', '-shm']) if (existsSync(storeFile + ext)) copyFileSync(storeFile + ext, db + ext);
    }
    const build = process.env.HEARTH_BUILD_DIR || path.join(repoRoot, 'build');
    this.child = spawn(path.join(build, 'src/cli/hearthd'),
      ['--cwmp-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', '--store', 'sqlite:' + db,
       '--files-dir', path.join(this.dir, 'files'), '--log-level', 'warn'],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, HEARTH_BOOTSTRAP_TOKEN: adminToken } });
    const t0 = performance.now();
    const line = await new Promise((resolve, reject) => {
      const rl = createInterface({ input: this.child.stdout });
      rl.once('line', resolve);
      this.child.once('exit', (code) => reject(new Error(`hearthd exited (${code}) before listening`)));
    });
    this.startMs = performance.now() - t0;
    this.url = 'http://' + JSON.parse(line).http;
  }
  async stop() {
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

// One timed GET; ms is the time to the whole body.
async function timedGet(base, target, headers) {
  const t0 = performance.now();
  const res = await fetch(base + target, { headers });
  const text = await res.text();
  const ms = performance.now() - t0;
  let body = null;
  try { body = JSON.parse(text); } catch { body = null; }
  return { status: res.status, body, ms };
}

async function call(base, method, target, body, headers = {}) {
  const res = await fetch(base + target, { method, headers: { 'Content-Type': 'application/json', ...headers },
                                           body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { json = null; }
  return { status: res.status, body: json, headers: res.headers };
}

// Makes an agent user and logs it in: the console's calls carry its session cookie.
async function agentSession(base) {
  const admin = { Authorization: 'Bearer ' + adminToken };
  const password = 'console-bench-' + Math.random().toString(36).slice(2) + '-Pw1!';
  const login = 'bench-agent-' + Date.now().toString(36);  // unique: --no-copy reuses the store
  const made = await call(base, 'POST', '/api/v1/users',
    { login, name: 'Bench Agent', email: login + '@example.net', role: 'agent', password }, admin);
  if (made.status !== 201) throw new Error(`POST /users: ${made.status} ${JSON.stringify(made.body)}`);
  const res = await call(base, 'POST', '/api/v1/staff/session', { login, password });
  if (res.status !== 200) throw new Error(`staff login: ${res.status} ${JSON.stringify(res.body)}`);
  const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') || ''];
  const cookie = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('hearth_staff='));
  if (!cookie) throw new Error('staff login: no hearth_staff cookie');
  return { Cookie: cookie };
}

// The chart keys the customer page draws (web/src/agent/views/telemetry.ts): each station's
// signal, each radio's utilisation (at most 8 lines each), WAN speeds and the WAN line quality.
function chartKeys(keys) {
  const sta = keys.filter((k) => k.startsWith('sta/') && /\/signal(_dbm)?$/.test(k)).slice(0, 8);
  const radio = keys.filter((k) => k.startsWith('radio/') && /\/utilisation(_pct)?$/.test(k)).slice(0, 8);
  const wan = keys.filter((k) => k.startsWith('wan/'));
  return [...sta, ...radio, ...wan.filter((k) => /mbps/.test(k)), ...wan.filter((k) => /loss|latency|rtt|jitter|ping/.test(k))];
}

// One customer page, as an agent opens it from a search.
async function customerPage(base, headers, n, q, times, errors) {
  const get = async (name, target) => {
    const r = await timedGet(base, target, headers);
    (times[name] ||= []).push(r.ms);
    if (r.status !== 200) {
      errors.push(`${name} ${target}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      return null;
    }
    return r.body;
  };
  const id = encodeURIComponent(homeId(n));
  await get('search', `/api/v1/customers?q=${encodeURIComponent(q)}&limit=50`);
  const t0 = performance.now();
  await get('customer', `/api/v1/customers/${account(n)}`);
  await get('overview', `/api/v1/homes/${id}/overview`);
  const to = Date.now();
  const from = to - kDayMs;
  await Promise.all([
    get('timeline', `/api/v1/homes/${id}/timeline?from=${encodeURIComponent(new Date(to - 7 * kDayMs).toISOString())}&limit=500`),
    (async () => {
      const [, keys] = await Promise.all([
        get('health', `/api/v1/homes/${id}/health?from=${from}&to=${to}`),
        get('seriesKeys', `/api/v1/homes/${id}/series`),
      ]);
      const wanted = chartKeys(keys?.keys || []);
      (times.chartLines ||= []).push(wanted.length);
      await Promise.all(wanted.map((k) => get('series', `/api/v1/homes/${id}/series?key=${encodeURIComponent(k)}&from=${from}&to=${to}`)));
    })(),
  ]);
  (times.page ||= []).push(performance.now() - t0);
}

async function consoleBench(o, hearthd) {
  const headers = await agentSession(hearthd.url);
  const next = rng(o.seed);
  const pick = () => Math.floor(next() * o.homes);
  const queries = (n) => [account(n), gatewaySerial(n), stationMac(n, 1), kLastNames[n % kLastNames.length]];
  // Warm-up: a few pages not counted (first use of the connection pool and of SQLite's cache).
  await pool(Array.from({ length: Math.min(10, o.pages) }, pick), o.agents, (n) => customerPage(hearthd.url, headers, n, account(n), {}, []));
  const times = {};
  const errors = [];
  const t0 = performance.now();
  const sample = Array.from({ length: o.pages }, pick);
  await pool(sample, o.agents, (n, i) => customerPage(hearthd.url, headers, n, queries(n)[i % 4], times, errors));
  const wallS = (performance.now() - t0) / 1000;
  const calls = {};
  for (const name of ['search', 'customer', 'overview', 'timeline', 'health', 'seriesKeys', 'series']) calls[name] = stats(times[name] || []);
  const page = stats(times.page || []);
  const lines = times.chartLines || [];
  console.log(`customer page: ${page.count} pages of ${o.homes} homes, ${o.agents} agents at once, ${(page.count / wallS).toFixed(1)} pages/s, ` +
              `${lines.length ? (lines.reduce((a, b) => a + b, 0) / lines.length).toFixed(1) : 0} chart series per page`);
  for (const [name, s] of Object.entries(calls)) console.log(`  ${name.padEnd(11)} n=${s.count} p50 ${s.p50} ms  p95 ${s.p95} ms  max ${s.max} ms`);
  console.log(`  page        n=${page.count} p50 ${page.p50} ms  p95 ${page.p95} ms  max ${page.max} ms (target p95 < ${kPageTargetP95Ms} ms)`);
  if (errors.length) console.log(`  ${errors.length} errors, first: ${errors.slice(0, 3).join(' | ')}`);
  return { calls, page, errors: errors.length, met: page.count > 0 && errors.length === 0 && page.p95 < kPageTargetP95Ms };
}

async function fleetBench(o, hearthd) {
  const headers = { Authorization: 'Bearer ' + adminToken };
  const weekAgo = new Date(Date.now() - 7 * kDayMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const queries = {
    fleet: '/api/v1/fleet',
    diagnosisSummary: '/api/v1/diagnosis/summary',
    incidentsOpen: '/api/v1/incidents?state=open&limit=500',
    incidentsRecent: `/api/v1/incidents?from=${encodeURIComponent(weekAgo)}&limit=500`,
    selfserviceStats: '/api/v1/selfservice-stats?days=30',
  };
  const result = {};
  let errors = 0;
  for (const [name, target] of Object.entries(queries)) {
    const first = await timedGet(hearthd.url, target, headers);  // cold: the first ask after start
    if (first.status !== 200) {
      ++errors;
      console.log(`  ${name}: ${first.status} ${JSON.stringify(first.body).slice(0, 200)}`);
      result[name] = { error: first.status };
      continue;
    }
    const ms = [];
    for (let r = 0; r < o.rounds; ++r) {
      const res = await timedGet(hearthd.url, target, headers);
      if (res.status !== 200) ++errors;
      ms.push(res.ms);
    }
    result[name] = { first: Math.round(first.ms * 10) / 10, ...stats(ms) };
    const s = result[name];
    console.log(`  ${name.padEnd(17)} first ${s.first} ms  p50 ${s.p50} ms  p95 ${s.p95} ms  max ${s.max} ms`);
  }
  const met = errors === 0 && Object.values(result).every((s) => s.p95 !== undefined && s.p95 < kFleetTargetP95Ms);
  console.log(`fleet dashboard: target p95 < ${kFleetTargetP95Ms} ms per query: ${met ? 'met' : 'NOT met'}`);
  return { queries: result, errors, met };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const hearthd = new Hearthd();
  const stopOnSignal = () => hearthd.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    await hearthd.start(o.store, o.copy);
    console.log(`hearthd up in ${(hearthd.startMs / 1000).toFixed(1)} s on ${o.store}`);
    const summary = { bench: o.fleet ? 'fleet' : 'console', store: o.store, homes: o.homes, startSeconds: Math.round(hearthd.startMs) / 1000 };
    if (o.fleet) {
      summary.fleet = await fleetBench(o, hearthd);
      summary.targets = { queryP95Ms: kFleetTargetP95Ms, met: summary.fleet.met };
    } else {
      summary.console = await consoleBench(o, hearthd);
      summary.targets = { pageP95Ms: kPageTargetP95Ms, met: summary.console.met };
    }
    console.log(JSON.stringify(summary));
  } finally {
    await hearthd.stop();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exitCode = 1;
});
