// The operator dashboard in a real headless Chromium against the real hearthd and hearth-sim:
// an operator logs in, looks at the fleet, and starts a staged firmware campaign through the
// form whose image was built for another model; the simulated gateways refuse it (fault 9018),
// the canary's failure rate passes the threshold and the campaign halts before wave 1, which the
// page shows with the reason. Screenshots of the dashboard's pages are kept as test artefacts.
//   node --test web/e2e/ops.e2e.mjs   (HEARTH_BUILD_DIR picks the build; HEARTH_E2E_KEEP keeps the temp dir)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { Stack, adminToken, eventually, repoRoot } from './harness.mjs';

const artefacts = path.join(repoRoot, process.env.HEARTH_BUILD_DIR || 'build', 'test-artifacts', 'e2e');
const desktop = { width: 1280, height: 900 };

const configToml = `
[auth]
allow_basic_over_http = true
[tasks]
retry_base_seconds = 0
[diagnosis]
telemetry_interval_seconds = 10
telemetry_quiet_interval_seconds = 10
offline_grace_seconds = 10
[selfservice]
secure_cookies = false
`;

// The campaign's targets: the gateways of this product class; its image names another model's
// product class, which the simulator's gateways refuse (see src/sim/cpe/cpe_transfer.cc).
const TARGET_CLASS = 'HG8245Q2';
const WRONG_IMAGE = 'H3600P-V9.9.9.bin';
const TAG = 'spring-pilot';

const stack = new Stack();
let browser;
let picked;

// The access node with the fewest target gateways goes dark, so that the incidents page has
// something to show; the campaign targets the gateways elsewhere, which stay reachable.
function pickScenario(fleet) {
  const isTarget = (h) => h.devices.some((d) => d.role === 'gateway' && d.productClass === TARGET_CLASS);
  const byNode = new Map();
  for (const home of fleet.homes) {
    if (!byNode.has(home.accessNode)) byNode.set(home.accessNode, []);
    byNode.get(home.accessNode).push(home);
  }
  const [outageNode] = [...byNode.entries()]
    .sort((a, b) => a[1].filter(isTarget).length - b[1].filter(isTarget).length || b[1].length - a[1].length)[0];
  const targetSerials = new Set(fleet.homes.filter((h) => h.accessNode !== outageNode && isTarget(h))
    .map((h) => h.devices.find((d) => d.role === 'gateway').serial));
  return {
    outageNode, targetSerials,
    scenario: { scenarios: [{ type: 'access-node-outage', accessNode: outageNode, at: '+30s', duration: '60m' }] },
  };
}

async function shot(page, name) {
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: path.join(artefacts, `${name}.png`), fullPage: true });
}

async function uploadFile(name) {
  const res = await fetch(`${stack.httpUrl}/api/v1/files/${encodeURIComponent(name)}?fileType=${encodeURIComponent('1 Firmware Upgrade Image')}`, {
    method: 'PUT',
    headers: { Authorization: 'Bearer ' + adminToken, 'Content-Type': 'application/octet-stream' },
    body: Buffer.alloc(4096, 7),
  });
  assert.ok(res.status === 201 || res.status === 200, `upload ${name}: ${res.status} ${await res.text()}`);
}

