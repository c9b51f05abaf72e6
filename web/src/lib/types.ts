// The customer portal API (/api/v1/selfservice/): the shapes this front-end reads.
// Times are ISO 8601 strings (null when unknown), chart points epoch milliseconds.

export interface Me {
  account: string;
  name: string;
  email: string;
  homeId: string | null;
  csrfToken: string;
  expiresAt: string;
}

export type StatusKind = 'ok' | 'area' | 'home' | 'offline' | 'unknown';

export interface Finding {
  code: string;
  title: string;
  text: string;
  severity: string;
}

export interface HomeStatus {
  kind: StatusKind;
  title: string;
  text: string;
  since: string | null;
  etr: string | null;
  incidentId: string | null;
  maintenance: { start: string; end: string; text: string } | null;
  primary: Finding | null;
  restartAdvised: boolean;
}

export interface NetNode {
  id: string;
  name: string;
  role: 'gateway' | 'extender';
  backhaul: 'ethernet' | 'wifi' | '';
  backhaulSignalDbm: number | null;
  parent: number;
}

export interface Radio {
  id: string;
  node: number;
  band: string;
  channel: number;
  utilisationPct: number | null;
  enabled: boolean;
}

export interface Station {
  mac: string;
  name: string;
  hostname: string;
  node: number;
  band: string;
  signalDbm: number | null;
  bars: number;
  phyMbps: number | null;
  active: boolean;
}

export interface SpeedTest {
  at: string;
  downMbps: number | null;
  pingMs: number | null;
}

export interface TicketSummary {
  id: string;
  state: string;
  subject: string;
  createdAt: string;
  updatedAt?: string;
  incidentId?: string | null;
}

export interface Home {
  homeId: string;
  status: HomeStatus;
  health: { score: number | null; updatedAt: string | null };
  gateway: {
    deviceId: string;
    manufacturer: string;
    model: string;
    firmware: string;
    online: boolean;
    lastContact: string | null;
  } | null;
  network: { nodes: NetNode[]; radios: Radio[]; stations: Station[] };
  wan: { up: boolean | null; access: string; planDownMbps: number | null };
  speedTest: SpeedTest | null;
  openTickets: TicketSummary[];
}

export interface HealthSeries {
  from: string;
  to: string;
  points: { t: number; health: number }[];
}

export interface Wifi {
  ssid: string;
  bands: string[];
  security: string;
  guest: { available: boolean; enabled: boolean; ssid: string | null };
}

export interface WifiResult {
  state: 'done' | 'pending' | 'failed';
  taskId: string;
  warning: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  actor: 'you' | 'support' | 'automatic';
  text: string;
  outcome: 'ok' | 'failed' | 'pending';
}

export interface ArticleSummary {
  id: string;
  title: string;
  summary: string;
  tags: string[];
}

export interface Article {
  id: string;
  title: string;
  body: string;
  tags: string[];
  updatedAt: string | null;
}

export type Symptom = 'no-internet' | 'wifi-slow' | 'device-cannot-connect' | 'no-coverage' | 'streaming-buffers';

export interface Fix {
  id: string;
  target: string | null;
  label: string;
  warning: string | null;
}

export interface Step {
  check: 'area' | 'gateway' | 'line' | 'wifi' | 'device';
  outcome: 'ok' | 'problem' | 'unknown' | 'skipped';
  title: string;
  text: string;
  findings: string[];
  fixes: Fix[];
  kb: { id: string; title: string }[];
  at: string;
}

export interface Action {
  fix: string;
  target: string | null;
  state: 'running' | 'done' | 'failed';
  text: string;
  verified: boolean | null;
  at: string;
}

export interface Run {
  id: string;
  symptom: string;
  state: 'open' | 'resolved' | 'ticket' | 'abandoned';
  words: string;
  device: string | null;
  createdAt: string;
  updatedAt: string;
  refresh: { live: boolean; text: string };
  steps: Step[];
  verdict: {
    kind: 'area-outage' | 'fix-offered' | 'no-problem' | 'needs-ticket' | 'fixed' | 'not-fixed';
    text: string;
  };
  actions: Action[];
  ticket: { id: string; state: string } | null;
  feedback: { rating: number; solved: boolean } | null;
}
