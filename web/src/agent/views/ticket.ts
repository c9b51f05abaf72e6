// One ticket (#/ticket/<id>): its facts, the self-service snapshot (symptom, the customer's words,
// the steps taken, the diagnosis then), comments, assignment and state changes, links to the
// customer page and to the incident.
import { errorText, get, patch, post, seg } from '../../staff/api';
import { formatDateTime, formatTime } from '../../staff/i18n';
import { badge, empty, errorBox, h, loading, nextId, notice, pageTitle, panel, selectField } from '../../staff/ui';
import { t } from '../i18n';
import { TICKET_STATES, hrefFor } from '../router';
import type { Finding, TicketDetail } from '../types';
import { finding } from './customer';
import { stateKind, stateLabel } from './tickets';

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const o = v as Record<string, unknown>;
  for (const k of ['text', 'title', 'agentText', 'message', 'label', 'name', 'id']) if (typeof o[k] === 'string') return o[k] as string;
  return JSON.stringify(v);
}

// The diagnosis snapshot: health, primary cause and findings when it has them, else its fields.
function diagnosisView(d: unknown): HTMLElement {
  if (!d || typeof d !== 'object') return h('p', {}, text(d));
  const o = d as { health?: number | null; primary?: string | null; primaryCause?: Finding | null; findings?: Finding[] };
  const parts: (Node | null)[] = [];
  if (typeof o.health === 'number') parts.push(h('p', {}, `${t('diag.health')}: ${t('diag.healthValue', { score: Math.round(o.health) })}`));
  const primary = o.primaryCause?.code ?? o.primary ?? null;
  if (primary) parts.push(h('p', {}, `${t('diag.primary')}: `, h('strong', { class: 'mono' }, primary)));
  if (Array.isArray(o.findings)) {
    parts.push(o.findings.length === 0 ? h('p', {}, t('diag.noFindings')) : h('div', { class: 'findings' }, o.findings.map((f) => finding(f, null))));
  }
  if (parts.length === 0) parts.push(h('pre', { class: 'mono pre' }, JSON.stringify(d, null, 2)));
  return h('div', {}, ...parts);
}

interface Evaluation {
  steps?: { check?: string; outcome?: string; text?: unknown }[];
  verdict?: { kind?: string; text?: unknown };
}

function outcomeKind(outcome: string | undefined): string {
  if (!outcome) return 'muted';
  if (/^(ok|pass|passed|good|done)$/i.test(outcome)) return 'ok';
  if (/fail|bad|problem|fault/i.test(outcome)) return 'bad';
  return 'warn';
}

// What the customer went through: the checks of each evaluation with their verdicts, then the
// fixes they applied. Older snapshots may be a plain list.
function stepsView(steps: unknown): (Node | null)[] {
  if (Array.isArray(steps)) return steps.length ? [h('ol', { class: 'steps' }, steps.map((x) => h('li', {}, text(x))))] : [];
  if (!steps || typeof steps !== 'object') return [];
  const o = steps as { evaluations?: Evaluation[]; actions?: { fix?: string; state?: string; text?: unknown; verified?: unknown }[] };
  const out: (Node | null)[] = [];
  for (const ev of o.evaluations ?? []) {
    const list = ev.steps ?? [];
    if (list.length) {
      out.push(h('ol', { class: 'steps' }, list.map((st) => h('li', {},
        st.outcome ? badge(st.outcome, outcomeKind(st.outcome)) : null, ' ', text(st.text) || st.check || ''))));
    }
    if (ev.verdict && text(ev.verdict.text)) out.push(h('p', { class: 'verdict' }, h('strong', {}, text(ev.verdict.text))));
  }
  for (const a of o.actions ?? []) {
    out.push(h('p', {}, badge(a.state ?? '', outcomeKind(a.state)), ' ', h('strong', {}, a.fix ?? ''), ' ', text(a.text)));
  }
  return out;
}

function snapshot(tk: TicketDetail): HTMLElement {
  const diag = tk.diagnosis as Record<string, unknown> | undefined;
  const symptom = tk.symptom || (diag && typeof diag.symptom === 'string' ? diag.symptom : '');
  const steps = stepsView(tk.steps);
  if (!symptom && !tk.words && steps.length === 0 && !tk.diagnosis) {
    return panel(t('ticket.snapshot'), { 'data-testid': 'ticket-snapshot' }, empty(t('ticket.noSnapshot')));
  }
  return panel(t('ticket.snapshot'), { 'data-testid': 'ticket-snapshot' },
    h('dl', { class: 'kv' },
      symptom ? [h('dt', {}, t('ticket.symptom')), h('dd', {}, symptom)] : null,
      tk.words ? [h('dt', {}, t('ticket.words')), h('dd', { class: 'words' }, tk.words)] : null),
    steps.length ? [h('h3', {}, t('ticket.steps')), ...steps] : null,
    tk.diagnosis ? [h('h3', {}, t('ticket.diagnosis')), diagnosisView(tk.diagnosis)] : null);
}

