// Settings (#/settings[/<tab>]): the diagnosis thresholds and outage parameters (GET/PUT
// /api/v1/settings: grouped fields with their defaults, checked before saving), and the tabs of
// webhooks, knowledge base, staff users and the audit log (admin.ts).
import { currentSession, errorText, get, put, roleRank } from '../../staff/api';
import { formatNumber } from '../../staff/i18n';
import { errorBox, h, loading, nextId, notice, pageTitle, panel } from '../../staff/ui';
import { t, type Key } from '../i18n';
import { checkField, groupFields, settingsChanges } from '../model';
import { actions, tabs } from '../parts';
import { hrefFor, SETTINGS_TABS, type SettingsTab } from '../router';
import type { SettingField, Settings } from '../types';
import { auditTab, kbTab, usersTab, webhooksTab } from './admin';

export const canChange = (): boolean => roleRank(currentSession()?.user.role) >= 4;

// For hints; inputs hold the plain number (no digit grouping, which would read back wrong).
const show = (v: unknown) => (typeof v === 'number' ? formatNumber(v, 3) : String(v));

function sectionTitle(section: string): string {
  return section === 'diagnosis' || section === 'incidents' ? t(`settings.section.${section}` as Key) : section;
}

export function thresholdsView(s: Settings, onSaved: (next: Settings) => void): HTMLElement {
  const editable = canChange();
  const inputs = new Map<string, { f: SettingField; input: HTMLInputElement; error: HTMLElement }>();
  const groups = groupFields(s.fields).map((g) => panel(sectionTitle(g.section), { 'data-testid': `settings-${g.section}` },
    h('div', { class: 'grid-2' }, g.fields.map((f) => {
      const id = nextId('set');
      const bool = typeof f.default === 'boolean';
      const input = bool
        ? h('input', { id, type: 'checkbox', checked: f.value === true, disabled: !editable })
        : h('input', { id, type: 'text', inputmode: 'decimal', value: String(f.value), disabled: !editable });
      input.dataset.testid = `setting-${f.section}-${f.name}`;
      const error = h('p', { id: `${id}-err`, class: 'field-error', hidden: true });
      const hints = [f.description,
        f.min !== undefined && f.max !== undefined ? t('settings.range', { min: show(f.min), max: show(f.max) }) : null,
        t('settings.default', { value: `${show(f.default)}${f.unit ? ` ${f.unit}` : ''}` })].filter(Boolean).join(' · ');
      input.setAttribute('aria-describedby', `${id}-hint ${id}-err`);
      inputs.set(`${f.section}.${f.name}`, { f, input, error });
      return h('div', { class: bool ? 'field check' : 'field' },
        h('label', { for: id }, f.name, f.unit ? h('span', { class: 'muted' }, ` (${f.unit})`) : null),
        input, h('p', { id: `${id}-hint`, class: 'hint muted' }, hints), error);
    }))));
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'settings-save', disabled: !editable }, t('app.save'));
  const reset = h('button', { type: 'button', class: 'btn', disabled: !editable }, t('settings.reset'));
  reset.addEventListener('click', () => {
    for (const { f, input } of inputs.values()) {
      if (input.type === 'checkbox') input.checked = f.default === true;
      else input.value = String(f.default);
    }
  });
  const form = h('form', { 'data-testid': 'settings-form', novalidate: true },
    editable ? null : notice(t('settings.readOnly')), groups, status, actions(save, reset));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const values = new Map<string, number | boolean | string>();
    let firstBad: HTMLInputElement | null = null;
    for (const [key, { f, input, error }] of inputs) {
      const r = checkField(f, input.type === 'checkbox' ? input.checked : input.value);
      const msg = 'error' in r ? t(r.error as Key, r.params) : '';
      error.textContent = msg;
      error.hidden = !msg;
      if (msg) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      if ('value' in r) values.set(key, r.value);
      else firstBad ??= input;
    }
    if (firstBad) {
      firstBad.focus();
      return;
    }
    const body = settingsChanges(s.fields, values);
    if (Object.keys(body).length === 0) {
      status.replaceChildren(notice(t('settings.noChanges')));
      return;
    }
    save.disabled = true;
    status.replaceChildren(loading());
    try {
      onSaved(await put<Settings>('/settings', body));
    } catch (e) {
      status.replaceChildren(errorBox(errorText(e)));
      save.disabled = false;
    }
  });
  return form;
}

function thresholdsTab(): HTMLElement {
  const slot = h('div', {});
  const render = (s: Settings, saved: boolean) => {
    slot.replaceChildren(thresholdsView(s, (next) => render(next, true)));
    if (saved) slot.prepend(notice(t('app.saved'), 'ok'));
  };
  const load = () => {
    slot.replaceChildren(loading());
    get<Settings>('/settings').then((s) => render(s, false)).catch((e) => slot.replaceChildren(errorBox(errorText(e), load)));
  };
  load();
  return slot;
}

export function settingsPage(tab: SettingsTab): HTMLElement {
  const body = tab === 'webhooks' ? webhooksTab() : tab === 'kb' ? kbTab() : tab === 'users' ? usersTab()
    : tab === 'audit' ? auditTab() : thresholdsTab();
  return h('div', { class: 'page', 'data-testid': `settings-page-${tab}` },
    pageTitle(t('settings.title')),
    tabs(t('settings.tabs'), SETTINGS_TABS.map((x) => ({
      href: hrefFor({ name: 'settings', tab: x }), text: t(`settings.tab.${x}` as Key), current: x === tab, testid: `settings-tab-${x}`,
    }))),
    body);
}
