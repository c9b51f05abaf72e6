// The customer portal in a real headless Chromium against the real hearthd and hearth-sim:
// a customer with a congested channel fixes "Wi-Fi slow" and sees it confirmed; a customer behind
// a failed access node sees the disturbance and is not told to restart; one customer cannot reach
// another's data; screenshots of the main pages at phone width are kept as test artefacts.
//   node --test web/e2e/      (HEARTH_BUILD_DIR picks the build; HEARTH_E2E_KEEP keeps the temp dir)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { Stack, eventually, repoRoot } from './harness.mjs';

const artefacts = path.join(repoRoot, process.env.HEARTH_BUILD_DIR || 'build', 'test-artifacts', 'e2e');
const phone = { width: 390, height: 844 };

// Short windows so that the injected problems show within a minute or two.
const configToml = `
[auth]
allow_basic_over_http = true
[tasks]
retry_base_seconds = 0
[diagnosis]
telemetry_interval_seconds = 10
telemetry_quiet_interval_seconds = 10
offline_grace_seconds = 10
ping_interval_seconds = 60
speed_test_interval_seconds = 120
speed_test_max_active_mbps = 100000
[diagnosis.rules]
persist_ms = 20000
clear_ms = 60000
congestion_window_ms = 30000
weak_window_ms = 30000
[selfservice]
secure_cookies = false
`;

const stack = new Stack();
let browser;
let picked;

// The biggest access node goes dark; a home elsewhere gets a congested channel; a third is healthy.
function pickScenario(fleet) {
  const byNode = new Map();
  for (const home of fleet.homes) {
    if (!byNode.has(home.accessNode)) byNode.set(home.accessNode, []);
    byNode.get(home.accessNode).push(home.id);
  }
  const [outageNode, outageHomes] = [...byNode.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  assert.ok(outageHomes.length >= 5, 'the outage node needs at least 5 homes');
  const others = fleet.homes.filter((h) => h.accessNode !== outageNode).map((h) => h.id);
  const wifiHome = others[0];
  const healthyHome = others[1];
  return {
    outageNode, outageHome: outageHomes[0], wifiHome, healthyHome,
    scenario: {
      scenarios: [
        { type: 'congested-channel', homes: [wifiHome], at: '+0s' },
        { type: 'access-node-outage', accessNode: outageNode, at: '+40s', duration: '60m' },
      ],
    },
  };
}

async function newPage() {
  const context = await browser.newContext({ viewport: phone, locale: 'en-GB' });
  const page = await context.newPage();
  return { context, page };
}

async function login(page, homeId) {
  const sub = stack.subscriberOf(homeId);
  await page.goto(stack.httpUrl + '/#/login');
  const form = page.getByTestId('login-form');
  await form.locator('input[name=login]').fill(sub.account);
  await form.locator('input[name=password]').fill(sub.password);
  await form.locator('button[type=submit]').click();
  await page.getByTestId('status-banner').first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => location.hash.startsWith('#/home'));
}

async function shot(page, name) {
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: path.join(artefacts, `${name}.png`), fullPage: true });
}

async function startRun(page, symptom) {
  await page.goto(stack.httpUrl + '/#/troubleshoot');
  await page.getByTestId(`symptom-${symptom}`).click();
  await page.getByTestId('start-check').click();
  await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
}

before(async () => {
  picked = await stack.start({ homes: 40, seed: 11, pickScenario, configToml });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  // Every gateway has informed and the congested channel shows in the diagnosis.
  await eventually(async () => {
    const r = await stack.api('GET', `/api/v1/homes/${picked.wifiHome}/diagnosis`);
    return r.status === 200 && (r.body.findings || []).some((f) => f.code.startsWith('WIFI-CAP') || f.code.startsWith('WIFI-CHAN'));
  }, 180_000, 'the congested channel to be diagnosed');
});

after(async () => {
  if (browser) await browser.close();
  await stack.stop();
});

