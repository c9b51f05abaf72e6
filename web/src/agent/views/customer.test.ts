import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../../staff/api';
import { setLang } from '../../staff/i18n';
import type { Overview } from '../types';
import { customerPage } from './customer';
import { searchPage } from './search';
import { maxGap, planCharts } from './telemetry';

const overview: Overview = {
  home: { id: 'h1', account: 'A100', accessNode: 'olt-1', region: 'north' },
  customer: { account: 'A100', name: 'Anna Berg', email: 'anna@example.net', street: 'Storgatan 1', postalCode: '11122', city: 'Stockholm' },
  status: { kind: 'incident', incident: { id: 'inc-7', state: 'confirmed', cause: 'access node down', accessNode: 'olt-1', since: '2026-11-23T10:00:00Z', etr: null, affectedHomes: 12 } },
  diagnosis: {
    health: 42,
    primaryCause: { code: 'WAN-DOWN', severity: 'critical', entity: 'wan', since: '2026-11-23T10:01:00Z', evidence: { lastInform: 'x' }, agentText: 'The line is down.', remedy: 'Wait for the repair.' },
    findings: [
      { code: 'WAN-DOWN', severity: 'critical', entity: 'wan', evidence: {}, agentText: 'The line is down.', remedy: '' },
      { code: 'WIFI-WEAK', severity: 'warning', entity: 'sta/aa', evidence: { signal: -82 }, agentText: 'Weak signal.', remedy: 'Move closer.' },
    ],
  },
  recommendedAction: { action: 'reboot', reason: 'The gateway hangs.', task: { name: 'reboot' } },
  map: {
    nodes: [{ id: 'gw', role: 'gateway', model: 'HG-1', online: true }, { id: 'ex', role: 'extender', model: 'EX-2', online: false, backhaul: 'wifi' }],
    stations: [{ mac: 'aa:bb:cc:00:00:01', name: 'Phone', node: 'gw', band: '5GHz', signal: -61 }],
  },
  devices: [{ deviceId: 'OUI-HG-S1', role: 'gateway', serial: 'S1', model: 'HG-1', softwareVersion: '1.0', lastInform: '2026-11-23T10:00:00Z', online: true }],
  openTickets: [],
};

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('customer page', () => {
  let urls: string[];
  beforeEach(() => {
    urls = [];
    setSession({ user: { id: 'u', login: 'ann', name: 'Ann', email: '', role: 'agent' }, csrfToken: 'c' });
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      if (url.startsWith('/api/v1/homes/h1/overview')) return new Response(JSON.stringify(overview), { status: 200 });
      if (url.includes('/timeline')) return new Response(JSON.stringify({ entries: [{ time: '2026-11-23T10:05:00Z', kind: 'task', title: 'Reboot', detail: '', outcome: 'ok' }] }), { status: 200 });
      if (url.includes('/series') && !url.includes('key=')) return new Response(JSON.stringify({ keys: [] }), { status: 200 });
      if (url.includes('/health')) return new Response(JSON.stringify({ key: 'health', points: [] }), { status: 200 });
      if (url.startsWith('/api/v1/customers?')) {
        return new Response(JSON.stringify({ customers: [{ account: 'A100', name: 'Anna Berg', email: '', street: '', postalCode: '', city: '', matched: 'mac', homes: [{ id: 'h1', accessNode: 'olt-1', gateway: null }] }] }), { status: 200 });
      }
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no' } }), { status: 404 });
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setLang('en');
    document.body.replaceChildren();
  });

  it('shows the incident, the primary cause, every finding, the map, the next action and the timeline', async () => {
    const page = customerPage('A100', 'h1');
    document.body.append(page);
    for (let i = 0; i < 5; i++) await flush();
    const q = (id: string) => page.querySelector(`[data-testid="${id}"]`);
    expect(q('incident-banner')?.textContent).toContain('inc-7');
    expect(q('primary-cause')?.textContent).toContain('WAN-DOWN');
    expect(q('finding-WIFI-WEAK')?.textContent).toContain('Weak signal.');
    expect(q('network-map')?.querySelectorAll('[data-node]')).toHaveLength(2);
    expect(q('next-action')?.textContent).toContain('Reboot');
    expect(q('action-reboot')).not.toBeNull();
    expect(q('action-factory-reset')).not.toBeNull();
    expect(q('timeline')?.querySelectorAll('li[data-kind=task]')).toHaveLength(1);
    expect(urls[0]).toBe('/api/v1/homes/h1/overview');
  });

  it('hides a timeline kind when its box is unticked', async () => {
    const page = customerPage('A100', 'h1');
    document.body.append(page);
    for (let i = 0; i < 5; i++) await flush();
    const box = page.querySelector<HTMLInputElement>('[data-testid="kind-task"]')!;
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    expect(page.querySelector('[data-testid="timeline"] li[data-kind=task]')).toBeNull();
  });

  it('shows an error with a retry when the overview fails', async () => {
    const page = customerPage('A100', 'nope');
    for (let i = 0; i < 3; i++) await flush();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Not found');
  });

  it('lists search results with how they matched, in German too', async () => {
    setLang('de');
    const page = searchPage('aa:bb');
    for (let i = 0; i < 3; i++) await flush();
    const r = page.querySelector('[data-testid="search-result"]');
    expect(r?.textContent).toContain('Anna Berg');
    expect(r?.textContent).toContain('MAC-Adresse');
    expect(urls[0]).toBe('/api/v1/customers?q=aa%3Abb&limit=50');
  });
});

