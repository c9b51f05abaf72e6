// The administrative tabs of the settings page: webhooks (/webhooks), knowledge-base entries
// (/kb), staff users (/users: list, add, change role, disable) and the audit log search
// (/audit, supervisors and operators).
import { currentSession, del, errorText, get, patch, post, put, roleRank, seg } from '../../staff/api';
import { formatDateTime } from '../../staff/i18n';
import { roleName } from '../../staff/shell';
import { badge, confirmDialog, empty, errorBox, field, h, loading, notice, panel, selectField } from '../../staff/ui';
import { t, type Key } from '../i18n';
import { auditQuery, type AuditFilter } from '../model';
import { actions, table } from '../parts';
import type { AuditEntry, AuditPage, KbArticle, StaffUser, Webhook } from '../types';

const isOperator = () => roleRank(currentSession()?.user.role) >= 4;
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

// Loads with `work` into a slot and draws with `draw`; draw gets a reload to call after changes.
function loader<T>(work: () => Promise<T>, draw: (v: T, reload: () => void) => Node[]): HTMLElement {
  const slot = h('div', {});
  const reload = () => {
    slot.replaceChildren(loading());
    work().then((v) => slot.replaceChildren(...draw(v, reload))).catch((e) => slot.replaceChildren(errorBox(errorText(e), reload)));
  };
  reload();
  return slot;
}

// Runs a change; its error goes into `status`, success reloads.
async function change(status: HTMLElement, work: () => Promise<unknown>, after: () => void): Promise<void> {
  status.replaceChildren(loading());
  try {
    await work();
    after();
  } catch (e) {
    status.replaceChildren(errorBox(errorText(e)));
  }
}

const button = (text: string, testid: string, onclick: () => void, cls = 'btn') =>
  h('button', { type: 'button', class: cls, 'data-testid': testid, onclick, disabled: !isOperator() }, text);

// ---- Webhooks ----

const EVENTS = ['incident.opened', 'incident.updated', 'incident.resolved'];

export function webhooksTab(): HTMLElement {
  return loader(() => get<{ webhooks: Webhook[] }>('/webhooks'), (r, reload) => {
    const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
    const rows = r.webhooks.map((w) => [
      h('code', {}, w.url), w.events.join(', '),
      badge(w.enabled ? t('webhooks.enabled') : t('users.disabled'), w.enabled ? 'ok' : 'muted'),
      w.secretSet ? t('webhooks.secretSet') : '–',
      actions(
        button(t('webhooks.test'), `webhook-test-${w.id}`, () => void change(status, () => post(`/webhooks/${seg(w.id)}/test`, {}),
          () => status.replaceChildren(notice(t('webhooks.testQueued'), 'ok')))),
        button(t('app.delete'), `webhook-delete-${w.id}`, async () => {
          if (await confirmDialog({ title: t('app.delete'), text: t('webhooks.confirmDelete', { url: w.url }), confirm: t('app.delete'), danger: true })) {
            void change(status, () => del(`/webhooks/${seg(w.id)}`), reload);
          }
        }, 'btn btn-danger')),
    ]);
    const url = field(t('webhooks.url'), { type: 'url', name: 'url', required: true });
    const secret = field(t('webhooks.secret'), { type: 'password', name: 'secret', autocomplete: 'new-password', required: true });
    const boxes = EVENTS.map((ev) => ({ ev, box: h('input', { type: 'checkbox', value: ev, checked: true, id: `wh-${ev}` }) }));
    const form = h('form', { class: 'inline-form', 'data-testid': 'webhook-form' },
      url.wrap, secret.wrap,
      h('fieldset', { class: 'radios' }, h('legend', {}, t('webhooks.events')),
        boxes.map(({ ev, box }) => h('span', { class: 'radio' }, box, h('label', { for: box.id }, ev)))),
      h('button', { type: 'submit', class: 'btn btn-primary', disabled: !isOperator() }, t('app.add')));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!url.input.value.trim() || !secret.input.value) return;
      void change(status, () => post('/webhooks', {
        url: url.input.value.trim(), secret: secret.input.value, enabled: true,
        events: boxes.filter((b) => b.box.checked).map((b) => b.ev),
      }), reload);
    });
    return [
      panel(t('settings.tab.webhooks'), { 'data-testid': 'webhooks' },
        rows.length ? table([t('webhooks.url'), t('webhooks.events'), t('users.state'), t('webhooks.secret'), ''], rows) : empty(t('webhooks.none')),
        status),
      isOperator() ? panel(t('webhooks.add'), {}, form) : h('span', {}),
    ];
  });
}

// ---- Knowledge base ----

const LANGS = ['en', 'de', 'sv'] as const;

