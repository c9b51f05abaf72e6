// Every call to the portal API goes through here: the session cookie travels with
// credentials 'same-origin', each non-GET carries the session's X-CSRF-Token, ?lang= asks for
// the server's texts in the chosen language, and errors become ApiError with a translated
// message. A 401 ends the session on this side and sends the customer to the login page.
import { lang, t } from '../i18n';
import type { Me } from './types';

export const API_BASE = '/api/v1/selfservice';

export class ApiError extends Error {
  constructor(
    readonly status: number,  // 0: no answer (network)
    readonly code: string,
    readonly detail: string,  // the server's message, if any
    readonly retryAfter: number | null = null,  // seconds, from a 429
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

let session: Me | null = null;
const sessionListeners: ((me: Me | null) => void)[] = [];

export function currentSession(): Me | null {
  return session;
}

export function setSession(me: Me | null): void {
  session = me;
  for (const fn of sessionListeners) fn(me);
}

export function onSessionChange(fn: (me: Me | null) => void): void {
  sessionListeners.push(fn);
}

// Where the customer was when the session ended, to come back after logging in.
let returnTo = '';
export function takeReturnTo(): string {
  const r = returnTo;
  returnTo = '';
  return r;
}

function withLang(path: string): string {
  return `${API_BASE}${path}${path.includes('?') ? '&' : '?'}lang=${lang()}`;
}

export interface CallOptions {
  // Public routes (login, password reset) answer 401 for wrong credentials: not a lost session.
  auth?: boolean;
  signal?: AbortSignal;
}

export async function call<T>(method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrfToken;
  let res: Response;
  try {
    res = await fetch(withLang(path), {
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
  if (res.status === 204 || res.status === 202) return {} as T;
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (res.ok) return data as T;

  const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
  const retry = res.headers.get('Retry-After');
  const error = new ApiError(
    res.status,
    err?.code ?? (res.status >= 500 ? 'server' : 'generic'),
    err?.message ?? '',
    retry !== null && /^\d+$/.test(retry) ? Number(retry) : null,
  );
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
export const put = <T>(path: string, body: unknown) => call<T>('PUT', path, body);

// The customer-facing message for an error, in the chosen language.
export function errorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return t('error.generic');
  switch (e.code) {
    case 'network':
      return t('error.network');
    case 'unauthenticated':
      return t('error.unauthenticated');
    case 'invalid_credentials':
      return t('error.invalid_credentials');
    case 'rate_limited':
      return e.retryAfter && e.retryAfter > 0
        ? t('error.rate_limited', { minutes: Math.max(1, Math.ceil(e.retryAfter / 60)) })
        : t('error.rate_limited_soon');
    case 'invalid_argument':
      return t('error.invalid_argument', { detail: e.detail || '?' });
    case 'invalid_token':
      return t('error.invalid_token');
    case 'weak_password':
      return t('error.weak_password');
    case 'csrf':
      return t('error.csrf');
    case 'timeout':
      return t('error.timeout');
    case 'not_found':
      return t('error.not_found');
    default:
      if (e.status === 429) return t('error.rate_limited_soon');
      if (e.status === 504) return t('error.timeout');
      if (e.status >= 500) return t('error.server');
      return t('error.generic');
  }
}