test('a customer with a congested channel runs "Wi-Fi slow", applies the fix and sees it confirmed', async () => {
  const { context, page } = await newPage();
  await login(page, picked.wifiHome);
  await page.getByTestId('network-map').waitFor();
  await shot(page, 'home-wifi-problem');
  await startRun(page, 'wifi-slow');
  const fix = page.getByTestId('fix-change-channel');
  await fix.waitFor({ timeout: 10_000 });
  await shot(page, 'troubleshoot-wifi-slow');
  await fix.click();
  const confirm = page.getByRole('alertdialog');
  if (await confirm.count()) await confirm.getByRole('button').first().click();
  await page.locator('.action .good').first().waitFor({ timeout: 120_000 });
  await shot(page, 'troubleshoot-fixed');
  // Finish: solved, rated.
  const finish = page.getByTestId('finish-form');
  await finish.locator('input[value=yes]').check();
  await finish.locator('input[value="5"]').check({ force: true });
  await finish.locator('button[type=submit]').click();
  await page.getByText(/thank/i).first().waitFor();
  const runs = await stack.api('GET', '/api/v1/selfservice-stats');
  assert.equal(runs.status, 200);
  assert.ok(runs.body.resolvedWithoutTicket >= 1, JSON.stringify(runs.body));
  await context.close();
});

test('a customer behind a failed access node sees the disturbance and is not told to restart', async () => {
  await eventually(async () => {
    const r = await stack.api('GET', `/api/v1/incidents?state=confirmed&accessNode=${picked.outageNode}`);
    return r.status === 200 && r.body.incidents.length > 0;
  }, 150_000, 'the access-node incident to be confirmed');
  const { context, page } = await newPage();
  await login(page, picked.outageHome);
  const banner = page.getByTestId('status-banner').first();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-banner]')?.getAttribute('data-kind') === 'area');
  assert.match(await banner.innerText(), /restart/i);  // "no need to restart your router"
  await shot(page, 'home-area-disturbance');
  await startRun(page, 'no-internet');
  assert.equal(await page.locator('.verdict-area-outage').count(), 1);
  assert.equal(await page.getByTestId('fix-restart-gateway').count(), 0);
  await shot(page, 'troubleshoot-area-disturbance');
  await context.close();
});

test('one customer cannot reach another customer\'s home, runs or tickets', async () => {
  const a = await newPage();
  const b = await newPage();
  await login(a.page, picked.healthyHome);
  await login(b.page, picked.wifiHome);
  // B starts a run; A asks for it by id.
  const bMe = await b.context.request.get(stack.httpUrl + '/api/v1/selfservice/me');
  const csrf = (await bMe.json()).csrfToken;
  const bRun = await b.context.request.post(stack.httpUrl + '/api/v1/selfservice/troubleshoot', {
    data: { symptom: 'wifi-slow' }, headers: { 'X-CSRF-Token': csrf },
  });
  assert.equal(bRun.status(), 201);
  const runId = (await bRun.json()).id;
  const stolen = await a.context.request.get(stack.httpUrl + '/api/v1/selfservice/troubleshoot/' + encodeURIComponent(runId));
  assert.equal(stolen.status(), 404);
  // A's home is A's.
  const aHome = await (await a.context.request.get(stack.httpUrl + '/api/v1/selfservice/home')).json();
  assert.equal(aHome.homeId, picked.healthyHome);
  // The operator API is not reachable with a customer session, and changes need the CSRF token.
  assert.equal((await a.context.request.get(stack.httpUrl + '/api/v1/homes')).status(), 401);
  const noCsrf = await a.context.request.put(stack.httpUrl + '/api/v1/selfservice/wifi', { data: { guestEnabled: true } });
  assert.equal(noCsrf.status(), 403);
  // The page of another customer's run shows an error, not the run.
  await a.page.goto(stack.httpUrl + '/#/troubleshoot/' + encodeURIComponent(runId));
  await a.page.locator('.error, [role=alert]').first().waitFor();
  await a.context.close();
  await b.context.close();
});

test('screenshots of the main pages at phone width', async () => {
  const { context, page } = await newPage();
  await page.goto(stack.httpUrl + '/#/login');
  await page.getByTestId('login-form').waitFor();
  await shot(page, 'login');
  await login(page, picked.healthyHome);
  await page.getByTestId('network-map').waitFor();
  await page.getByTestId('health-chart').waitFor({ timeout: 15_000 }).catch(() => {});
  await shot(page, 'home');
  for (const [hash, name] of [['#/troubleshoot', 'troubleshoot'], ['#/wifi', 'wifi'], ['#/history', 'history'],
                              ['#/help', 'help'], ['#/tickets', 'tickets']]) {
    await page.goto(stack.httpUrl + '/' + hash);
    await page.waitForLoadState('networkidle');
    await shot(page, name);
  }
  // German and Swedish render too.
  for (const l of ['de', 'sv']) {
    await page.evaluate((lang) => localStorage.setItem('hearth.lang', lang), l);
    await page.goto(stack.httpUrl + '/#/home');
    await page.reload();
    await page.getByTestId('network-map').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), l);
    await shot(page, `home-${l}`);
  }
  await context.close();
});
