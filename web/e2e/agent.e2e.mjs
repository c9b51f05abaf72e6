// The agent console in a real headless Chromium against the real hearthd and hearth-sim: a
// customer with a congested channel opens a ticket through the self-service portal's API; an
// agent logs in, finds the customer, opens the customer page, sees the diagnosis, reboots the
// gateway and sees the result, then finds the ticket with the customer's words in the queue.
// Screenshots of the search, customer and ticket pages are kept as test artefacts.
//   node --test web/e2e/agent.e2e.mjs   (HEARTH_BUILD_DIR picks the build; HEARTH_E2E_KEEP keeps the temp dir)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { Stack, eventually, repoRoot } from './harness.mjs';

const artefacts = path.join(repoRoot, process.env.HEARTH_BUILD_DIR || 'build', 'test-artifacts', 'e2e');
const desktop = { width: 1440, height: 900 };

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
[staff]
secure_cookies = false
`;

const stack = new Stack();
let browser;
let picked;
let agent;
let ticketId;
const words = 'The Wi-Fi in the living room is slow every evening.';

function pickScenario(fleet) {
  const home = fleet.homes[0];
  return {
    wifiHome: home.id,
    scenario: { scenarios: [{ type: 'congested-channel', homes: [home.id], at: '+0s' }] },
  };
}

async function shot(page, name) {
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: path.join(artefacts, `${name}.png`), fullPage: true });
}

// A customer's portal session over fetch: its cookie and CSRF token.
async function customerSession(homeId) {
  const sub = stack.subscriberOf(homeId);
  const res = await fetch(stack.httpUrl + '/api/v1/selfservice/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: stack.httpUrl },
    body: JSON.stringify({ login: sub.account, password: sub.password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return { cookie: (res.headers.get('set-cookie') || '').split(';')[0], csrf: (await res.json()).csrfToken };
}

async function portal(session, method, target, body) {
  const res = await fetch(stack.httpUrl + '/api/v1/selfservice' + target, {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf, Origin: stack.httpUrl },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// The customer runs "Wi-Fi slow", is not helped and asks for a ticket carrying the run.
async function selfServiceTicket(homeId) {
  const session = await customerSession(homeId);
  const run = await portal(session, 'POST', '/troubleshoot', { symptom: 'wifi-slow', words });
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const id = encodeURIComponent(run.body.id);
  await eventually(async () => {
    const r = await portal(session, 'GET', `/troubleshoot/${id}`);
    return r.status === 200 && r.body.verdict ? r.body : null;
  }, 90_000, 'the self-service checks');
  const done = await portal(session, 'POST', `/troubleshoot/${id}/finish`, { solved: false, openTicket: true, words });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const tickets = await stack.api('GET', `/api/v1/tickets?account=${encodeURIComponent(stack.subscriberOf(homeId).account)}`);
  assert.equal(tickets.status, 200, tickets.text);
  const mine = tickets.body.tickets.find((t) => t.source === 'selfservice');
  assert.ok(mine, tickets.text);
  if (done.body.ticket) assert.equal(String(done.body.ticket.id), String(mine.id));
  return mine.id;
}

before(async () => {
  picked = await stack.start({ homes: 20, seed: 11, pickScenario, configToml });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  agent = await stack.createStaffUser({ login: 'agent-e2e', name: 'Alex Agent', role: 'agent' });
  await eventually(async () => {
    const r = await stack.api('GET', `/api/v1/homes/${picked.wifiHome}/diagnosis`);
    return r.status === 200 && (r.body.findings || []).some((f) => f.code.startsWith('WIFI-CAP') || f.code.startsWith('WIFI-CHAN'));
  }, 180_000, 'the congested channel to be diagnosed');
  ticketId = await selfServiceTicket(picked.wifiHome);
});

after(async () => {
  if (browser) await browser.close();
  await stack.stop();
});

test('an agent finds the customer of a self-service ticket, sees the diagnosis and reboots the gateway', async () => {
  const context = await browser.newContext({ viewport: desktop, locale: 'en-GB' });
  const page = await context.newPage();
  const cspErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(stack.staffUrl('/agent/', '#/login'));
  await page.getByTestId('staff-login-form').waitFor();
  await shot(page, 'agent-login');
  await stack.staffLogin(page, agent, '/agent/');

  // Search by the gateway's serial number.
  const home = stack.fleet.homes.find((h) => h.id === picked.wifiHome);
  const sub = stack.subscriberOf(picked.wifiHome);
  const serial = home.devices.find((d) => d.role === 'gateway').serial;
  await page.getByTestId('customer-search').fill(serial);
  await page.getByTestId('customer-search').press('Enter');
  const hit = page.getByTestId('search-result').first();
  await hit.waitFor({ timeout: 15_000 });
  assert.equal(await hit.getAttribute('data-account'), sub.account);
  await shot(page, 'agent-search');

  // The customer page with the diagnosis.
  await hit.locator('a').first().click();
  await page.getByTestId('network-map').waitFor({ timeout: 15_000 });
  await page.getByTestId('primary-cause').waitFor();
  const findings = await page.locator('[data-testid^="finding-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  assert.ok(findings.some((c) => c.startsWith('WIFI-CAP') || c.startsWith('WIFI-CHAN')), JSON.stringify(findings));
  await page.getByTestId('timeline').locator('li').first().waitFor({ timeout: 15_000 }).catch(() => {});
  // The telemetry charts: health, and the signal of each connected device.
  await page.getByTestId('health-chart').waitFor({ timeout: 15_000 });
  await page.getByTestId('chart-signal').waitFor({ timeout: 15_000 });
  await shot(page, 'agent-customer');

  // A reboot, confirmed, runs and reports its result.
  await page.getByTestId('action-reboot').click();
  await page.getByRole('alertdialog').getByTestId('confirm-ok').click();
  const result = page.getByTestId('task-result');
  await result.waitFor({ timeout: 150_000 });
  assert.equal(await result.getAttribute('data-state'), 'done', await result.innerText());
  await shot(page, 'agent-reboot-done');

  // The ticket queue and the ticket with the customer's words.
  await page.goto(stack.staffUrl('/agent/', '#/tickets?state=new'));
  const row = page.locator(`[data-testid="ticket-row"][data-ticket="${ticketId}"]`);
  await row.waitFor({ timeout: 15_000 });
  await shot(page, 'agent-tickets');
  await row.getByTestId('assign-me').click();
  await page.locator(`[data-testid="ticket-row"][data-ticket="${ticketId}"] [data-testid="assign-me"]`).waitFor({ state: 'detached', timeout: 15_000 });
  await page.goto(stack.staffUrl('/agent/', `#/ticket/${encodeURIComponent(ticketId)}`));
  await page.getByTestId('ticket-snapshot').waitFor({ timeout: 15_000 });
  assert.match(await page.getByTestId('ticket-snapshot').innerText(), /living room/);
  await page.getByTestId('comment-text').fill('Rebooted the gateway; channel looks congested.');
  await page.getByTestId('comment-text').locator('xpath=ancestor::form').locator('button[type=submit]').click();
  await page.getByText('Rebooted the gateway; channel looks congested.').first().waitFor({ timeout: 10_000 });
  await shot(page, 'agent-ticket');
  assert.deepEqual(cspErrors, []);
  await context.close();
});

test('the console speaks German and Swedish', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
  const page = await context.newPage();
  await stack.staffLogin(page, agent, '/agent/');
  for (const l of ['de', 'sv']) {
    await page.goto(stack.staffUrl('/agent/', '#/tickets?state=new', `?lang=${l}`));
    await page.getByTestId('staff-user').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), l);
    await page.waitForLoadState('networkidle');
    await shot(page, `agent-tickets-${l}`);
  }
  await context.close();
});
