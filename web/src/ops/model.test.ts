import { describe, expect, it } from 'vitest';
import {
  allowedActions, auditQuery, campaignRequest, checkField, fillDays, firmwareByModel, groupIncidents, healthBuckets,
  judgeStage, outcomes, parseParameters, parseWaves, settingsChanges, stageSegments, type CampaignForm,
} from './model';
import { agentHomeHref, hrefFor, parseHash } from './router';
import type { Incident, SettingField, Stage } from './types';

describe('fleet', () => {
  it('makes ten health buckets, the last one up to 100', () => {
    const b = healthBuckets([1, 0, 0, 2, 0, 0, 0, 3, 4, 5]);
    expect(b).toHaveLength(10);
    expect(b[0]).toEqual({ from: 0, to: 9, count: 1 });
    expect(b[9]).toEqual({ from: 90, to: 100, count: 5 });
    expect(healthBuckets([]).every((x) => x.count === 0)).toBe(true);
  });

  it('groups firmware by model, most common version first', () => {
    const out = firmwareByModel([
      { model: 'ZX', softwareVersion: '1.0', devices: 1, online: 1 },
      { model: 'AB', softwareVersion: '2.0', devices: 3, online: 2 },
      { model: 'ZX', softwareVersion: '1.1', devices: 3, online: 3 },
    ]);
    expect(out.map((m) => m.model)).toEqual(['AB', 'ZX']);
    expect(out[1].devices).toBe(4);
    expect(out[1].versions.map((v) => [v.version, v.share])).toEqual([['1.1', 75], ['1.0', 25]]);
  });
});

const inc = (o: Partial<Incident>): Incident => ({
  id: 1, scope: 'access-node', accessNode: 'n1', region: 'r1', state: 'confirmed', suspectedAt: '2026-01-05T10:00:00Z',
  confirmedAt: null, resolvedAt: null, homes: [], ...o,
});

describe('incidents', () => {
  it('groups by region and node, open ones first, names from the topology', () => {
    const groups = groupIncidents(
      [
        inc({ id: 1, state: 'resolved', homes: ['a', 'b', 'c'] }),
        inc({ id: 2, homes: ['a', 'b'] }),
        inc({ id: 3, scope: 'region', accessNode: '', region: 'r2', homes: ['x', 'y', 'z', 'w'] }),
        inc({ id: 4, accessNode: 'n9', region: '', homes: ['q'] }),
      ],
      [{ id: 'r1', name: 'North' }, { id: 'r2', name: 'South' }],
      [{ id: 'n1', name: 'DSLAM 1', kind: 'dslam', region: 'r1' }, { id: 'n9', name: 'OLT 9', kind: 'olt', region: 'r2' }],
    );
    expect(groups.map((g) => [g.name, g.affectedHomes])).toEqual([['South', 5], ['North', 2]]);
    const north = groups[1];
    expect(north.incidents.map((i) => i.id)).toEqual([2, 1]);
    expect(north.nodes).toEqual([{ id: 'n1', name: 'DSLAM 1', incidents: [north.incidents[0], north.incidents[1]] }]);
    expect(groups[0].nodes.map((n) => n.name)).toEqual(['OLT 9']);
  });
});

describe('self-service', () => {
  it('fills the days without runs', () => {
    const days = fillDays([{ day: '2026-01-02', runs: 3, resolved: 2, tickets: 1, avgRating: 4.5 }], '2026-01-01', '2026-01-03');
    expect(days.map((d) => [d.day, d.runs])).toEqual([['2026-01-01', 0], ['2026-01-02', 3], ['2026-01-03', 0]]);
  });

  it('gives the share, causes by count and the rating', () => {
    const o = outcomes({
      from: '', to: '', runs: 8, resolved: 6, resolvedWithoutTicket: 5, shareResolvedWithoutTicket: 0.625, tickets: 2,
      ticketsAvoided: 5, ratingCount: 0, ratingAverage: null,
      ticketsByCause: [{ code: 'A', tickets: 1 }, { code: 'B', tickets: 3 }],
    });
    expect(o.share).toBe(62.5);
    expect(o.ticketsByCause.map((c) => c.code)).toEqual(['B', 'A']);
    expect(o.rating).toBeNull();
  });
});

const stage = (o: Partial<Stage>): Stage => ({
  index: 0, name: 'canary', size: 10, pending: 0, running: 0, done: 0, failed: 0, failureRate: 0, healthBefore: null,
  healthAfter: null, state: 'running', ...o,
});

