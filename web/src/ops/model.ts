// The dashboard's data shaping, pure: API answers in, what the pages draw out. No DOM, no
// fetching, no translation (texts are returned as dictionary keys with their parameters), so
// every rule here is tested on fixtures.
import type {
  Campaign, CampaignAction, CampaignState, Fleet, Incident, Region, AccessNode, SelfServiceStats, SettingField, Stage,
} from './types';

export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

// ---- Fleet ----

export interface Bucket { from: number; to: number; count: number }

// The health histogram's ten buckets: 0-9, 10-19, ..., 90-100 (the last one holds 100 too).
export function healthBuckets(histogram: number[]): Bucket[] {
  return Array.from({ length: 10 }, (_, i) => ({
    from: i * 10,
    to: i === 9 ? 100 : i * 10 + 9,
    count: Math.max(0, Number(histogram[i]) || 0),
  }));
}

export interface ModelFirmware {
  model: string;
  devices: number;
  versions: { version: string; devices: number; online: number; share: number }[];
}

// Firmware versions grouped by model: models by name, versions most common first.
export function firmwareByModel(rows: Fleet['firmware']): ModelFirmware[] {
  const byModel = new Map<string, Fleet['firmware']>();
  for (const r of rows) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  return [...byModel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, list]) => {
      const devices = list.reduce((n, r) => n + r.devices, 0);
      const versions = [...list]
        .sort((a, b) => b.devices - a.devices || a.softwareVersion.localeCompare(b.softwareVersion))
        .map((r) => ({ version: r.softwareVersion, devices: r.devices, online: r.online, share: percent(r.devices, devices) }));
      return { model, devices, versions };
    });
}

// ---- Incidents ----

export const isOpen = (i: Incident): boolean => i.state !== 'resolved';

export interface NodeGroup { id: string; name: string; incidents: Incident[] }
export interface RegionGroup { id: string; name: string; incidents: Incident[]; nodes: NodeGroup[]; affectedHomes: number }

// Incidents by region and, inside a region, by access node (a region-wide incident belongs to
// its region). Regions and nodes are named from the topology when known; open ones first.
export function groupIncidents(incidents: Incident[], regions: Region[], nodes: AccessNode[]): RegionGroup[] {
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const node = new Map(nodes.map((n) => [n.id, n]));
  const groups = new Map<string, RegionGroup>();
  const order = (a: Incident, b: Incident) =>
    Number(isOpen(b)) - Number(isOpen(a)) || (b.suspectedAt ?? '').localeCompare(a.suspectedAt ?? '');
  for (const inc of [...incidents].sort(order)) {
    const regionId = inc.region || node.get(inc.accessNode)?.region || '';
    let g = groups.get(regionId);
    if (!g) {
      g = { id: regionId, name: regionName.get(regionId) ?? regionId, incidents: [], nodes: [], affectedHomes: 0 };
      groups.set(regionId, g);
    }
    g.incidents.push(inc);
    if (isOpen(inc)) g.affectedHomes += inc.homes.length;
    if (inc.scope === 'access-node' && inc.accessNode) {
      let n = g.nodes.find((x) => x.id === inc.accessNode);
      if (!n) {
        n = { id: inc.accessNode, name: node.get(inc.accessNode)?.name ?? inc.accessNode, incidents: [] };
        g.nodes.push(n);
      }
      n.incidents.push(inc);
    }
  }
  return [...groups.values()].sort((a, b) => b.affectedHomes - a.affectedHomes || a.name.localeCompare(b.name));
}

// ---- Self-service ----

export interface Day { day: string; runs: number; resolved: number; tickets: number; avgRating: number | null }

// One entry per day from `from` to `to` (YYYY-MM-DD, inclusive), days without runs as zeros.
export function fillDays(daily: Day[], from: string, to: string): Day[] {
  const have = new Map(daily.map((d) => [d.day, d]));
  const out: Day[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); Number.isFinite(t) && t <= end && out.length < 400; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(have.get(day) ?? { day, runs: 0, resolved: 0, tickets: 0, avgRating: null });
  }
  return out;
}

export interface Outcomes { share: number; ticketsByCause: { code: string; tickets: number }[]; rating: number | null }

