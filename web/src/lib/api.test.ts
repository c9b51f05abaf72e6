import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../i18n';
import { ApiError, call, currentSession, errorMessage, get, post, setSession } from './api';

const ME = { account: '1000001', name: 'Anna Berg', email: 'anna@example.net', homeId: 'h-1', csrfToken: 'csrf-123', expiresAt: '' };

// The error a call fails with (the test fails if it succeeds).
function failure(p: Promise<unknown>): Promise<ApiError> {
  return p.then(() => { throw new Error('the call succeeded'); }, (e: unknown) => e as ApiError);
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('api', () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    setSession(ME);
    location.hash = '#/wifi';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setLang('en');
  });

  it('sends the cookie, asks for the language and no CSRF token on GET', async () => {
    fetchMock.mockResolvedValue(reply(200, { ok: 1 }));
    setLang('sv');
    expect(await get('/home')).toEqual({ ok: 1 });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/selfservice/home?lang=sv');
    expect(init.credentials).toBe('same-origin');
    expect(init.method).toBe('GET');
    expect(init.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('adds the language to a query that is already there', async () => {
    fetchMock.mockResolvedValue(reply(200, {}));
    await get('/history?limit=50');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/selfservice/history?limit=50&lang=en');
  });

  it('sends the CSRF token and JSON on every other method', async () => {
    fetchMock.mockResolvedValue(reply(200, { state: 'done' }));
    await post('/troubleshoot', { symptom: 'wifi-slow' });
    await call('PUT', '/wifi', { guestEnabled: true });
    for (const [, init] of fetchMock.mock.calls) {
      expect(init.headers['X-CSRF-Token']).toBe('csrf-123');
      expect(init.headers['Content-Type']).toBe('application/json');
    }
    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ symptom: 'wifi-slow' });
  });

  it('treats 204 and 202 as success without a body', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    expect(await post('/logout')).toEqual({});
    fetchMock.mockResolvedValueOnce(reply(202, {}));
    expect(await post('/password-reset', { login: 'x' }, { auth: false })).toEqual({});
  });

  it('ends the session and goes to the login page on 401', async () => {
    fetchMock.mockResolvedValue(reply(401, { error: { code: 'unauthenticated', message: 'no session' } }));
    const err = await failure(get('/home'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('unauthenticated');
    expect(currentSession()).toBeNull();
    expect(location.hash).toBe('#/login');
  });

  it('keeps the page on a 401 of a login attempt', async () => {
    fetchMock.mockResolvedValue(reply(401, { error: { code: 'invalid_credentials', message: 'x' } }));
    const err = await failure(post('/login', { login: 'a', password: 'b' }, { auth: false }));
    expect(errorMessage(err)).toBe('The login or the password is not right.');
    expect(location.hash).toBe('#/wifi');
    expect(currentSession()).not.toBeNull();
  });

  it('translates rate limits with the time to wait', async () => {
    fetchMock.mockResolvedValue(reply(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '120' }));
    const err = await failure(post('/login', {}, { auth: false }));
    expect(err.retryAfter).toBe(120);
    expect(errorMessage(err)).toBe('Too many attempts. Please wait 2 min and try again.');
    setLang('de');
    expect(errorMessage(err)).toContain('2 Min.');
    expect(errorMessage(new ApiError(429, 'rate_limited', ''))).toBe(
      'Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.');
  });

  it('names the field of a 400 and words the rest', async () => {
    fetchMock.mockResolvedValue(reply(400, { error: { code: 'invalid_argument', message: 'ssid: 1 to 32 bytes' } }));
    const err = await failure(call('PUT', '/wifi', { ssid: '' }));
    expect(errorMessage(err)).toBe('Please check your entry: ssid: 1 to 32 bytes');
    expect(errorMessage(new ApiError(504, 'gateway_timeout', ''))).toContain('did not answer in time');
    expect(errorMessage(new ApiError(500, 'internal', ''))).toContain('on our side');
    expect(errorMessage(new Error('x'))).toBe('That did not work. Please try again.');
  });

  it('reports a network failure as such', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const err = await failure(get('/home'));
    expect(err.code).toBe('network');
    expect(errorMessage(err)).toContain('could not reach');
  });
});
