import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../../staff/api';
import { setLang } from '../../staff/i18n';
import type { Campaign, Fleet, Settings } from '../types';
import { campaignView } from './campaigns';
import { fleetView } from './fleet';
import { incidentsView } from './incidents';
import { thresholdsView } from './settings';

const wrap = (nodes: Node[]) => {
  const d = document.createElement('div');
  d.append(...nodes);
  return d;
};
const byId = (root: Element, id: string) => root.querySelector(`[data-testid="${id}"]`);

const fleet: Fleet = {
  devices: { total: 40, online: 38 }, homesDiagnosed: 40, homesHealthy: 31,
  healthHistogram: [0, 0, 1, 0, 2, 0, 1, 3, 10, 23],
  topFindings: [{ code: 'WIFI-CAP-001', homes: 5 }], primaryCauses: [{ code: 'WIFI-CAP-001', homes: 3 }],
  worstHomes: [{ homeId: 'H-1', account: '1001', name: 'Ada', health: 22, primaryCode: 'WAN-LOSS-001' }],
  firmware: [{ model: 'HG-100', softwareVersion: '1.0', devices: 30, online: 29 }, { model: 'HG-100', softwareVersion: '1.1', devices: 10, online: 9 }],
};

describe('fleet page', () => {
  afterEach(() => setLang('en'));

  it('shows devices online, the charts, the worst homes linked to the agent console and the firmware', () => {
    const root = wrap(fleetView(fleet));
    expect(byId(root, 'fleet-online')?.textContent).toContain('38 of 40 informed in the last 2 hours');
    expect(byId(root, 'fleet-health')?.querySelectorAll('rect.bar')).toHaveLength(10);
    expect(byId(root, 'fleet-findings')?.textContent).toContain('WIFI-CAP-001');
    expect(byId(root, 'fleet-worst')?.querySelector('a')?.getAttribute('href')).toBe('/agent/#/customer/1001/H-1');
    // Healthy homes are not listed among the worst.
    const healthy = wrap(fleetView({ ...fleet, worstHomes: [{ homeId: 'H-2', account: '1002', name: 'Bo', health: 100, primaryCode: null }] }));
    expect(byId(healthy, 'fleet-worst')).toBeNull();
    expect(healthy.textContent).toContain('No home has a problem.');
    expect(byId(root, 'fleet-firmware')?.textContent).toContain('1.1');
    setLang('de');
    expect(wrap(fleetView(fleet)).textContent).toContain('38 von 40 meldeten sich in den letzten 2 Stunden');
  });
});

describe('incidents page', () => {
  it('groups by region with affected homes', () => {
    const root = wrap(incidentsView({
      incidents: [{ id: 4, scope: 'access-node', accessNode: 'n1', region: 'r1', state: 'confirmed', suspectedAt: '2026-01-05T10:00:00Z',
        confirmedAt: '2026-01-05T10:05:00Z', resolvedAt: null, homes: ['a', 'b'] }],
      regions: [{ id: 'r1', name: 'North' }], nodes: [{ id: 'n1', name: 'DSLAM 1', kind: 'dslam', region: 'r1' }],
    }));
    const region = byId(root, 'incidents-region-r1')!;
    expect(region.textContent).toContain('Region North');
    expect(region.textContent).toContain('2 homes affected');
    expect(region.textContent).toContain('DSLAM 1');
    expect(byId(root, 'incident-4')?.getAttribute('href')).toBe('#/incident/4');
  });
});