function comments(tk: TicketDetail, reload: () => void): HTMLElement {
  const id = nextId('comment');
  const area = h('textarea', { id, name: 'comment', rows: 3, required: true, 'data-testid': 'comment-text' });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('ticket.addComment'));
  const form = h('form', { class: 'comment-form' }, h('label', { for: id }, t('ticket.comment')), area, status, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!area.value.trim()) return area.focus();
    submit.disabled = true;
    try {
      await post(`/tickets/${seg(tk.id)}/comments`, { text: area.value.trim() });
      reload();
    } catch (e) {
      status.replaceChildren(errorBox(errorText(e)));
      submit.disabled = false;
    }
  });
  return panel(t('ticket.comments'), { 'data-testid': 'comments' },
    tk.comments.length === 0 ? empty(t('ticket.noComments')) : h('ol', { class: 'comments' }, tk.comments.map((c) => h('li', {},
      h('div', { class: 'muted' }, h('strong', {}, c.authorName || c.author), ' · ', h('time', { datetime: c.time, title: formatDateTime(c.time) }, formatTime(c.time))),
      h('p', { class: 'words' }, c.text)))),
    form);
}

function controls(tk: TicketDetail, reload: () => void): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const change = async (body: Record<string, string>) => {
    try {
      await patch(`/tickets/${seg(tk.id)}`, body);
      reload();
    } catch (e) {
      status.replaceChildren(errorBox(errorText(e)));
    }
  };
  const state = selectField(t('ticket.state'), TICKET_STATES.map((s) => ({ value: s, label: stateLabel(s) })), { 'data-testid': 'ticket-state' });
  state.input.value = tk.state;
  const stateForm = h('form', { class: 'inline-form' }, state.wrap, h('button', { type: 'submit', class: 'btn' }, t('ticket.setState')));
  stateForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (state.input.value !== tk.state) void change({ state: state.input.value });
  });
  return panel(null, {},
    h('dl', { class: 'kv' },
      h('dt', {}, t('col.state')), h('dd', {}, badge(stateLabel(tk.state), stateKind(tk.state), { 'data-testid': 'ticket-state-badge' })),
      h('dt', {}, t('col.customer')), h('dd', {}, h('a', { href: hrefFor({ name: 'customer', account: tk.account, homeId: tk.homeId || null }), 'data-testid': 'ticket-customer' },
        `${tk.customerName || tk.account} – ${t('ticket.customer')}`)),
      tk.incidentId ? [h('dt', {}, t('kind.incident')), h('dd', {}, h('a', { href: `/ops/#/incident/${encodeURIComponent(tk.incidentId)}`, 'data-testid': 'ticket-incident' },
        t('ticket.incident', { id: tk.incidentId })))] : null,
      h('dt', {}, t('col.source')), h('dd', {}, tk.source),
      tk.causeCode ? [h('dt', {}, t('col.cause')), h('dd', { class: 'mono' }, tk.causeCode)] : null,
      h('dt', {}, t('ticket.assignee')), h('dd', {}, tk.assigneeName || tk.assignee || t('tickets.unassigned'), ' ',
        h('button', { type: 'button', class: 'btn', 'data-testid': tk.assignee ? 'unassign' : 'assign-me',
          onclick: () => void change({ assignee: tk.assignee ? '' : 'me' }) }, tk.assignee ? t('ticket.unassign') : t('tickets.assignMe'))),
      h('dt', {}, t('col.updated')), h('dd', {}, formatDateTime(tk.updatedAt))),
    stateForm, status);
}

export function ticketPage(id: string): HTMLElement {
  const wrap = h('div', { class: 'ticket-page' }, pageTitle(t('ticket.title', { id })), loading());
  let saved = false;
  const load = () => {
    get<TicketDetail>(`/tickets/${seg(id)}`).then((tk) => {
      const title = pageTitle(tk.subject || t('ticket.title', { id }), h('span', { class: 'mono muted' }, t('ticket.title', { id })));
      wrap.replaceChildren(title, saved ? notice(t('ticket.saved'), 'ok') : '',
        h('div', { class: 'customer-grid' },
          h('div', { class: 'col-main' }, snapshot(tk), comments({ ...tk, comments: tk.comments ?? [] }, reload)),
          h('div', { class: 'col-side' }, controls(tk, reload))));
    }).catch((e) => wrap.replaceChildren(pageTitle(t('ticket.title', { id })), errorBox(errorText(e), load)));
  };
  const reload = () => {
    saved = true;
    load();
  };
  load();
  return wrap;
}