export function outcomes(stats: SelfServiceStats): Outcomes {
  const share = stats.runs > 0 ? Math.round(stats.shareResolvedWithoutTicket * 1000) / 10 : 0;
  const ticketsByCause = [...(stats.ticketsByCause ?? [])].sort((a, b) => b.tickets - a.tickets || a.code.localeCompare(b.code));
  const rating = stats.ratingCount > 0 && stats.ratingAverage !== null ? Math.round(stats.ratingAverage * 10) / 10 : null;
  return { share, ticketsByCause, rating };
}

// ---- Campaigns ----

const ACTIONS: Record<CampaignState, CampaignAction[]> = {
  draft: ['start', 'cancel'],
  running: ['pause'],
  paused: ['resume', 'rollback', 'cancel'],
  halted: ['resume', 'rollback', 'cancel'],
  completed: ['rollback'],
  'rolling-back': [],
  'rolled-back': [],
  cancelled: [],
};

// The buttons a campaign in this state offers (the server decides; these are the allowed ones).
export function allowedActions(state: string): CampaignAction[] {
  return ACTIONS[state as CampaignState] ?? [];
}

// Whether the page should keep polling: something is still moving.
export const isMoving = (c: Campaign): boolean => c.state === 'running' || c.state === 'rolling-back';

export interface Segment { kind: 'done' | 'failed' | 'running' | 'pending'; count: number; share: number }

// A stage's targets as shares of its size, in drawing order.
export function stageSegments(s: Stage): Segment[] {
  const total = Math.max(s.size, s.pending + s.running + s.done + s.failed, 1);
  return (['done', 'failed', 'running', 'pending'] as const).map((kind) => ({ kind, count: s[kind], share: percent(s[kind], total) }));
}

export interface StageJudgement { failurePct: number; thresholdPct: number; over: boolean; healthDrop: number | null; dropOver: boolean }

export function judgeStage(s: Stage, th: Campaign['thresholds']): StageJudgement {
  const failurePct = Math.round(s.failureRate * 1000) / 10;
  const thresholdPct = Math.round(th.maxFailureRate * 1000) / 10;
  const healthDrop = s.healthBefore !== null && s.healthAfter !== null ? Math.round((s.healthBefore - s.healthAfter) * 10) / 10 : null;
  return { failurePct, thresholdPct, over: s.failureRate > th.maxFailureRate, healthDrop, dropOver: healthDrop !== null && healthDrop > th.maxHealthDrop };
}

export interface CampaignForm {
  name: string;
  kind: 'firmware' | 'config';
  model: string;
  softwareVersion: string;
  tag: string;
  fileId: string;
  rollbackFileId: string;
  parameters: string;     // one "name = value" a line
  stageMode: 'count' | 'percent';
  canary: string;
  waves: string;          // "10, 30, 60"
  maxFailurePct: string;  // 0..100
  maxHealthDrop: string;
  observeMinutes: string;
  autoAdvance: boolean;
}

export type FormErrors = Partial<Record<keyof CampaignForm, string>>;  // values: dictionary keys

const num = (s: string): number | null => (/^\s*\d+(\.\d+)?\s*$/.test(s) ? Number(s) : null);

export function parseWaves(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  const out = parts.map((p) => num(p));
  return out.every((n): n is number => n !== null && Number.isInteger(n) && n > 0) ? out : null;
}

export function parseParameters(text: string): { name: string; value: string }[] | null {
  const out: { name: string; value: string }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return null;
    const name = line.slice(0, eq).trim();
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) return null;
    out.push({ name, value: line.slice(eq + 1).trim() });
  }
  return out;
}

export function selectionOf(f: Pick<CampaignForm, 'model' | 'softwareVersion' | 'tag'>): Record<string, string> {
  const sel: Record<string, string> = {};
  if (f.model.trim()) sel.model = f.model.trim();
  if (f.softwareVersion.trim()) sel.softwareVersion = f.softwareVersion.trim();
  if (f.tag.trim()) sel.tag = f.tag.trim();
  return sel;
}

