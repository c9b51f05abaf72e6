// The customer page (#/customer/<account>[/<homeId>]): first paint from one call to
// GET /homes/{id}/overview (incident banner, diagnosis, next action, map, devices, actions, open
// tickets), then the charts and the timeline load on their own.
import { errorText, get, seg } from '../../staff/api';
import { formatAgo, formatDateTime, formatTime } from '../../staff/i18n';
import { badge, empty, errorBox, h, loadInto, loading, pageTitle, panel } from '../../staff/ui';
import { t } from '../i18n';
import { hrefFor } from '../router';
import type { Customer, Entity, Evidence, Finding, Overview, RecommendedAction, Remedy, TicketSummary } from '../types';
import { actionsPanel, type ActionsPanel } from './actions';
import { actionLabel } from './labels';
import { networkMap } from './netmap';
import { telemetryPanel } from './telemetry';
import { stateKind, stateLabel } from './tickets';
import { timelinePanel } from './timeline';

export function severityKind(severity: string): string {
  const s = severity.toLowerCase();
  if (['critical', 'error', 'high', 'major', 'bad'].includes(s)) return 'bad';
  if (['warning', 'warn', 'medium', 'minor'].includes(s)) return 'warn';
  return 'info';
}

export function healthKind(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'muted';
  return score >= 80 ? 'ok' : score >= 50 ? 'warn' : 'bad';
}

export function entityText(e: Entity | undefined): string {
  if (!e) return '';
  if (typeof e === 'string') return e;
  return e.label || [e.kind, e.id].filter(Boolean).join(' ');
}

export function remedyText(r: Remedy | undefined): string {
  if (!r) return '';
  return typeof r === 'string' ? r : r.text || r.action || '';
}

// [name, value] pairs of either evidence form.
export function evidencePairs(ev: Evidence | undefined): [string, string][] {
  const show = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  if (!ev) return [];
  if (Array.isArray(ev)) return ev.map((e) => [e.name, `${show(e.value)}${e.unit ? ` ${e.unit}` : ''}`]);
  return Object.entries(ev).map(([k, v]) => [k, show(v)]);
}

export function evidenceList(ev: Evidence | undefined): HTMLElement | null {
  const pairs = evidencePairs(ev);
  if (pairs.length === 0) return null;
  return h('details', { class: 'evidence' },
    h('summary', {}, t('diag.evidence')),
    h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', { class: 'mono' }, v)])));
}

export function finding(f: Finding, testid: string | null): HTMLElement {
  const entity = entityText(f.entity);
  const remedy = remedyText(f.remedy);
  return h('article', { class: `finding finding-${severityKind(f.severity)}`, 'data-testid': testid, 'data-code': f.code },
    h('div', { class: 'finding-head' },
      badge(f.severity, severityKind(f.severity)), h('strong', { class: 'mono' }, f.code),
      f.title ? h('strong', {}, f.title) : null,
      entity ? h('span', { class: 'muted' }, t('diag.entity', { entity })) : null,
      f.since ? h('span', { class: 'muted' }, t('diag.since', { time: formatTime(f.since) })) : null),
    h('p', {}, f.agentText || f.customerText || ''),
    remedy ? h('p', { class: 'muted' }, t('diag.remedy', { text: remedy })) : null,
    evidenceList(f.evidence));
}

function incidentBanner(ov: Overview): HTMLElement | null {
  const inc = ov.status.incident;
  if (!inc) return null;
  return h('div', { class: 'incident-banner', role: 'alert', 'data-testid': 'incident-banner', 'data-incident': inc.id },
    h('p', {}, h('strong', {}, t('incident.banner', { id: inc.id, cause: inc.cause || inc.state }))),
    h('p', {}, [
      inc.since ? t('incident.since', { time: formatTime(inc.since) }) : '',
      inc.etr ? t('incident.etr', { time: formatTime(inc.etr) }) : '',
      t('incident.affected', { n: inc.affectedHomes }),
    ].filter(Boolean).join(' ')),
    h('p', {}, t('incident.advice')));
}

function nextAction(rec: RecommendedAction | null, actions: ActionsPanel): HTMLElement {
  const body: (Node | null)[] = [];
  if (!rec || rec.action === 'none') {
    body.push(h('p', {}, t('next.none')));
    if (rec?.reason) body.push(h('p', { class: 'muted' }, rec.reason));
  } else {
    body.push(h('p', {}, h('strong', {}, actionLabel(rec.action))), rec.reason ? h('p', {}, rec.reason) : null);
    if (rec.action === 'dispatch') {
      body.push(h('p', { class: 'muted' }, t('next.dispatch')));
    } else if (actions.supports(rec)) {
      body.push(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'next-action',
        onclick: () => actions.recommended(rec) }, t('next.run', { action: actionLabel(rec.action) })));
    }
  }
  return panel(t('next.title'), { class: 'panel next-action', 'data-testid': 'recommended-action' }, ...body);
}

