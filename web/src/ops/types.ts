// The shapes the operator dashboard reads from the JSON API (contract of issue 7 and
// src/api/openapi.json). Only the fields the pages use are listed.

export interface StaffUser {
  id: string;
  login: string;
  name: string;
  email: string;
  role: 'agent' | 'supervisor' | 'operator' | string;
  disabled?: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface Fleet {
  devices: { total: number; online: number };
  homesDiagnosed: number;
  homesHealthy: number;
  healthHistogram: number[];
  topFindings: { code: string; homes: number }[];
  primaryCauses: { code: string; homes: number }[];
  worstHomes: { homeId: string; account: string; name: string; health: number; primaryCode: string | null }[];
  firmware: { model: string; softwareVersion: string; devices: number; online: number }[];
}

export interface Incident {
  id: number;
  scope: 'access-node' | 'region' | string;
  accessNode: string;
  region: string;
  state: 'suspected' | 'confirmed' | 'resolved' | string;
  cause?: string;
  title?: string;
  suspectedAt: string | null;
  confirmedAt: string | null;
  resolvedAt: string | null;
  estimatedRepairAt?: string | null;
  nodeHomes?: number;
  unreachable?: number;
  homes: string[];
  notes?: { time: string; author: string; text: string }[];
  updatedAt?: string;
}

export interface Region { id: string; name: string; accessNodes?: number; homes?: number }
export interface AccessNode { id: string; name: string; kind: string; region: string; homes?: number }
export interface Page<T> { items: T[]; total: number; offset: number; limit: number; more: boolean }

export interface SelfServiceStats {
  from: string;
  to: string;
  runs: number;
  resolved: number;
  resolvedWithoutTicket: number;
  shareResolvedWithoutTicket: number;
  tickets: number;
  ticketsAvoided: number;
  ratingCount: number;
  ratingAverage: number | null;
  daily?: { day: string; runs: number; resolved: number; tickets: number; avgRating: number | null }[];
  ticketsByCause?: { code: string; tickets: number }[];
}

export interface FileItem { id: string; fileType: string; productClass: string; version: string; size: number }

export type CampaignState =
  'draft' | 'running' | 'paused' | 'halted' | 'completed' | 'rolling-back' | 'rolled-back' | 'cancelled';
export type CampaignAction = 'start' | 'pause' | 'resume' | 'rollback' | 'cancel';

export interface Selection { model?: string; softwareVersion?: string; tag?: string; deviceIds?: string[] }

export interface Stage {
  index: number;
  name: string;
  size: number;
  pending: number;
  running: number;
  done: number;
  failed: number;
  failureRate: number;
  healthBefore: number | null;
  healthAfter: number | null;
  state: 'waiting' | 'running' | 'observing' | 'passed' | 'failed' | string;
}

export interface Campaign {
  id: string;
  name: string;
  kind: 'firmware' | 'config';
  state: CampaignState;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  selection: Selection;
  fileId?: string | null;
  parameters?: { name: string; value: string; type?: string }[];
  thresholds: { maxFailureRate: number; maxHealthDrop: number };
  observeMinutes: number;
  autoAdvance: boolean;
  currentStage: number;
  haltReason: string | null;
  stages: Stage[];
  log: { time: string; text: string }[];
}

export interface Preview { devices: number; byModel: { model: string; softwareVersion: string; devices: number }[] }

export interface SettingField {
  section: string;
  name: string;
  value: number | boolean | string;
  default: number | boolean | string;
  min?: number;
  max?: number;
  unit?: string;
  description: string;
}
export interface Settings {
  diagnosis: Record<string, unknown>;
  incidents: Record<string, unknown>;
  fields: SettingField[];
}

export interface Webhook { id: string; url: string; events: string[]; enabled: boolean; createdAt: string; secretSet: boolean }

export interface KbArticle {
  id: string;
  tags: string[];
  symptoms: string[];
  text: Record<string, { title: string; body: string }>;
  updatedAt: string | null;
}

export interface AuditEntry {
  id: string | number;
  time: string;
  actorKind: string;
  actor: string;
  action: string;
  account: string;
  homeId: string;
  deviceId: string;
  outcome: 'ok' | 'denied' | 'failed' | string;
  details: unknown;
}
export interface AuditPage { entries: AuditEntry[]; offset: number; limit: number; hasMore: boolean }
