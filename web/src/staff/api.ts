// Every call of the staff apps goes through here. The session is the hearth_staff cookie set by
// POST /api/v1/staff/session (it travels with credentials 'same-origin'); each change carries
// the session's X-CSRF-Token. Errors become ApiError {status, code, detail}. A 401 on a call
// that needs the session ends it on this side and sends the user to #/login, remembering where
// they were so that they come back after logging in.
import { st } from './i18n';

export const API_BASE = '/api/v1';

export type Role = 'read' | 'agent' | 'supervisor' | 'operator' | 'admin';

export interface StaffUser {
  id: string;
  login: string;
  name: string;
  email: string;
  role: Role;
}

export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,  // 0: no answer (network)
    readonly code: string,
    readonly detail: string,  // the server's message, if any
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

const RANK: Record<Role, number> = { read: 1, agent: 2, supervisor: 3, operator: 4, admin: 4 };

// role_rank() of the server: what a role may do.
export function roleRank(role: string | undefined): number {
  return RANK[role as Role] ?? 0;
}

let session: StaffSession | null = null;
const listeners: ((s: StaffSession | null) => void)[] = [];

export function currentSession(): StaffSession | null {
  return session;
}

export function setSession(s: StaffSession | null): void {
  session = s;
  for (const fn of listeners) fn(s);
}

export function onSessionChange(fn: (s: StaffSession | null) => void): void {
  listeners.push(fn);
}

// Where the user was when the session ended or a link was opened without one ('' when nowhere
// in particular), to go back there after logging in.
let returnTo = '';
export function setReturnTo(hash: string): void {
  returnTo = hash;
}

export function takeReturnTo(): string {
  const r = returnTo;
  returnTo = '';
  return r;
}

export interface CallOptions {
  // Login answers 401 for wrong credentials: not a lost session.
  auth?: boolean;
  signal?: AbortSignal;
}

// Paths are relative to /api/v1 ('/customers?q=x'); query values must be encoded by the caller
// (see query()).
export async function call<T>(method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrfToken;
  let res: Response;
  try {
    res = await fetch(path.startsWith('/api/') ? path : API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '');
  }
  if (res.status === 204) return {} as T;
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (res.ok) return (data ?? {}) as T;
  const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
  const error = new ApiError(res.status, err?.code ?? (res.status >= 500 ? 'server' : 'generic'), err?.message ?? '');
  if (res.status === 401 && opts.auth !== false) {
    setSession(null);
    if (!location.hash.startsWith('#/login')) {
      returnTo = location.hash;
      location.hash = '#/login';
    }
  }
  throw error;
}

export const get = <T>(path: string, opts?: CallOptions) => call<T>('GET', path, undefined, opts);
export const post = <T>(path: string, body: unknown = {}, opts?: CallOptions) => call<T>('POST', path, body, opts);
export const patch = <T>(path: string, body: unknown, opts?: CallOptions) => call<T>('PATCH', path, body, opts);
export const put = <T>(path: string, body: unknown, opts?: CallOptions) => call<T>('PUT', path, body, opts);
export const del = <T>(path: string, opts?: CallOptions) => call<T>('DELETE', path, undefined, opts);

// '?a=1&b=x%20y' from the defined values ('' when none).
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// A path segment (device ids hold '%', which must be encoded again).
export const seg = (id: string) => encodeURIComponent(id);

export async function login(loginName: string, password: string): Promise<StaffSession> {
  const s = await post<StaffSession>('/staff/session', { login: loginName, password }, { auth: false });
  setSession(s);
  return s;
}

// The current session, or null when there is none (no redirect).
export async function loadSession(): Promise<StaffSession | null> {
  try {
    const s = await get<StaffSession>('/staff/session', { auth: false });
    setSession(s);
    return s;
  } catch {
    setSession(null);
    return null;
  }
}

export async function logout(): Promise<void> {
  try {
    await del('/staff/session', { auth: false });
  } catch {
    // the session is gone on this side either way
  }
  setSession(null);
}

// The message for an error, in the chosen language.
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return st('error.generic', { detail: e instanceof Error ? e.message : '?' });
  const detail = e.detail || String(e.status);
  switch (e.code) {
    case 'network': return st('error.network');
    case 'unauthenticated': return st('error.unauthenticated');
    case 'invalid_credentials': return st('error.invalid_credentials');
    case 'rate_limited': return st('error.rate_limited');
    case 'forbidden': return st('error.forbidden');
    case 'not_found': return st('error.not_found');
    case 'conflict': return st('error.conflict', { detail });
    case 'invalid_argument': return st('error.invalid_argument', { detail });
    case 'csrf': return st('error.csrf');
    case 'timeout': return st('error.timeout');
    default:
      if (e.status === 401) return st('error.unauthenticated');
      if (e.status === 403) return st('error.forbidden');
      if (e.status === 404) return st('error.not_found');
      if (e.status === 429) return st('error.rate_limited');
      if (e.status === 503) return st('error.unavailable');
      if (e.status === 504) return st('error.timeout');
      if (e.status >= 500) return st('error.server');
      return st('error.generic', { detail });
  }
}
