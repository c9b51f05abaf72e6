// The shapes of the agent console's API answers (contract of issue 7, camelCase JSON).

export interface HomeRef {
  id: string;
  accessNode: string;
  region?: string;
  gateway?: { deviceId: string; serial: string; model: string } | null;
}

export interface CustomerHit {
  account: string;
  name: string;
  email: string;
  street: string;
  postalCode: string;
  city: string;
  matched: 'account' | 'name' | 'email' | 'address' | 'serial' | 'mac' | string;
  homes: HomeRef[];
}

export interface TicketSummary {
  id: string;
  account: string;
  customerName: string;
  homeId: string;
  state: string;
  source: string;
  causeCode: string | null;
  incidentId: string | null;
  assignee: string | null;
  assigneeName: string | null;
  subject: string;
  createdAt: string;
  updatedAt: string;
}

export interface Customer {
  account: string;
  name: string;
  email: string;
  street: string;
  postalCode: string;
  city: string;
  homes: HomeRef[];
  openTickets: TicketSummary[];
}

export interface Incident {
  id: string;
  state: string;
  cause: string;
  accessNode: string;
  since: string | null;
  etr: string | null;
  affectedHomes: number;
}

export type Entity = string | { kind: string; id: string; label?: string } | null;
export type Remedy = string | { kind?: string; action?: string; text?: string } | null;

// Evidence is {name: value} in the overview, [{name, value, unit}] in a ticket's snapshot.
export type Evidence = Record<string, unknown> | { name: string; value: unknown; unit?: string }[];

export interface Finding {
  code: string;
  title?: string | null;
  severity: string;
  entity?: Entity;
  since?: string | null;
  evidence?: Evidence;
  customerText?: string;
  agentText: string;
  remedy?: Remedy;
}

export type TaskSpec = { name: string; [k: string]: unknown };

// What to do next; a device action carries its task (or tasks, in order) for deviceId, a check
// the request to make.
export interface RecommendedAction {
  action: string;
  reason: string;
  deviceId?: string | null;
  task?: TaskSpec | null;
  tasks?: TaskSpec[];
  request?: { method: string; path: string } | null;
}

export interface MapNode {
  id: string;
  role: string;
  model: string | null;
  online: boolean;
  parent?: string | null;
  backhaul?: string | { kind: string; signal: number | null; phyMbps: number | null };
}

export interface MapStation {
  mac: string;
  name: string;
  node: string | null;
  band: string;
  signal: number | null;
}

export interface HomeDevice {
  deviceId: string;
  role: string;
  serial: string;
  model: string;
  softwareVersion: string;
  lastInform: string | null;
  online: boolean;
}

export interface Overview {
  home: { id: string; account: string; accessNode: string; region: string };
  customer: { account: string; name: string; email?: string; street?: string; postalCode?: string; city?: string };
  status: { kind: 'ok' | 'incident' | 'home-problem' | string; incident: Incident | null };
  diagnosis: { health: number | null; primaryCause: Finding | null; findings: Finding[] };
  recommendedAction: RecommendedAction | null;
  map: { nodes: MapNode[]; stations: MapStation[] };
  devices: HomeDevice[];
  openTickets: TicketSummary[];
}

export interface TimelineEntry {
  time: string;
  kind: string;
  title: string;
  detail: string;
  deviceId?: string;
  outcome?: string;
  ref?: { type: string; id: string };
}

export interface SeriesPoint {
  time: string | null;
  value: number | null;
  min: number | null;
  max: number | null;
  count: number;
}

export interface Series {
  key: string;
  points: SeriesPoint[];
}

export interface Task {
  id: string;
  deviceId: string;
  name: string;
  state: 'pending' | 'running' | 'done' | 'fault' | 'cancelled' | string;
  result: Record<string, unknown> | null;
  fault: { code?: string | number; message?: string } | null;
}

export interface Parameter {
  name: string;
  value: string;
  type: string;
  writable: boolean;
}

export interface TicketComment {
  time: string;
  author: string;
  authorName: string;
  text: string;
}

export interface TicketDetail extends TicketSummary {
  words?: string;
  symptom?: string;
  diagnosis?: unknown;
  steps?: unknown;
  comments: TicketComment[];
  incident?: Incident | null;
}

export interface FileItem {
  id: string;
  fileType: string;
  productClass: string;
  version: string;
}