describe('campaigns', () => {
  it.each([
    ['draft', ['start', 'cancel']],
    ['running', ['pause']],
    ['halted', ['resume', 'rollback', 'cancel']],
    ['paused', ['resume', 'rollback', 'cancel']],
    ['rolled-back', []],
    ['bogus', []],
  ])('offers the actions of %s', (state, actions) => {
    expect(allowedActions(state)).toEqual(actions);
  });

  it('splits a stage into shares and judges it against the thresholds', () => {
    const s = stage({ size: 4, done: 2, failed: 1, running: 1, failureRate: 1 / 3, healthBefore: 80, healthAfter: 65 });
    expect(stageSegments(s).map((x) => [x.kind, x.share])).toEqual([['done', 50], ['failed', 25], ['running', 25], ['pending', 0]]);
    expect(judgeStage(s, { maxFailureRate: 0.1, maxHealthDrop: 10 })).toEqual({
      failurePct: 33.3, thresholdPct: 10, over: true, healthDrop: 15, dropOver: true,
    });
    expect(judgeStage(stage({ failureRate: 0.1 }), { maxFailureRate: 0.1, maxHealthDrop: 10 }).over).toBe(false);
  });

  it('parses waves and parameters', () => {
    expect(parseWaves('10, 20;30')).toEqual([10, 20, 30]);
    expect(parseWaves('10, x')).toBeNull();
    expect(parseWaves('0')).toBeNull();
    expect(parseParameters('Device.WiFi.Radio.1.Channel = 6\n\nA.B=x=y')).toEqual([
      { name: 'Device.WiFi.Radio.1.Channel', value: '6' }, { name: 'A.B', value: 'x=y' },
    ]);
    expect(parseParameters('no equals')).toBeNull();
  });

  const form: CampaignForm = {
    name: ' Spring ', kind: 'firmware', model: 'HG-100', softwareVersion: '', tag: 'pilot', fileId: 'fw-2.bin',
    rollbackFileId: '', parameters: '', stageMode: 'count', canary: '2', waves: '5, 10', maxFailurePct: '20',
    maxHealthDrop: '10', observeMinutes: '0', autoAdvance: true,
  };

  it('builds the request of a firmware campaign', () => {
    expect(campaignRequest(form)).toEqual({ body: {
      name: 'Spring', kind: 'firmware', selection: { model: 'HG-100', tag: 'pilot' }, stages: { canary: 2, waves: [5, 10] },
      thresholds: { maxFailureRate: 0.2, maxHealthDrop: 10 }, observeMinutes: 0, autoAdvance: true, fileId: 'fw-2.bin',
    } });
    const pct = campaignRequest({ ...form, stageMode: 'percent', canary: '5', waves: '' });
    expect('body' in pct && pct.body.stages).toEqual({ canaryPercent: 5, wavePercents: [] });
  });

  it('names the wrong fields', () => {
    const r = campaignRequest({ ...form, name: '', fileId: '', canary: '0', waves: 'a', maxFailurePct: '120', observeMinutes: '2.5' });
    expect(r).toEqual({ errors: {
      name: 'form.required', fileId: 'form.required', canary: 'campaign.errPositive', waves: 'campaign.errWaves',
      maxFailurePct: 'campaign.errPercent', observeMinutes: 'campaign.errMinutes',
    } });
    const cfg = campaignRequest({ ...form, kind: 'config', fileId: '', parameters: 'A.B = 1' });
    expect('body' in cfg && cfg.body.parameters).toEqual([{ name: 'A.B', value: '1' }]);
    expect(campaignRequest({ ...form, kind: 'config', parameters: '' })).toEqual({ errors: { parameters: 'form.required' } });
  });
});

const fieldOf = (o: Partial<SettingField>): SettingField => ({
  section: 'diagnosis', name: 'x', value: 5, default: 5, description: '', ...o,
});

describe('settings', () => {
  it.each([
    [{ min: 0, max: 10 }, '7', { value: 7 }],
    [{ min: 0, max: 10 }, '7,5', { value: 7.5 }],
    [{ min: 0, max: 10 }, '11', { error: 'settings.errRange', params: { min: 0, max: 10 } }],
    [{ min: 1 }, '0', { error: 'settings.errMin', params: { min: 1 } }],
    [{ max: 3 }, '4', { error: 'settings.errMax', params: { max: 3 } }],
    [{}, 'abc', { error: 'settings.errNumber' }],
    [{ value: true, default: false }, true, { value: true }],
  ])('checks %j with %j', (extra, raw, out) => {
    expect(checkField(fieldOf(extra as Partial<SettingField>), raw)).toEqual(out);
  });

  it('sends only the changed fields by section', () => {
    const fields = [fieldOf({ name: 'a' }), fieldOf({ name: 'b' }), fieldOf({ section: 'incidents', name: 'c', value: 2 })];
    const values = new Map<string, number>([['diagnosis.a', 5], ['diagnosis.b', 6], ['incidents.c', 3]]);
    expect(settingsChanges(fields, values)).toEqual({ diagnosis: { b: 6 }, incidents: { c: 3 } });
  });
});

describe('audit and routes', () => {
  it('writes the audit query with UTC times', () => {
    const q = auditQuery({ actor: ' u1 ', account: '', homeId: '', deviceId: '', action: 'createCampaign', from: '2026-01-05T10:00', to: '' }, 50, 50);
    // The tests run in Europe/Stockholm: 10:00 local is 09:00 UTC in January.
    expect(q).toBe('actor=u1&action=createCampaign&from=2026-01-05T09%3A00%3A00Z&offset=50&limit=50');
  });

  it.each([
    ['', { name: 'fleet' }, '#/fleet'],
    ['#/incident/7', { name: 'incident', id: '7' }, '#/incident/7'],
    ['#/campaigns/new', { name: 'campaign-new' }, '#/campaigns/new'],
    ['#/campaign/c%2F1', { name: 'campaign', id: 'c/1' }, '#/campaign/c%2F1'],
    ['#/settings/users', { name: 'settings', tab: 'users' }, '#/settings/users'],
    ['#/settings/bogus', { name: 'settings', tab: 'thresholds' }, '#/settings'],
    ['#/selfservice', { name: 'selfservice' }, '#/selfservice'],
    ['#/incidents?recent', { name: 'incidents', recent: true }, '#/incidents?recent'],
    ['#/incident', { name: 'incidents', recent: false }, '#/incidents'],
  ])('routes %s', (hash, route, href) => {
    expect(parseHash(hash)).toEqual(route);
    expect(hrefFor(parseHash(hash))).toBe(href);
  });

  it('links a home to the agent console', () => {
    expect(agentHomeHref('100 2', 'h/1')).toBe('/agent/#/customer/100%202/h%2F1');
  });
});
