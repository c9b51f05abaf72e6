// Incidents (#/incidents): open ones, or those of the last seven days, by region and access
// node with the homes they affect; one incident's details at #/incident/<id>.
import { errorText, get, query, seg } from '../../staff/api';
import { formatDateTime, formatNumber, formatTime } from '../../staff/i18n';
import { badge, empty, h, loadInto, pageTitle, panel } from '../../staff/ui';
import { t, type Key } from '../i18n';
import { groupIncidents, isOpen } from '../model';
import { table, tabs } from '../parts';
import { hrefFor } from '../router';
import type { AccessNode, Incident, Page, Region } from '../types';

const DAY = 86_400_000;

export function stateBadge(state: string): HTMLElement {
  const kind = state === 'resolved' ? 'ok' : state === 'confirmed' ? 'bad' : 'warn';
  return badge(t(`incidents.state.${state}` as Key), kind, { 'data-testid': 'incident-state' });
}

interface Loaded { incidents: Incident[]; regions: Region[]; nodes: AccessNode[] }

async function load(recent: boolean, now: number): Promise<Loaded> {
  const q = recent
    ? query({ from: new Date(now - 7 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z'), limit: 500 })
    : query({ state: 'open', limit: 500 });
  const [inc, regions, nodes] = await Promise.all([
    get<{ incidents: Incident[] }>(`/incidents${q}`),
    get<Page<Region>>('/regions?limit=500').catch(() => ({ items: [] as Region[] })),
    get<Page<AccessNode>>('/access-nodes?limit=1000').catch(() => ({ items: [] as AccessNode[] })),
  ]);
  return { incidents: inc.incidents, regions: regions.items, nodes: nodes.items };
}

export function incidentsView(d: Loaded): HTMLElement[] {
  const groups = groupIncidents(d.incidents, d.regions, d.nodes);
  if (groups.length === 0) return [empty(t('incidents.none'))];
  const nodeName = new Map(d.nodes.map((n) => [n.id, n.name]));
  return groups.map((g) => panel(t('incidents.region', { name: g.name || '–' }), { 'data-testid': `incidents-region-${g.id}` },
    h('p', { class: 'muted' }, g.affectedHomes === 1 ? t('incidents.affectedOne') : t('incidents.affected', { n: formatNumber(g.affectedHomes) })),
    table(
      [t('incidents.colId'), t('incidents.colPlace'), t('incidents.colState'), t('incidents.colSince'), t('incidents.colHomes')],
      g.incidents.map((i) => [
        h('a', { href: hrefFor({ name: 'incident', id: String(i.id) }), 'data-testid': `incident-${i.id}` }, i.title || `#${i.id}`),
        i.scope === 'region' ? t('incidents.regionWide') : nodeName.get(i.accessNode) ?? i.accessNode,
        stateBadge(i.state),
        formatTime(i.confirmedAt ?? i.suspectedAt),
        formatNumber(i.homes.length),
      ]),
      {}, [4])));
}

export function incidentsPage(recent: boolean): HTMLElement {
  const slot = h('div', { class: 'page-body' });
  void loadInto(slot, () => load(recent, Date.now()), incidentsView, errorText);
  return h('div', { class: 'page', 'data-testid': 'incidents-page' },
    pageTitle(t('incidents.title')),
    tabs(t('incidents.show'), [
      { href: '#/incidents', text: t('incidents.open'), current: !recent },
      { href: '#/incidents?recent', text: t('incidents.recent'), current: recent },
    ]),
    slot);
}

export function incidentView(i: Incident): HTMLElement[] {
  const row = (key: Key, value: Node | string | null | undefined) =>
    value ? [h('dt', {}, t(key)), h('dd', {}, value)] : [];
  const scope = i.scope === 'region'
    ? t('incidents.scope.region', { region: i.region })
    : t('incidents.scope.access-node', { node: i.accessNode });
  return [
    panel(null, { 'data-testid': 'incident-detail' },
      h('dl', { class: 'kv' },
        row('incidents.colState', stateBadge(i.state)),
        row('incidents.scope', scope),
        row('incidents.cause', i.cause),
        row('incidents.suspectedAt', formatDateTime(i.suspectedAt)),
        row('incidents.confirmedAt', formatDateTime(i.confirmedAt)),
        row('incidents.resolvedAt', formatDateTime(i.resolvedAt)),
        isOpen(i) ? row('incidents.etr', formatDateTime(i.estimatedRepairAt)) : [],
        i.unreachable !== undefined ? row('incidents.unreachable', `${formatNumber(i.unreachable)} / ${formatNumber(i.nodeHomes ?? i.homes.length)}`) : [])),
    panel(`${t('incidents.homesList')} (${formatNumber(i.homes.length)})`, {},
      i.homes.length ? h('ul', { class: 'chips', 'data-testid': 'incident-homes' }, i.homes.map((x) => h('li', {}, x))) : empty()),
    i.notes?.length
      ? panel(t('incidents.notes'), {}, h('ul', { class: 'log' }, i.notes.map((n) =>
          h('li', {}, h('time', { datetime: n.time }, formatTime(n.time)), ' ', h('strong', {}, n.author), ': ', n.text))))
      : h('span', {}),
  ];
}

export function incidentPage(id: string): HTMLElement {
  const slot = h('div', { class: 'page-body' });
  void loadInto(slot, () => get<Incident>(`/incidents/${seg(id)}`), incidentView, errorText);
  return h('div', { class: 'page', 'data-testid': 'incident-page' },
    h('p', {}, h('a', { href: '#/incidents' }, t('nav.incidents'))),
    pageTitle(t('incidents.detail', { id })), slot);
}
