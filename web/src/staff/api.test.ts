import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, currentSession, errorText, get, login, patch, query, roleRank, setSession, takeReturnTo } from './api';
import { setLang } from './i18n';

interface Sent { url: string; init: RequestInit }

function answer(status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('staff api', () => {
  let sent: Sent[];
  let replies: Response[];
  beforeEach(() => {
    sent = [];
    replies = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return replies.shift() ?? answer(500, null);
    });
    setSession(null);
    location.hash = '#/customer/A1';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setLang('en');
  });

  it('logs in, then sends the CSRF token with every change but not with reads', async () => {
    replies.push(answer(200, { user: { id: 'u1', login: 'ann', name: 'Ann', email: '', role: 'agent' }, csrfToken: 'tok' }));
    await login('ann', 'pw');
    expect(sent[0].url).toBe('/api/v1/staff/session');
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ login: 'ann', password: 'pw' });
    expect(currentSession()?.user.login).toBe('ann');
    replies.push(answer(200, { tickets: [] }), answer(200, { id: 't1' }));
    await get('/tickets?state=new');
    await patch('/tickets/t1', { assignee: 'me' });
    const h0 = sent[1].init.headers as Record<string, string>;
    const h1 = sent[2].init.headers as Record<string, string>;
    expect(h0['X-CSRF-Token']).toBeUndefined();
    expect(h1['X-CSRF-Token']).toBe('tok');
    expect(sent[2].init.method).toBe('PATCH');
    expect(sent[2].init.credentials).toBe('same-origin');
  });

  it('turns errors into ApiError and a 401 into the login page', async () => {
    setSession({ user: { id: 'u1', login: 'ann', name: 'Ann', email: '', role: 'agent' }, csrfToken: 'tok' });
    replies.push(answer(401, { error: { code: 'unauthenticated', message: 'no session' } }));
    const err = (await get('/customers?q=x').catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('unauthenticated');
    expect(currentSession()).toBeNull();
    expect(location.hash).toBe('#/login');
    expect(takeReturnTo()).toBe('#/customer/A1');
  });

  it('does not treat wrong credentials as a lost session', async () => {
    location.hash = '#/login';
    replies.push(answer(401, { error: { code: 'invalid_credentials', message: 'wrong' } }));
    const err = await login('ann', 'bad').catch((e) => e);
    expect(errorText(err)).toMatch(/wrong/);
    expect(takeReturnTo()).toBe('');
  });

  it('describes errors in the chosen language', () => {
    setLang('de');
    expect(errorText(new ApiError(0, 'network', ''))).toMatch(/nicht erreichbar/);
    expect(errorText(new ApiError(409, 'conflict', 'busy'))).toContain('busy');
    expect(errorText(new ApiError(503, 'x', ''))).toMatch(/nicht verfügbar/);
  });

  it('builds queries and ranks roles', () => {
    expect(query({ q: 'a b', limit: 20, empty: '', none: undefined })).toBe('?q=a+b&limit=20');
    expect(query({})).toBe('');
    expect(roleRank('agent')).toBe(2);
    expect(roleRank('admin')).toBe(roleRank('operator'));
    expect(roleRank('nobody')).toBe(0);
  });
});
