import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '../lib/api';
import type { Run } from '../lib/types';
import { renderRun } from './run';

const RUN: Run = {
  id: 'ts-1', symptom: 'wifi-slow', state: 'open', words: '', device: null,
  createdAt: '2026-01-05T13:00:00Z', updatedAt: '2026-01-05T13:00:00Z',
  refresh: { live: true, text: 'Fresh data was read from your router.' },
  steps: [
    { check: 'area', outcome: 'ok', title: 'Your area', text: 'No disturbance near you.', findings: [], fixes: [], kb: [], at: '' },
    { check: 'wifi', outcome: 'problem', title: 'Your Wi-Fi', text: 'Your 2.4 GHz channel is crowded.', findings: ['WIFI-CHAN-1'],
      fixes: [
        { id: 'change-channel', target: 'radio-1', label: 'Change the channel', warning: null },
        { id: 'restart-gateway', target: null, label: 'Restart the router', warning: 'Internet and phone are down for about 3 minutes.' },
      ],
      kb: [{ id: 'wifi-channel', title: 'Wi-Fi channels' }], at: '' },
  ],
  verdict: { kind: 'fix-offered', text: 'Changing the channel should help.' },
  actions: [], ticket: null, feedback: null,
};

function reply(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('a troubleshooting run', () => {
  const fetchMock = vi.fn();
  let container: HTMLElement;
  const announce = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    announce.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    setSession({ account: '1', name: 'A', email: '', homeId: 'h', csrfToken: 'c', expiresAt: '' });
    container = document.createElement('div');
    document.body.replaceChildren(container);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows each step with what was found, the fixes and the help links', () => {
    renderRun(RUN, container, announce);
    expect(container.querySelectorAll('.step')).toHaveLength(2);
    expect(container.textContent).toContain('Your 2.4 GHz channel is crowded.');
    expect(container.querySelector('[data-testid="fix-change-channel"]')?.textContent).toBe('Change the channel');
    expect(container.querySelector('a[href="#/help/wifi-channel"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="finish-form"]')).not.toBeNull();
  });

  it('applies a fix, shows what is being done, and shows the run checked again', async () => {
    let resolve!: (r: Response) => void;
    fetchMock.mockReturnValue(new Promise<Response>((r) => { resolve = r; }));
    renderRun(RUN, container, announce);
    (container.querySelector('[data-testid="fix-change-channel"]') as HTMLButtonElement).click();
    expect(container.querySelector('[role="status"]')?.textContent).toContain('quieter channel');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/selfservice/troubleshoot/ts-1/fix?lang=en');
    expect(JSON.parse(init.body)).toEqual({ fix: 'change-channel', target: 'radio-1' });
    resolve(reply({ ...RUN, verdict: { kind: 'fixed', text: 'Fixed.' },
      actions: [{ fix: 'change-channel', target: 'radio-1', state: 'done', text: 'Moved to channel 11.', verified: true, at: '' }] }));
    await vi.waitFor(() => expect(container.textContent).toContain('Checked again: it helped.'));
    expect(announce).toHaveBeenCalledWith('Moved to channel 11.');
  });

  it('warns before a fix with a warning and does nothing when cancelled', async () => {
    renderRun(RUN, container, announce);
    (container.querySelector('[data-testid="fix-restart-gateway"]') as HTMLButtonElement).click();
    const dialog = container.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('about 3 minutes');
    ([...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel') as HTMLButtonElement).click();
    expect(container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('asks whether it is solved before sending the feedback', async () => {
    fetchMock.mockResolvedValue(reply({ ...RUN, state: 'ticket', ticket: { id: '7', state: 'new' }, feedback: { rating: 2, solved: false } }));
    renderRun(RUN, container, announce);
    const form = container.querySelector('[data-testid="finish-form"]') as HTMLFormElement;
    form.requestSubmit();
    expect(form.querySelector('[role="alert"]')?.textContent).toContain('Please say whether');
    expect(fetchMock).not.toHaveBeenCalled();

    (form.querySelector('input[value="no"]') as HTMLInputElement).click();
    (form.querySelector('input[name^="rating"][value="2"]') as HTMLInputElement).click();
    form.requestSubmit();
    await vi.waitFor(() => expect(announce).toHaveBeenCalledWith('Support case 7 is open. We will get back to you.'));
    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ solved: false, rating: 2, openTicket: true });
    expect(container.querySelector('[data-testid="finish-form"]')).toBeNull();
  });
});
