import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../../staff/api';
import { ticketPage } from './ticket';
import { ticketsPage } from './tickets';

const summary = {
  id: '12', account: 'A100', customerName: 'Anna Berg', homeId: 'h1', state: 'new', source: 'selfservice',
  causeCode: 'WIFI-CHAN-1', incidentId: '4', assignee: null, assigneeName: null, subject: 'Wi-Fi slow',
  createdAt: '2026-11-23T10:00:00Z', updatedAt: '2026-11-23T10:00:00Z',
};
const detail = {
  ...summary,
  words: 'Slow in the evening.',
  diagnosis: { timeMs: 1, primary: 'WIFI-CHAN-1', health: 55, findings: [
    { code: 'WIFI-CHAN-1', severity: 'warning', entity: 'radio:r1', evidence: [{ name: 'utilisation', value: 88, unit: '%' }], agentText: 'Busy channel.' }] },
  steps: { evaluations: [{ steps: [{ check: 'line', outcome: 'ok', text: 'The line is fine.' }], verdict: { kind: 'fixable', text: 'The channel is busy.' } }],
    actions: [{ fix: 'change-channel', state: 'failed', text: 'It did not help.', verified: false }] },
  comments: [{ time: '2026-11-23T10:05:00Z', author: 'u1', authorName: 'Alex', text: 'Called back.' }],
  incident: null,
};

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('ticket pages', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('show the self-service snapshot, comments and links; comment and assign go to the API', async () => {
    setSession({ user: { id: 'u1', login: 'alex', name: 'Alex', email: '', role: 'agent' }, csrfToken: 'c' });
    const sent: { url: string; method: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : null });
      return new Response(JSON.stringify(init.method === 'GET' ? detail : {}), { status: init.method === 'POST' ? 201 : 200 });
    });
    const page = ticketPage('12');
    await flush();
    const snap = page.querySelector('[data-testid="ticket-snapshot"]')!;
    expect(snap.textContent).toContain('Slow in the evening.');
    expect(snap.textContent).toContain('The line is fine.');
    expect(snap.textContent).toContain('The channel is busy.');
    expect(snap.textContent).toContain('utilisation');
    expect(page.querySelector('[data-testid="comments"]')?.textContent).toContain('Called back.');
    expect(page.querySelector('[data-testid="ticket-customer"]')?.getAttribute('href')).toBe('#/customer/A100/h1');
    expect(page.querySelector('[data-testid="ticket-incident"]')?.getAttribute('href')).toBe('/ops/#/incident/4');
    page.querySelector<HTMLTextAreaElement>('[data-testid="comment-text"]')!.value = 'Done';
    page.querySelector('form.comment-form')!.dispatchEvent(new Event('submit'));
    await flush();
    expect(sent.find((s) => s.method === 'POST')).toEqual({ url: '/api/v1/tickets/12/comments', method: 'POST', body: { text: 'Done' } });
    page.querySelector<HTMLButtonElement>('[data-testid="assign-me"]')!.click();
    await flush();
    expect(sent.find((s) => s.method === 'PATCH')?.body).toEqual({ assignee: 'me' });
  });

  it('list the queue of a state', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ tickets: [summary], total: 1 }), { status: 200 });
    });
    const page = ticketsPage('waiting');
    await flush();
    expect(urls[0]).toBe('/api/v1/tickets?state=waiting&limit=200');
    expect(page.querySelectorAll('[data-testid="ticket-row"]')).toHaveLength(1);
    expect(page.querySelector('[aria-current="page"]')?.textContent).toBe('Waiting');
  });

  it('read the queue again after an assignment while it is shown, and never navigate away', async () => {
    setSession({ user: { id: 'u1', login: 'alex', name: 'Alex', email: '', role: 'agent' }, csrfToken: 'c' });
    const calls: string[] = [];
    let answerPatch: (() => void) | null = null;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push(`${init.method ?? 'GET'} ${url}`);
      if (init.method === 'PATCH') await new Promise<void>((r) => { answerPatch = r; });
      return new Response(JSON.stringify(init.method === 'PATCH' ? {} : { tickets: [summary], total: 1 }), { status: 200 });
    });
    window.location.hash = '#/tickets?state=new';
    const shown = ticketsPage('new');
    document.body.replaceChildren(shown);
    await flush();
    shown.querySelector<HTMLButtonElement>('[data-testid="assign-me"]')!.click();
    await flush();
    answerPatch!();
    await flush();
    expect(calls.filter((c) => c.startsWith('GET'))).toHaveLength(2);  // read again in place

    // The agent opened a ticket before the answer came: the late answer changes nothing.
    const left = ticketsPage('new');
    document.body.replaceChildren(left);
    await flush();
    left.querySelector<HTMLButtonElement>('[data-testid="assign-me"]')!.click();
    await flush();
    window.location.hash = '#/ticket/12';
    document.body.replaceChildren();
    answerPatch!();
    await flush();
    expect(window.location.hash).toBe('#/ticket/12');
    expect(calls.filter((c) => c.startsWith('GET'))).toHaveLength(3);
  });
});