function kbForm(a: KbArticle | null, status: HTMLElement, done: () => void): HTMLElement {
  const id = field(t('kb.id'), { type: 'text', name: 'id', value: a?.id ?? '', required: true, pattern: '[a-z0-9-]{1,64}', readonly: a !== null });
  const tags = field(t('kb.tags'), { type: 'text', name: 'tags', value: a?.tags.join(', ') ?? '' });
  const symptoms = field(t('kb.symptoms'), { type: 'text', name: 'symptoms', value: a?.symptoms.join(', ') ?? '' });
  const texts = LANGS.map((l) => {
    const title = field(t('kb.titleIn', { lang: l }), { type: 'text', name: `title-${l}`, value: a?.text[l]?.title ?? '', lang: l });
    const bodyId = `kb-body-${l}`;
    const body = h('textarea', { id: bodyId, name: `body-${l}`, rows: 5, lang: l }, a?.text[l]?.body ?? '');
    return { l, title, body, wrap: h('div', { class: 'field' }, title.wrap, h('label', { for: bodyId }, t('kb.bodyIn', { lang: l })), body) };
  });
  const form = h('form', { class: 'kb-form', 'data-testid': 'kb-form' },
    h('div', { class: 'grid-3' }, id.wrap, tags.wrap, symptoms.wrap),
    h('div', { class: 'grid-3' }, texts.map((x) => x.wrap)),
    actions(h('button', { type: 'submit', class: 'btn btn-primary' }, t('app.save'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!/^[a-z0-9-]{1,64}$/.test(id.input.value)) {
      status.replaceChildren(errorBox(t('kb.errId')));
      id.input.focus();
      return;
    }
    const text: Record<string, { title: string; body: string }> = {};
    for (const x of texts) {
      if (x.title.input.value.trim() || x.body.value.trim()) text[x.l] = { title: x.title.input.value.trim(), body: x.body.value.trim() };
    }
    if (!text.en) {
      status.replaceChildren(errorBox(t('form.required')));
      texts[0].title.input.focus();
      return;
    }
    void change(status, () => put(`/kb/${seg(id.input.value)}`, { tags: list(tags.input.value), symptoms: list(symptoms.input.value), text }), done);
  });
  return form;
}

export function kbTab(): HTMLElement {
  return loader(() => get<{ articles: KbArticle[] }>('/kb'), (r, reload) => {
    const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
    const editor = h('div', {});
    const edit = (a: KbArticle | null) => {
      editor.replaceChildren(panel(a ? `${t('kb.edit')}: ${a.id}` : t('kb.new'), {}, kbForm(a, status, reload)));
      editor.querySelector<HTMLInputElement>('input:not([readonly])')?.focus();
    };
    const rows = r.articles.map((a) => [
      h('code', {}, a.id), a.text.en?.title ?? '', a.tags.join(', '), formatDateTime(a.updatedAt),
      actions(button(t('kb.edit'), `kb-edit-${a.id}`, () => edit(a)),
        button(t('app.delete'), `kb-delete-${a.id}`, async () => {
          if (await confirmDialog({ title: t('app.delete'), text: t('kb.confirmDelete', { id: a.id }), confirm: t('app.delete'), danger: true })) {
            void change(status, () => del(`/kb/${seg(a.id)}`), reload);
          }
        }, 'btn btn-danger')),
    ]);
    return [
      panel(t('settings.tab.kb'), { 'data-testid': 'kb' },
        actions(button(t('kb.new'), 'kb-new', () => edit(null), 'btn btn-primary')),
        rows.length ? table([t('kb.colId'), t('kb.title'), t('kb.colTags'), t('campaigns.colUpdated'), ''], rows) : empty(t('kb.none')),
        status),
      editor,
    ];
  });
}

// ---- Staff users ----

const ROLES = ['agent', 'supervisor', 'operator'];

export function usersTab(): HTMLElement {
  if (!isOperator()) return errorBox(t('error.forbidden'));
  return loader(() => get<{ users: StaffUser[] }>('/users'), (r, reload) => {
    const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
    const rows = r.users.map((u) => {
      const role = h('select', { 'aria-label': `${t('users.role')}: ${u.login}`, 'data-testid': `user-role-${u.login}` },
        ROLES.map((x) => h('option', { value: x, selected: x === u.role }, roleName(x))));
      role.addEventListener('change', () => void change(status, () => patch(`/users/${seg(u.id)}`, { role: role.value }), reload));
      return [
        u.login, u.name, u.email, role,
        badge(u.disabled ? t('users.disabled') : t('users.active'), u.disabled ? 'bad' : 'ok'),
        button(u.disabled ? t('users.enable') : t('users.disable'), `user-toggle-${u.login}`,
          () => void change(status, () => patch(`/users/${seg(u.id)}`, { disabled: !u.disabled }), reload)),
      ];
    });
    const login = field(t('users.login'), { type: 'text', name: 'login', required: true, autocomplete: 'off' });
    const name = field(t('users.name'), { type: 'text', name: 'name', required: true });
    const email = field(t('users.email'), { type: 'email', name: 'email' });
    const role = selectField(t('users.role'), ROLES.map((x) => ({ value: x, label: roleName(x) })), { name: 'role' });
    const password = field(t('users.password'), { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 8, required: true });
    const form = h('form', { class: 'inline-form', 'data-testid': 'user-form' },
      h('div', { class: 'grid-3' }, login.wrap, name.wrap, email.wrap, role.wrap, password.wrap),
      actions(h('button', { type: 'submit', class: 'btn btn-primary' }, t('users.add'))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!login.input.value.trim() || !name.input.value.trim()) {
        status.replaceChildren(errorBox(t('form.required')));
        return;
      }
      if (password.input.value.length < 8) {
        status.replaceChildren(errorBox(t('users.errPassword')));
        password.input.focus();
        return;
      }
      void change(status, () => post('/users', {
        login: login.input.value.trim(), name: name.input.value.trim(), email: email.input.value.trim(),
        role: role.input.value, password: password.input.value,
      }), reload);
    });
    return [
      panel(t('settings.tab.users'), { 'data-testid': 'users' },
        rows.length
          ? table([t('users.login'), t('users.name'), t('users.email'), t('users.role'), t('users.state'), ''], rows)
          : empty(t('users.none')),
        status),
      panel(t('users.add'), {}, form),
    ];
  });
}