// The POST /campaigns body from the form, or the fields' errors.
export function campaignRequest(f: CampaignForm): { body: Record<string, unknown> } | { errors: FormErrors } {
  const errors: FormErrors = {};
  if (!f.name.trim()) errors.name = 'form.required';
  if (f.kind === 'firmware' && !f.fileId) errors.fileId = 'form.required';
  const params = f.kind === 'config' ? parseParameters(f.parameters) : [];
  if (params === null) errors.parameters = 'campaign.errParameters';
  else if (f.kind === 'config' && params.length === 0) errors.parameters = 'form.required';
  const canary = num(f.canary);
  const waves = f.waves.trim() === '' ? [] : parseWaves(f.waves);
  if (canary === null || !Number.isInteger(canary) || canary < 1) errors.canary = 'campaign.errPositive';
  else if (f.stageMode === 'percent' && canary > 100) errors.canary = 'campaign.errPercent';
  if (waves === null) errors.waves = 'campaign.errWaves';
  else if (f.stageMode === 'percent' && waves.some((w) => w > 100)) errors.waves = 'campaign.errPercent';
  const rate = num(f.maxFailurePct);
  if (rate === null || rate > 100) errors.maxFailurePct = 'campaign.errPercent';
  const drop = num(f.maxHealthDrop);
  if (drop === null || drop > 100) errors.maxHealthDrop = 'campaign.errHealthDrop';
  const observe = num(f.observeMinutes);
  if (observe === null || !Number.isInteger(observe) || observe > 1440) errors.observeMinutes = 'campaign.errMinutes';
  if (Object.keys(errors).length > 0) return { errors };
  const body: Record<string, unknown> = {
    name: f.name.trim(),
    kind: f.kind,
    selection: selectionOf(f),
    stages: f.stageMode === 'count' ? { canary, waves } : { canaryPercent: canary, wavePercents: waves },
    thresholds: { maxFailureRate: (rate as number) / 100, maxHealthDrop: drop },
    observeMinutes: observe,
    autoAdvance: f.autoAdvance,
  };
  if (f.kind === 'firmware') {
    body.fileId = f.fileId;
    if (f.rollbackFileId) body.rollbackFileId = f.rollbackFileId;
  } else {
    body.parameters = params;
  }
  return { body };
}

// ---- Settings ----

export function groupFields(fields: SettingField[]): { section: string; fields: SettingField[] }[] {
  const out: { section: string; fields: SettingField[] }[] = [];
  for (const f of fields) {
    let g = out.find((x) => x.section === f.section);
    if (!g) {
      g = { section: f.section, fields: [] };
      out.push(g);
    }
    g.fields.push(f);
  }
  return out;
}

export type FieldCheck = { value: number | boolean | string } | { error: string; params?: Record<string, number> };

// The typed value of a field's input, or why it is not acceptable.
export function checkField(f: SettingField, raw: string | boolean): FieldCheck {
  if (typeof f.default === 'boolean' || typeof f.value === 'boolean') return { value: raw === true || raw === 'true' };
  if (typeof f.default === 'string' && typeof f.value === 'string') return { value: String(raw) };
  const text = String(raw).trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: 'settings.errNumber' };
  const v = Number(text);
  if (f.min !== undefined && f.max !== undefined && (v < f.min || v > f.max)) return { error: 'settings.errRange', params: { min: f.min, max: f.max } };
  if (f.min !== undefined && v < f.min) return { error: 'settings.errMin', params: { min: f.min } };
  if (f.max !== undefined && v > f.max) return { error: 'settings.errMax', params: { max: f.max } };
  return { value: v };
}

// The PUT body with only the fields whose value changed, by section.
export function settingsChanges(fields: SettingField[], values: Map<string, number | boolean | string>): Record<string, Record<string, unknown>> {
  const body: Record<string, Record<string, unknown>> = {};
  for (const f of fields) {
    const v = values.get(`${f.section}.${f.name}`);
    if (v === undefined || v === f.value) continue;
    (body[f.section] ??= {})[f.name] = v;
  }
  return body;
}

// ---- Audit ----

export interface AuditFilter { actor: string; account: string; homeId: string; deviceId: string; action: string; from: string; to: string }

// The query string of an audit search; from/to are local datetime-local values, sent as UTC.
export function auditQuery(f: AuditFilter, offset: number, limit: number): string {
  const q = new URLSearchParams();
  for (const k of ['actor', 'account', 'homeId', 'deviceId', 'action'] as const) if (f[k].trim()) q.set(k, f[k].trim());
  for (const k of ['from', 'to'] as const) {
    if (!f[k]) continue;
    const d = new Date(f[k]);
    if (!Number.isNaN(d.getTime())) q.set(k, d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }
  q.set('offset', String(offset));
  q.set('limit', String(limit));
  return q.toString();
}
