// Starts the real hearthd and hearth-sim on loopback (port 0, a temporary directory) for the
// browser tests, imports the simulator's subscribers and topology, and stops both by their pid.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = process.env.HEARTH_BUILD_DIR
  ? path.resolve(repoRoot, process.env.HEARTH_BUILD_DIR)
  : path.join(repoRoot, 'build');
const bin = (name) => path.join(buildDir, 'src/cli', name);
export const adminToken = 'e2e-admin-token-' + process.pid;

// The first line a child prints on stdout, parsed as JSON ({"event":"listening",...}).
function firstLine(child, what) {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time`)), 60_000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch (e) {
        reject(new Error(`${what} printed ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    });
  });
}

function run(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: ${code}\n${err}`))));
  });
}

export async function sleep(ms) {
  await new Promise((r) => setTimeout(r, ms));
}

// Polls fn until it returns a truthy value; throws after timeoutMs.
export async function eventually(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

// The stack: hearthd, the simulator, and helpers to call the admin API.
export class Stack {
  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-'));
    this.children = [];
  }

  // homes, seed: the fleet; pickScenario(fleet) -> {scenario, ...picked}: what to inject.
  async start({ homes, seed, pickScenario, configToml = '' }) {
    const fleetFile = path.join(this.dir, 'fleet.json');
    await run(bin('hearth-sim'), ['--export', fleetFile, '--homes', String(homes), '--seed', String(seed)]);
    this.fleet = JSON.parse(readFileSync(fleetFile, 'utf8'));
    const picked = pickScenario(this.fleet);
    const scenarioFile = path.join(this.dir, 'scenario.json');
    writeFileSync(scenarioFile, JSON.stringify(picked.scenario));
    const configFile = path.join(this.dir, 'hearthd.toml');
    writeFileSync(configFile, configToml);

    const hearthd = spawn(
      bin('hearthd'),
      ['--cwmp-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0', '--store', 'sqlite:' + path.join(this.dir, 'hearth.db'),
       '--files-dir', path.join(this.dir, 'files'), '--config', configFile, '--log-level', 'warn'],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, HEARTH_BOOTSTRAP_TOKEN: adminToken } },
    );
    this.children.push(hearthd);
    const listening = await firstLine(hearthd, 'hearthd');
    this.httpUrl = 'http://' + listening.http;
    this.cwmpUrl = 'http://' + listening.cwmp + '/';

    const imported = await this.api('POST', '/api/v1/import', this.fleet);
    if (imported.status !== 200) throw new Error('import failed: ' + JSON.stringify(imported.body));

    const sim = spawn(
      bin('hearth-sim'),
      ['--acs', this.cwmpUrl, '--homes', String(homes), '--seed', String(seed), '--scenario', scenarioFile,
       '--inform-interval', '15', '--inform-jitter', '3', '--boot-time', '3', '--reboot-time', '8',
       '--line-events', this.httpUrl + '/api/v1/line-events', '--line-events-token', adminToken,
       '--log-level', 'warn'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.children.push(sim);
    await firstLine(sim, 'hearth-sim');
    return picked;
  }

  async api(method, target, body) {
    const res = await fetch(this.httpUrl + target, {
      method,
      headers: { Authorization: 'Bearer ' + adminToken, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, body: json, text };
  }

  // The subscriber of a home, with the initial portal password from the import file.
  subscriberOf(homeId) {
    const home = this.fleet.homes.find((h) => h.id === homeId);
    return this.fleet.subscribers.find((s) => s.account === home.account);
  }

  // A staff user made through the users API with the admin token; role "agent", "supervisor"
  // or "operator". Returns the user with the password it was given, for logging in.
  async createStaffUser({ login, role = 'agent', name = login, email = `${login}@example.net`, password = `pw-${login}-${process.pid}` }) {
    const r = await this.api('POST', '/api/v1/users', { login, name, email, role, password });
    if (r.status !== 201) throw new Error(`creating staff user ${login}: ${r.status} ${r.text}`);
    return { ...r.body, password };
  }

  // A staff session without a browser: the cookie header and the CSRF token for fetch().
  async staffSession(user) {
    const res = await fetch(this.httpUrl + '/api/v1/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: this.httpUrl },
      body: JSON.stringify({ login: user.login, password: user.password }),
    });
    if (res.status !== 200) throw new Error(`staff login ${user.login}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
    const body = await res.json();
    return { cookie, csrfToken: body.csrfToken, user: body.user };
  }

  // The address of a staff app's page ('/agent/' or '/ops/'), by its index.html so that it does
  // not depend on how the server maps the bare directory.
  staffUrl(app, hash = '', search = '') {
    return this.httpUrl + app + 'index.html' + search + hash;
  }

  // Logs a staff user in through the login page of a staff app ('/agent/' or '/ops/') and waits
  // for the shell to show them.
  async staffLogin(page, user, app = '/agent/') {
    await page.goto(this.staffUrl(app, '#/login'));
    const form = page.getByTestId('staff-login-form');
    await form.locator('input[name=login]').fill(user.login);
    await form.locator('input[name=password]').fill(user.password);
    await form.locator('button[type=submit]').click();
    await page.getByTestId('staff-user').waitFor({ timeout: 15_000 });
  }

  async stop() {
    for (const child of this.children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
    this.children = [];
    if (!process.env.HEARTH_E2E_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }
}
