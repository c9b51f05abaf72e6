// The customer portal against its targets, on the demo's fleet (real hearthd and hearth-sim on
// loopback, started by web/e2e/harness.mjs): the home page API answers in under 100 ms at the 95th
// percentile, and a troubleshooting start with a live refresh of an online gateway (connection
// request, fresh telemetry read, diagnosis) answers in under 3 s at the 95th percentile.
//   node bench/portal_bench.mjs [--homes N] [--seed N] [--customers C] [--rounds R]
//        [--concurrency K] [--runs M] [--run-concurrency K] [--quick]
// Prints the figures of each part and one JSON line at the end ({"bench":"portal",...}).
// HEARTH_BUILD_DIR picks the build (default build/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Stack, eventually, repoRoot } from '../web/e2e/harness.mjs';

const kHomeTargetP95Ms = 100;
const kRunTargetP95Ms = 3000;

function parseArgs(argv) {
  const opts = { homes: 200, seed: 7, customers: 50, rounds: 20, concurrency: 8, runs: 40, runConcurrency: 4 };
  const names = { '--homes': 'homes', '--seed': 'seed', '--customers': 'customers', '--rounds': 'rounds',
                  '--concurrency': 'concurrency', '--runs': 'runs', '--run-concurrency': 'runConcurrency' };
  const given = {};
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--quick') {
      Object.assign(opts, { homes: 40, customers: 10, rounds: 2, runs: 10 });
    } else if (names[a] && i + 1 < argv.length) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a}: a positive integer, not ${argv[i]}`);
      given[names[a]] = n;
    } else {
      throw new Error(`unknown argument ${a}`);
    }
  }
  return Object.assign(opts, given);  // explicit flags win over --quick
}

// The demo's problems (scenarios/demo.json) without the access-node outage, limited to the homes
// this fleet has; the random share picks its homes in the simulator as in the demo.
function demoScenario(fleet) {
  const demo = JSON.parse(readFileSync(path.join(repoRoot, 'scenarios/demo.json'), 'utf8'));
  const ids = new Set(fleet.homes.map((h) => h.id));
  const scenarios = [];
  for (const s of demo.scenarios) {
    if (s.type === 'access-node-outage') continue;
    if (Array.isArray(s.homes)) {
      const homes = s.homes.filter((h) => ids.has(h));
      if (homes.length === 0) continue;
      scenarios.push({ ...s, homes });
    } else {
      scenarios.push(s);
    }
  }
  return { scenario: { scenarios } };
}

// The demo's settings (config/demo.toml), plus plain-HTTP cookies and no login rate limit: every
// customer logs in from 127.0.0.1.
function benchConfig() {
  return readFileSync(path.join(repoRoot, 'config/demo.toml'), 'utf8') +
    '\n[selfservice]\nsecure_cookies = false\nlogin_attempts_per_minute = 0\n';
}

// Nearest-rank percentile of sorted values.
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return { count: sorted.length, p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)),
           p99: r(percentile(sorted, 99)), max: r(sorted.length ? sorted[sorted.length - 1] : null) };
}

// Runs fn over items with at most `limit` in flight.
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

// One timed call of the portal API with a customer's cookie; ms is the time to the whole body.
async function portal(stack, customer, method, target, body) {
  const headers = { Cookie: customer.cookie };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = customer.csrf;
  const t0 = performance.now();
  const res = await fetch(stack.httpUrl + target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const ms = performance.now() - t0;
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, body: json, ms };
}

async function login(stack, sub) {
  const res = await fetch(stack.httpUrl + '/api/v1/selfservice/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: sub.account, password: sub.password }),
  });
  const body = await res.json().catch(() => null);
  if (res.status !== 200) throw new Error(`login of ${sub.account}: ${res.status} ${JSON.stringify(body)}`);
  const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') || ''];
  const session = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('hearth_session='));
  if (!session) throw new Error(`login of ${sub.account}: no hearth_session cookie`);
  return { account: sub.account, homeId: body.homeId, cookie: session, csrf: body.csrfToken };
}

// How many gateways have informed since `sinceMs`.
async function informedSince(stack, sinceMs) {
  const r = await stack.api('GET', `/api/v1/devices?lastInformAfter=${sinceMs}&limit=1000`);
  if (r.status !== 200) throw new Error(`devices: ${r.status}`);
  return typeof r.body.total === 'number' ? r.body.total : r.body.items.length;
}

// hearth_connection_requests_total by outcome, from /metrics: shows that each refresh asked its
// gateway to connect rather than answering from an older read.
async function connectionRequests(stack) {
  const r = await stack.api('GET', '/metrics');
  const byOutcome = {};
  for (const line of r.text.split('\n')) {
    const m = /^hearth_connection_requests_total\{[^}]*outcome="([^"]*)"[^}]*\}\s+([0-9.e+]+)/.exec(line);
    if (m) byOutcome[m[1]] = (byOutcome[m[1]] || 0) + Number(m[2]);
  }
  return byOutcome;
}

function delta(after, before) {
  const d = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] || 0) > 0) d[k] = v - (before[k] || 0);
  return d;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const stack = new Stack();
  const stopOnSignal = () => stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const t0 = Date.now();
    await stack.start({ homes: opts.homes, seed: opts.seed, pickScenario: demoScenario, configToml: benchConfig() });
    // Most gateways have informed (and had their telemetry read), so that homes have a diagnosis.
    const want = Math.ceil(opts.homes * 0.9);
    let informed = 0;
    await eventually(async () => (informed = await informedSince(stack, t0)) >= want, 180_000,
                     `${want} of ${opts.homes} gateways to inform`);
    const settleS = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`stack up: ${opts.homes} homes (seed ${opts.seed}), ${informed} informed after ${settleS} s`);

    const subs = stack.fleet.subscribers.filter((s) => s.password).slice(0, opts.customers);
    const customers = [];
    for (const sub of subs) customers.push(await login(stack, sub));
    console.log(`logged in ${customers.length} customers`);

    // 1. The home page API: every customer once per round.
    const homeMs = [];
    let homeErrors = 0;
    const lastHome = new Map();
    const work = [];
    for (let r = 0; r < opts.rounds; ++r) work.push(...customers);
    await pool(work, opts.concurrency, async (c) => {
      const res = await portal(stack, c, 'GET', '/api/v1/selfservice/home');
      if (res.status === 200) {
        homeMs.push(res.ms);
        lastHome.set(c.account, res.body);
      } else {
        ++homeErrors;
      }
    });
    const home = { ...stats(homeMs), errors: homeErrors, concurrency: opts.concurrency, rounds: opts.rounds };
    console.log(`home: ${home.count} answers (${homeErrors} errors, concurrency ${opts.concurrency}), ` +
                `p50 ${home.p50} ms, p95 ${home.p95} ms, p99 ${home.p99} ms, max ${home.max} ms ` +
                `(target p95 < ${kHomeTargetP95Ms} ms)`);

    // 2. Troubleshooting starts for customers whose gateway is online.
    const online = customers.filter((c) => {
      const h = lastHome.get(c.account);
      return h && h.gateway && h.gateway.online && h.status && h.status.kind !== 'offline';
    });
    const chosen = online.slice(0, opts.runs);
    const crBefore = await connectionRequests(stack);
    const runMs = [];
    let live = 0;
    let runErrors = 0;
    await pool(chosen, opts.runConcurrency, async (c) => {
      const res = await portal(stack, c, 'POST', '/api/v1/selfservice/troubleshoot', { symptom: 'wifi-slow' });
      if (res.status === 201) {
        runMs.push(res.ms);
        if (res.body && res.body.refresh && res.body.refresh.live) ++live;
      } else {
        ++runErrors;
        console.error(`troubleshoot for ${c.account}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    });
    const crs = delta(await connectionRequests(stack), crBefore);
    const runs = { ...stats(runMs), errors: runErrors, concurrency: opts.runConcurrency, online: online.length,
                   connectionRequests: crs, liveShare: runMs.length ? Math.round((live / runMs.length) * 1000) / 1000 : null };
    console.log(`troubleshoot: ${runs.count} runs of ${chosen.length} online customers (${runErrors} errors, ` +
                `concurrency ${opts.runConcurrency}), p50 ${runs.p50} ms, p95 ${runs.p95} ms, max ${runs.max} ms, ` +
                `live ${live}/${runMs.length}, connection requests ${JSON.stringify(crs)} (target p95 < ${kRunTargetP95Ms} ms)`);

    const summary = {
      bench: 'portal', homes: opts.homes, seed: opts.seed, customers: customers.length, informed,
      home, troubleshoot: runs,
      targets: {
        homeP95Ms: kHomeTargetP95Ms, homeMet: home.count > 0 && homeErrors === 0 && home.p95 < kHomeTargetP95Ms,
        troubleshootP95Ms: kRunTargetP95Ms,
        troubleshootMet: runs.count > 0 && runErrors === 0 && runs.p95 < kRunTargetP95Ms,
      },
    };
    console.log(JSON.stringify(summary));
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exitCode = 1;
});
