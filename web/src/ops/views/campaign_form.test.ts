import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../../staff/api';
import { campaignFormPage } from './campaign_form';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

// A fake API: files, fleet, preview and the campaign's creation and start.
function fakeApi() {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (url.startsWith('/api/v1/files')) {
      return json({ items: [{ id: 'fw-2.bin', fileType: '1 Firmware Upgrade Image', productClass: 'HG', version: '2', size: 1 },
        { id: 'cfg.xml', fileType: '3 Vendor Configuration File', productClass: '', version: '', size: 1 }], total: 2, offset: 0, limit: 500, more: false });
    }
    if (url === '/api/v1/fleet') return json({ firmware: [{ model: 'HG', softwareVersion: '1', devices: 3, online: 3 }] });
    if (url === '/api/v1/campaigns/preview') return json({ devices: 3, byModel: [{ model: 'HG', softwareVersion: '1', devices: 3 }] });
    if (url === '/api/v1/campaigns') return json({ id: 'c9', state: 'draft' }, 201);
    if (url === '/api/v1/campaigns/c9/start') return json({ id: 'c9', state: 'running' });
    return json({ error: { code: 'not_found', message: url } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

const by = (root: Element, id: string) => root.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
const fill = (el: HTMLInputElement | HTMLSelectElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input'));
};

describe('campaign form', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setSession(null);
    document.body.replaceChildren();
  });

  it('shows the count, names the missing fields, then creates and starts the campaign', async () => {
    setSession({ user: { id: 'u', login: 'op', name: 'Op', email: '', role: 'operator' }, csrfToken: 'tok' });
    const calls = fakeApi();
    const page = campaignFormPage();
    document.body.append(page);
    await vi.waitFor(() => expect(by(page, 'campaign-preview').textContent).toContain('3 devices selected'));
    await vi.waitFor(() => expect(by(page, 'cf-fileId').querySelectorAll('option')).toHaveLength(2));  // firmware only

    const form = by(page, 'campaign-form') as unknown as HTMLFormElement;
    const startButton = by(page, 'campaign-create-start');
    form.dispatchEvent(Object.assign(new Event('submit', { cancelable: true }), { submitter: startButton }));
    expect(by(page, 'cf-name').getAttribute('aria-invalid')).toBe('true');
    expect(page.textContent).toContain('Please fill this in.');
    expect(calls.some((c) => c.url === '/api/v1/campaigns')).toBe(false);

    fill(by(page, 'cf-name'), 'Spring');
    fill(by(page, 'cf-model'), 'HG');
    (by(page, 'cf-fileId') as unknown as HTMLSelectElement).value = 'fw-2.bin';
    fill(by(page, 'cf-canary'), '1');
    fill(by(page, 'cf-waves'), '2');
    form.dispatchEvent(Object.assign(new Event('submit', { cancelable: true }), { submitter: startButton }));
    await vi.waitFor(() => expect(location.hash).toBe('#/campaign/c9'));
    const created = calls.find((c) => c.url === '/api/v1/campaigns')!;
    expect(created.method).toBe('POST');
    expect(created.body).toMatchObject({ name: 'Spring', kind: 'firmware', selection: { model: 'HG' }, fileId: 'fw-2.bin',
      stages: { canary: 1, waves: [2] }, thresholds: { maxFailureRate: 0.1, maxHealthDrop: 10 }, observeMinutes: 10 });
    expect(calls.some((c) => c.url === '/api/v1/campaigns/c9/start' && c.method === 'POST')).toBe(true);
  });
});