describe('chart plan', () => {
  it('groups series keys into the charts', () => {
    const plans = planCharts(['health', 'sta/aa/signal_dbm', 'sta/bb/signal_dbm', 'radio/r1/utilisation_pct', 'radio/r1/noise_dbm',
      'wan/rx_mbps', 'wan/tx_mbps', 'wan/up', 'wan/ping_ms', 'sta/aa/phy_down_mbps']);
    expect(plans.map((p) => [p.title, p.keys])).toEqual([
      ['charts.signal', ['sta/aa/signal_dbm', 'sta/bb/signal_dbm']],
      ['charts.util', ['radio/r1/utilisation_pct']],
      ['charts.wan', ['wan/rx_mbps', 'wan/tx_mbps']],
      ['charts.loss', ['wan/ping_ms']],
    ]);
  });
});

describe('chart gaps', () => {
  const at = (...minutes: number[]) => ({ name: 's', points: minutes.map((m) => ({ t: m * 60_000, v: 1 })) });
  it('bridges three times the usual spacing, at least 15 minutes, and 2.5 hours over 7 days', () => {
    expect(maxGap([at(0, 5, 10, 15, 20, 400)], '24h')).toBe(15 * 60_000);
    expect(maxGap([at(0, 10, 20, 30)], '24h')).toBe(30 * 60_000);
    expect(maxGap([at(0)], '24h')).toBe(Infinity);
    expect(maxGap([at(0, 5)], '7d')).toBe(2.5 * 3_600_000);
  });
});

describe('network map layout', () => {
  it('puts nodes one row below their parents and survives loops', async () => {
    const { placeNodes } = await import('./netmap');
    const placed = placeNodes([
      { id: 'ex2', role: 'extender', model: null, online: true, parent: 'ex1' },
      { id: 'gw', role: 'gateway', model: 'G', online: true, parent: null },
      { id: 'ex1', role: 'extender', model: null, online: true, parent: 'gw' },
      { id: 'a', role: 'extender', model: null, online: true, parent: 'b' },
      { id: 'b', role: 'extender', model: null, online: true, parent: 'a' },
    ], 500);
    const by = Object.fromEntries(placed.map((p) => [p.node.id, p]));
    expect(placed[0].node.id).toBe('gw');
    expect(by.ex1.y).toBe(by.gw.y + 84);
    expect(by.ex2.y).toBe(by.ex1.y + 84);
    expect(placed[by.ex2.parent].node.id).toBe('ex1');
    for (const p of placed.slice(1)) expect(placed[p.parent].y).toBe(p.y - 84);
  });
});