function diagnosisPanel(ov: Overview): HTMLElement {
  const d = ov.diagnosis;
    return panel(t('diag.title'), {},
    h('div', { class: 'health-line' }, t('diag.health'), ' ',
      badge(d.health === null || d.health === undefined ? t('diag.unknown') : t('diag.healthValue', { score: Math.round(d.health) }),
        healthKind(d.health), { 'data-testid': 'health-score' })),
    h('h3', {}, t('diag.primary')),
    d.primaryCause ? finding(d.primaryCause, 'primary-cause') : h('p', { 'data-testid': 'primary-cause', class: 'good' }, t('diag.noPrimary')),
    h('h3', {}, t('diag.findings')),
    d.findings.length
      ? h('div', { class: 'findings' }, d.findings.map((f) => finding(f, `finding-${f.code}`)))
      : empty(t('diag.noFindings')));
}

// One compact block a device (the side column is too narrow for a six-column table).
function devicesPanel(ov: Overview): HTMLElement {
  if (ov.devices.length === 0) return panel(t('devices.title'), {}, empty(t('actions.noDevice')));
  return panel(t('devices.title'), {},
    h('ul', { class: 'device-list' }, ov.devices.map((d) => h('li', { 'data-testid': 'device', 'data-serial': d.serial },
      h('div', { class: 'device-head' }, h('strong', {}, d.model), ' ', h('span', { class: 'muted' }, d.role), ' ',
        badge(d.online ? t('map.online') : t('map.offline'), d.online ? 'ok' : 'bad')),
      h('div', { class: 'mono' }, d.serial),
      h('div', { class: 'muted' }, `${t('col.firmware')} ${d.softwareVersion} · ${t('col.lastInform')} `,
        h('span', { title: formatDateTime(d.lastInform) }, formatAgo(d.lastInform)))))));
}

function ticketsPanel(list: TicketSummary[]): HTMLElement | null {
  if (list.length === 0) return null;
  // Compact for the side column: the customer is the page's own.
  return panel(t('customer.openTickets'), {}, h('ul', { class: 'device-list' }, list.map((tk) =>
    h('li', { 'data-testid': 'ticket-row', 'data-ticket': tk.id },
      h('div', { class: 'device-head' }, h('a', { href: hrefFor({ name: 'ticket', id: tk.id }) }, tk.subject || tk.id), ' ',
        badge(stateLabel(tk.state), stateKind(tk.state))),
      h('div', { class: 'muted' }, [tk.causeCode ?? '', tk.assigneeName || tk.assignee || t('tickets.unassigned')].filter(Boolean).join(' · '), ' · ',
        h('span', { title: formatDateTime(tk.updatedAt) }, formatAgo(tk.updatedAt)))))));
}

function customerFacts(c: { account: string; email?: string; street?: string; postalCode?: string; city?: string }, extra: [string, string][] = []): HTMLElement {
  const address = [c.street, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const rows: [string, string][] = [[t('customer.account'), c.account], [t('customer.email'), c.email ?? ''], [t('customer.address'), address], ...extra];
  return h('dl', { class: 'kv facts' }, rows.filter(([, v]) => v).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function homePage(wrap: HTMLElement, ov: Overview): void {
  const actions = actionsPanel(ov);
  const statusLine = ov.status.kind === 'incident' ? null
    : h('p', { class: 'muted' }, ov.status.kind === 'home-problem' ? t('customer.status.homeProblem') : t('customer.status.ok'));
  wrap.replaceChildren(
    pageTitle(ov.customer.name || ov.customer.account, h('span', { class: 'mono muted' }, ov.customer.account)),
    incidentBanner(ov) ?? statusLine ?? '',
    h('div', { class: 'customer-grid' },
      h('div', { class: 'col-main' },
        diagnosisPanel(ov),
        panel(t('map.title'), {}, networkMap(ov.map)),
        telemetryPanel(ov),
        timelinePanel(ov.home.id)),
      h('div', { class: 'col-side' },
        panel(null, {}, customerFacts(ov.customer, [
          [t('customer.home'), ov.home.id], [t('customer.accessNode'), ov.home.accessNode], [t('customer.region'), ov.home.region]])),
        nextAction(ov.recommendedAction, actions),
        actions.el,
        devicesPanel(ov),
        ticketsPanel(ov.openTickets))));
}

export function customerPage(account: string, homeId: string | null): HTMLElement {
  const wrap = h('div', { class: 'customer-page' }, pageTitle(account), loading());
  if (homeId) {
    get<Overview>(`/homes/${seg(homeId)}/overview`)
      .then((ov) => homePage(wrap, ov))
      .catch((e) => wrap.replaceChildren(pageTitle(account), errorBox(errorText(e), () => location.reload())));
    return wrap;
  }
  const slot = h('div', {});
  wrap.replaceChildren(pageTitle(account), slot);
  void loadInto(slot, () => get<Customer>(`/customers/${seg(account)}`), (c) => {
    if (c.homes.length === 1) {
      location.replace(hrefFor({ name: 'customer', account, homeId: c.homes[0].id }));
      return loading();
    }
    const title = wrap.querySelector('h1');
    if (title) title.textContent = c.name || c.account;
    return [
      panel(null, {}, customerFacts(c)),
      panel(t('customer.homes'), {}, c.homes.length === 0 ? empty(t('customer.noHome')) : h('ul', {}, c.homes.map((home) => h('li', {},
        h('a', { href: hrefFor({ name: 'customer', account, homeId: home.id }) }, home.id), ' ',
        h('span', { class: 'muted' }, `${t('customer.accessNode')}: ${home.accessNode}`))))),
      ticketsPanel(c.openTickets) ?? h('span', {}),
    ];
  }, errorText);
  return wrap;
}
