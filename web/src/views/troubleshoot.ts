// Guided troubleshooting, first page: the symptom in the customer's words, optionally the device
// in question, then the run (views/run.ts). Earlier runs are listed below.
import { lang, t, type Key } from '../i18n';
import { errorMessage, get, post } from '../lib/api';
import { h, nextId } from '../lib/dom';
import { formatTime } from '../lib/format';
import { loadHome } from '../lib/home';
import { go } from '../lib/router';
import { busy, card, errorBox, pageTitle, progress } from '../lib/ui';
import type { Run, Symptom } from '../lib/types';

export const SYMPTOMS: Symptom[] = ['no-internet', 'wifi-slow', 'device-cannot-connect', 'no-coverage', 'streaming-buffers'];

export function symptomLabel(symptom: string): string {
  return (SYMPTOMS as string[]).includes(symptom) ? t(`ts.symptom.${symptom}` as Key) : symptom;
}

export function troubleshootPage(): HTMLElement {
  const wordsId = nextId('words');
  const words = h('textarea', { id: wordsId, rows: 2, maxlength: 2000, 'aria-describedby': `${wordsId}-hint` });
  const deviceId = nextId('device');
  const device = h('select', { id: deviceId }, h('option', { value: '' }, t('ts.deviceAny')));
  const deviceField = h('div', { class: 'field', hidden: true },
    h('label', { for: deviceId }, t('ts.device')), device);
  loadHome(lang()).then((home) => {
    for (const st of home.network.stations) device.append(h('option', { value: st.mac }, st.name));
  }).catch(() => { /* the list is optional */ });

  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  let chosen: Symptom | null = null;
  const buttons = SYMPTOMS.map((sym) => {
    const b = h('button', { type: 'button', class: 'symptom', 'data-testid': `symptom-${sym}`, 'aria-pressed': 'false' },
      t(`ts.symptom.${sym}` as Key));
    b.addEventListener('click', () => {
      chosen = sym;
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === b));
      deviceField.hidden = sym !== 'device-cannot-connect' && sym !== 'no-coverage' && sym !== 'streaming-buffers';
      start.disabled = false;
    });
    return b;
  });
  const start = h('button', { type: 'submit', class: 'primary', disabled: true, 'data-testid': 'start-check' }, t('ts.start'));
  const form = h('form', { class: 'form', novalidate: true },
    h('fieldset', { class: 'symptoms' }, h('legend', {}, t('ts.choose')), h('div', { class: 'symptom-grid' }, buttons)),
    deviceField,
    h('div', { class: 'field' }, h('label', { for: wordsId }, t('ts.words')), h('p', { id: `${wordsId}-hint`, class: 'hint' }, t('ts.wordsHint')), words),
    start, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!chosen) return;
    const body: Record<string, string> = { symptom: chosen };
    if (words.value.trim()) body.words = words.value.trim();
    if (!deviceField.hidden && device.value) body.device = device.value;
    try {
      const run = await busy(start, result, t('ts.starting'), () => post<Run>('/troubleshoot', body));
      go({ name: 'run', id: run.id });
    } catch (e) {
      result.replaceChildren(errorBox(errorMessage(e)));
    }
  });

  const earlier = h('div', {}, progress(t('app.loading')));
  get<{ runs: Run[] }>('/troubleshoot').then(({ runs }) => {
    earlier.replaceChildren(runs.length
      ? h('ul', { class: 'plain list' }, runs.map((r) => h('li', {},
        h('a', { href: `#/troubleshoot/${encodeURIComponent(r.id)}` }, symptomLabel(r.symptom)),
        h('span', { class: 'muted' }, ` · ${formatTime(r.createdAt)} · ${t(`ts.state.${r.state}` as Key)}`))))
      : h('p', { class: 'muted' }, t('ts.none')));
  }).catch((e) => earlier.replaceChildren(errorBox(errorMessage(e))));

  return h('div', { class: 'page' },
    pageTitle(t('ts.title')),
    h('p', { class: 'lead' }, t('ts.intro')),
    card(null, {}, form),
    card(t('ts.previous'), {}, earlier));
}
