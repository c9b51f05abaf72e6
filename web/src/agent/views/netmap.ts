// The agent's view of the home network: the internet, the gateway and the extenders below their
// parents (offline ones marked, Wi-Fi backhaul dashed), each with its number of connected
// devices, and the table of those devices with band and signal.
import { formatNumber } from '../../staff/i18n';
import { badge, empty, h, s } from '../../staff/ui';
import { t } from '../i18n';
import type { MapNode, MapStation } from '../types';

export interface Placed {
  node: MapNode;
  x: number;
  y: number;
  parent: number;  // index into the placed list; -1 for the internet
}

const ROW = 84;

// Each node one row below its parent (a missing parent or a loop counts as the gateway), the
// nodes of a row spread evenly; the gateway first.
export function placeNodes(nodes: MapNode[], width: number): Placed[] {
  if (nodes.length === 0) return [];
  const gi = Math.max(0, nodes.findIndex((n) => n.role === 'gateway'));
  const order = [nodes[gi], ...nodes.filter((_, i) => i !== gi)];
  const index = new Map(order.map((n, i) => [n.id, i]));
  const parentOf = order.map((n, i) => (i === 0 ? -1 : index.get(n.parent ?? '') ?? 0));
  const depth = order.map((_, i) => {
    let d = 0;
    const seen = new Set<number>([i]);
    for (let p = parentOf[i]; p >= 0 && !seen.has(p); p = parentOf[p]) {
      seen.add(p);
      d += 1;
    }
    return i === 0 ? 0 : Math.max(1, d);
  });
  // A loop leaves a node without a way up: hang it under the gateway.
  const parents = parentOf.map((p, i) => (i > 0 && depth[p] !== depth[i] - 1 ? 0 : p));
  const rows = new Map<number, number[]>();
  depth.forEach((d, i) => rows.set(d, [...(rows.get(d) ?? []), i]));
  const out: Placed[] = order.map((node, i) => ({ node, x: width / 2, y: 96, parent: parents[i] }));
  for (const [d, members] of rows) {
    members.forEach((i, k) => {
      out[i].x = Math.round((width * (k + 1)) / (members.length + 1));
      out[i].y = 96 + d * ROW;
    });
  }
  return out;
}

export function signalKind(dbm: number | null): string {
  if (dbm === null || dbm === undefined) return 'muted';
  return dbm >= -65 ? 'ok' : dbm >= -75 ? 'warn' : 'bad';
}

function backhaulKind(n: MapNode): string {
  const b = n.backhaul;
  return typeof b === 'string' ? b : b?.kind ?? '';
}

export function networkMap(map: { nodes: MapNode[]; stations: MapStation[] }): HTMLElement {
  const W = 560;
  const placed = placeNodes(map.nodes, W);
  const H = Math.max(...placed.map((p) => p.y), 96) + 34;
  const count = (id: string) => map.stations.filter((st) => st.node === id).length;
  const label = t('map.label', { nodes: map.nodes.length, stations: map.stations.length });
  const svg = s('svg', { class: 'agent-map', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label },
    s('title', {}, label),
    s('g', { class: 'map-cloud' },
      s('ellipse', { cx: W / 2, cy: 26, rx: 52, ry: 18 }),
      s('text', { x: W / 2, y: 30, 'text-anchor': 'middle' }, t('map.internet'))),
    placed.map((p) => {
      const from = p.parent < 0 ? { x: W / 2, y: 44 } : { x: placed[p.parent].x, y: placed[p.parent].y + 20 };
      const cls = `map-link${backhaulKind(p.node) === 'wifi' ? ' map-link-wifi' : ''}${p.node.online ? '' : ' map-link-down'}`;
      return s('line', { x1: from.x, y1: from.y, x2: p.x, y2: p.y - 20, class: cls });
    }),
    placed.map((p) => s('g', { class: `map-node ${p.node.online ? 'map-online' : 'map-offline'}`, 'data-node': p.node.id },
      s('rect', { x: p.x - 62, y: p.y - 20, width: 124, height: 40, rx: 6 }),
      s('text', { x: p.x, y: p.y - 4, 'text-anchor': 'middle', class: 'map-model' }, p.node.model || p.node.id || p.node.role),
      s('text', { x: p.x, y: p.y + 12, 'text-anchor': 'middle', class: 'map-sub' },
        `${p.node.online ? t('map.online') : t('map.offline')} · ${count(p.node.id)}`))));
  const nodeName = (id: string | null) => {
    const n = map.nodes.find((x) => x.id === id);
    return n ? n.model || n.id : id ?? '–';
  };
  const table = map.stations.length === 0 ? empty(t('map.noStations')) : h('div', { class: 'table-wrap' },
    h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('map.stations')),
      h('thead', {}, h('tr', {}, [t('col.name'), t('col.mac'), t('col.node'), t('col.band'), t('col.signal')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, [...map.stations].sort((a, b) => (a.signal ?? -200) - (b.signal ?? -200)).map((st) => h('tr', {},
        h('td', {}, st.name || '–'), h('td', { class: 'mono' }, st.mac), h('td', {}, nodeName(st.node)), h('td', {}, st.band),
        h('td', {}, st.signal === null || st.signal === undefined ? '–' : badge(t('signal.dbm', { n: formatNumber(st.signal) }), signalKind(st.signal))))))));
  return h('div', { class: 'netmap-wrap', 'data-testid': 'network-map' }, svg, h('h3', {}, t('map.stations')), table);
}