// ---- Audit log ----

const PAGE = 50;

function auditRows(entries: AuditEntry[]): HTMLElement[] {
  return entries.map((e) => {
    const who = (e.details as { name?: string } | null)?.name || e.actor;
    const subject = [e.account, e.homeId, e.deviceId].filter(Boolean).join(' / ');
    const kind = e.outcome === 'ok' ? 'ok' : e.outcome === 'denied' ? 'bad' : 'warn';
    return h('tr', {},
      h('td', {}, formatDateTime(e.time)),
      h('td', {}, who, ' ', h('span', { class: 'muted' }, `(${e.actorKind})`)),
      h('td', {}, h('code', {}, e.action)),
      h('td', {}, subject || '–'),
      h('td', {}, badge(t(`audit.outcome.${e.outcome}` as Key), kind)));
  });
}

export function auditTab(): HTMLElement {
  if (roleRank(currentSession()?.user.role) < 3) return errorBox(t('audit.forbidden'));
  const f = {
    actor: field(t('audit.actor'), { type: 'text', name: 'actor' }),
    action: field(t('audit.action'), { type: 'text', name: 'action' }),
    account: field(t('audit.account'), { type: 'text', name: 'account' }),
    homeId: field(t('audit.home'), { type: 'text', name: 'homeId' }),
    deviceId: field(t('audit.device'), { type: 'text', name: 'deviceId' }),
    from: field(t('audit.from'), { type: 'datetime-local', name: 'from' }),
    to: field(t('audit.to'), { type: 'datetime-local', name: 'to' }),
  };
  const tbody = h('tbody', {});
  const results = h('div', { 'data-testid': 'audit-results', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'btn', hidden: true, 'data-testid': 'audit-more' }, t('audit.more'));
  let offset = 0;
  const filter = (): AuditFilter => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.input.value])) as unknown as AuditFilter;
  const search = async (append: boolean) => {
    if (!append) offset = 0;
    more.hidden = true;
    const status = loading();
    results.append(status);
    try {
      const page = await get<AuditPage>(`/audit?${auditQuery(filter(), offset, PAGE)}`);
      status.remove();
      if (!append) tbody.replaceChildren();
      tbody.append(...auditRows(page.entries));
      offset += page.entries.length;
      more.hidden = !page.hasMore;
      results.replaceChildren(tbody.childElementCount
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
            h('thead', {}, h('tr', {}, [t('audit.colTime'), t('audit.colActor'), t('audit.colAction'), t('audit.colSubject'), t('audit.colOutcome')]
              .map((c) => h('th', { scope: 'col' }, c)))), tbody))
        : empty(t('audit.none')));
    } catch (e) {
      results.replaceChildren(errorBox(errorText(e)));
    }
  };
  more.addEventListener('click', () => void search(true));
  const form = h('form', { class: 'inline-form', 'data-testid': 'audit-form' },
    h('div', { class: 'grid-4' }, Object.values(f).map((x) => x.wrap)),
    actions(h('button', { type: 'submit', class: 'btn btn-primary' }, t('audit.search'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void search(false);
  });
  void search(false);
  return panel(t('settings.tab.audit'), { 'data-testid': 'audit' }, form, results, more);
}