before(async () => {
  picked = await stack.start({ homes: 40, seed: 11, pickScenario, configToml });
  assert.ok(picked.targetSerials.size >= 3, `the fleet needs at least 3 ${TARGET_CLASS} gateways outside the outage`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  await uploadFile(WRONG_IMAGE);
  // Every target gateway has informed and reported its model and version; they get a tag, which
  // the form selects together with the model (only gateways run CWMP sessions). The model name
  // comes from the discovery that follows the first Inform: wait for it on every one, or the
  // form's count misses those not discovered yet.
  const gateways = await eventually(async () => {
    const r = await stack.api('GET', '/api/v1/devices?limit=1000');
    const mine = (r.body?.items ?? []).filter((d) => picked.targetSerials.has(d.serialNumber) && d.softwareVersion && d.modelName);
    return mine.length === picked.targetSerials.size ? mine : null;
  }, 120_000, 'the target gateways to inform and be discovered');
  picked.model = gateways[0].modelName || TARGET_CLASS;
  for (const d of gateways) {
    const r = await stack.api('PUT', `/api/v1/devices/${encodeURIComponent(d.id)}/tags/${TAG}`);
    assert.ok(r.status < 300, `tagging ${d.id}: ${r.status} ${r.text}`);
  }
});

after(async () => {
  if (browser) await browser.close();
  await stack.stop();
});

test('an operator starts a staged firmware campaign that halts when the canary fails', async () => {
  const operator = await stack.createStaffUser({ login: 'olga', role: 'operator', name: 'Olga Operator' });
  const context = await browser.newContext({ viewport: desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await stack.staffLogin(page, operator, '/ops/');

  // The fleet dashboard.
  await page.goto(stack.httpUrl + '/ops/#/fleet');
  await page.getByTestId('fleet-online').waitFor({ timeout: 15_000 });
  await page.getByTestId('fleet-health').waitFor();
  assert.match(await page.getByTestId('fleet-online').innerText(), /\d+ of \d+ informed in the last 2 hours/);
  await shot(page, 'ops-fleet');

  // The form: the targets' model and tag, the wrong image, a canary of 2 and two waves of the
  // rest, halt above 20 %.
  const rest = picked.targetSerials.size - 2;
  await page.goto(stack.httpUrl + '/ops/#/campaigns/new');
  const form = page.getByTestId('campaign-form');
  await form.waitFor();
  await form.getByTestId('cf-name').fill('Spring image for ' + TARGET_CLASS);
  await form.getByTestId('cf-model').fill(picked.model);
  await form.getByTestId('cf-tag').fill(TAG);
  await page.waitForFunction((n) => document.querySelector('[data-testid=campaign-preview] [data-count]')?.getAttribute('data-count') === String(n),
    picked.targetSerials.size, { timeout: 15_000 });
  await form.getByTestId('cf-fileId').selectOption(WRONG_IMAGE);
  await form.getByTestId('cf-canary').fill('2');
  await form.getByTestId('cf-waves').fill(rest >= 2 ? `${Math.ceil(rest / 2)}, ${Math.floor(rest / 2)}` : String(rest));
  await form.getByTestId('cf-maxFailurePct').fill('20');
  await form.getByTestId('cf-observeMinutes').fill('0');
  await shot(page, 'ops-campaign-new');
  await form.getByTestId('campaign-create-start').click();
  await page.waitForFunction(() => location.hash.startsWith('#/campaign/'), null, { timeout: 15_000 });

  // The page polls: the canary's installs fail, the failure rate passes 20 % and it halts.
  await page.waitForFunction(() => document.querySelector('[data-testid=campaign-state]')?.getAttribute('data-state') === 'halted',
    null, { timeout: 240_000 });
  const reason = await page.getByTestId('campaign-halt-reason').innerText();
  assert.ok(reason.length > 'Halted: '.length, reason);
  assert.match(await page.getByTestId('stage-0-failure').innerText(), /Failure rate \d+(\.\d)? % \(limit 20 %\)/);
  assert.equal(await page.getByTestId('stage-0-failure').getAttribute('class'), 'over');
  // Wave 1 never started.
  const wave = await stack.api('GET', `/api/v1/campaigns/${encodeURIComponent(page.url().split('#/campaign/')[1])}`);
  assert.equal(wave.status, 200);
  assert.equal(wave.body.state, 'halted');
  assert.equal(wave.body.stages[1].running + wave.body.stages[1].done + wave.body.stages[1].failed, 0);
  assert.equal(await page.getByTestId('campaign-resume').count(), 1);
  assert.equal(await page.getByTestId('campaign-rollback').count(), 1);
  await shot(page, 'ops-campaign-halted');

  // The campaign shows in the list, the audit log has its creation.
  await page.goto(stack.httpUrl + '/ops/#/campaigns');
  await page.getByTestId('campaign-list').waitFor();
  await shot(page, 'ops-campaigns');
  await context.close();
});

test('screenshots of the incidents, self-service and settings pages', async () => {
  const operator = await stack.createStaffUser({ login: 'sven', role: 'operator', name: 'Sven Svensson' });
  const context = await browser.newContext({ viewport: desktop, locale: 'en-GB' });
  const page = await context.newPage();
  await stack.staffLogin(page, operator, '/ops/');
  await eventually(async () => {
    const r = await stack.api('GET', `/api/v1/incidents?state=open&accessNode=${picked.outageNode}`);
    return r.status === 200 && r.body.incidents.length > 0;
  }, 150_000, 'the access-node incident');
  await page.goto(stack.httpUrl + '/ops/#/incidents');
  await page.getByTestId('incidents-page').waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, 'ops-incidents');
  const first = page.locator('[data-testid^=incident-]').filter({ has: page.locator('xpath=self::a') }).first();
  if (await first.count()) {
    await first.click();
    await page.getByTestId('incident-detail').waitFor();
    await shot(page, 'ops-incident');
  }
  for (const [hash, name, testid] of [
    ['#/selfservice', 'ops-selfservice', 'ss-over-time'],
    ['#/settings', 'ops-settings', 'settings-form'],
    ['#/settings/users', 'ops-settings-users', 'users'],
    ['#/settings/audit', 'ops-settings-audit', 'audit-results'],
    ['#/settings/webhooks', 'ops-settings-webhooks', 'webhooks'],
  ]) {
    await page.goto(stack.httpUrl + '/ops/' + hash);
    await page.getByTestId(testid).waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await shot(page, name);
  }
  // German and Swedish render too.
  for (const l of ['de', 'sv']) {
    await page.evaluate((lang) => localStorage.setItem('hearth.lang', lang), l);
    await page.goto(stack.httpUrl + '/ops/#/fleet');
    await page.reload();
    await page.getByTestId('fleet-online').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), l);
    await shot(page, `ops-fleet-${l}`);
  }
  await context.close();
});