const campaign: Campaign = {
  id: 'c1', name: 'Spring', kind: 'firmware', state: 'halted', createdBy: 'u1', createdAt: '2026-01-05T10:00:00Z',
  updatedAt: '2026-01-05T10:10:00Z', selection: { model: 'HG-100' }, fileId: 'fw.bin',
  thresholds: { maxFailureRate: 0.2, maxHealthDrop: 10 }, observeMinutes: 0, autoAdvance: true, currentStage: 0,
  haltReason: 'stage canary: 2 of 4 failed (50 %) > 20 %',
  stages: [
    { index: 0, name: 'canary', size: 4, pending: 0, running: 0, done: 2, failed: 2, failureRate: 0.5, healthBefore: 80, healthAfter: null, state: 'failed' },
    { index: 1, name: 'wave 1', size: 10, pending: 10, running: 0, done: 0, failed: 0, failureRate: 0, healthBefore: null, healthAfter: null, state: 'waiting' },
  ],
  log: [{ time: '2026-01-05T10:00:00Z', text: 'started' }, { time: '2026-01-05T10:10:00Z', text: 'halted' }],
};

describe('campaign page', () => {
  it('shows the halt, the failed stage over its threshold and the actions the state allows', () => {
    const act = vi.fn();
    const root = wrap(campaignView(campaign, { act }));
    expect(byId(root, 'campaign-state')?.getAttribute('data-state')).toBe('halted');
    expect(byId(root, 'campaign-state')?.textContent).toBe('halted');
    expect(byId(root, 'campaign-halt-reason')?.textContent).toContain('2 of 4 failed');
    expect(byId(root, 'stage-0')?.getAttribute('data-state')).toBe('failed');
    expect(byId(root, 'stage-0-failure')?.textContent).toBe('Failure rate 50 % (limit 20 %)');
    expect(byId(root, 'stage-0-failure')?.className).toBe('over');
    expect(byId(root, 'stage-1')?.textContent).toContain('Wave 1');
    expect(byId(root, 'campaign-pause')).toBeNull();
    (byId(root, 'campaign-resume') as HTMLButtonElement).click();
    expect(act).toHaveBeenCalledWith('resume', byId(root, 'campaign-resume'));
    expect(byId(root, 'campaign-log')?.firstElementChild?.textContent).toContain('halted');
  });

  it('offers pause while running', () => {
    const root = wrap(campaignView({ ...campaign, state: 'running', haltReason: null }, { act: vi.fn() }));
    expect(byId(root, 'campaign-pause')).not.toBeNull();
    expect(byId(root, 'campaign-rollback')).toBeNull();
    expect(byId(root, 'campaign-halt-reason')).toBeNull();
  });
});

const settings: Settings = {
  diagnosis: { weakSignalDbm: -75 }, incidents: { minHomes: 5 },
  fields: [
    { section: 'diagnosis', name: 'weakSignalDbm', value: -75, default: -75, min: -95, max: -50, unit: 'dBm', description: 'Weak signal' },
    { section: 'incidents', name: 'minHomes', value: 5, default: 5, min: 2, max: 1000, description: 'Homes needed' },
  ],
};

describe('settings page', () => {
  afterEach(() => setSession(null));

  it('checks the values, shows the message next to the field and sends only changes', async () => {
    setSession({ user: { id: 'u', login: 'op', name: 'Op', email: '', role: 'operator' }, csrfToken: 'x' });
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(settings), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const saved = vi.fn();
    const form = thresholdsView(settings, saved);
    document.body.append(form);
    const input = byId(form, 'setting-incidents-minHomes') as HTMLInputElement;
    input.value = '1';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('Please enter a number from 2 to 1000.');
    expect(fetchMock).not.toHaveBeenCalled();
    input.value = '7';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.waitFor(() => expect(saved).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/settings');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({ incidents: { minHomes: 7 } });
    expect((byId(form, 'setting-diagnosis-weakSignalDbm') as HTMLInputElement).value).toBe('-75');
    form.remove();
    vi.unstubAllGlobals();
  });

  it('is read-only for supervisors', () => {
    setSession({ user: { id: 'u', login: 's', name: 'S', email: '', role: 'supervisor' }, csrfToken: 'x' });
    const form = thresholdsView(settings, vi.fn());
    expect((byId(form, 'setting-incidents-minHomes') as HTMLInputElement).disabled).toBe(true);
    expect(form.textContent).toContain('Only operators');
  });
});
