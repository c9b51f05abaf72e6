// What people would rather see than read, drawn as inline SVG: signal bars, the health chart
// and the map of the home network. Geometry is computed by pure functions (tested); colours come
// from the stylesheet through classes, never inline styles.
import { t, tn } from '../i18n';
import { s } from './dom';
import { formatWeekday } from './format';
import type { NetNode, Station } from './types';

export function signalBars(bars: number, label: string): SVGElement {
  const n = Math.max(0, Math.min(4, Math.round(bars)));
  const rects = [0, 1, 2, 3].map((i) =>
    s('rect', { x: i * 5, y: 12 - i * 4, width: 3.5, height: 4 + i * 4, rx: 0.8, class: i < n ? 'bar-on' : 'bar-off' }),
  );
  return s('svg', { class: `bars bars-${n}`, viewBox: '0 0 19 16', width: 19, height: 16, role: 'img', 'aria-label': label },
    s('title', {}, label), ...rects);
}

export interface ChartGeometry {
  line: string;  // the path of the score
  area: string;  // the same, closed to the bottom
  days: { x: number; label: string }[];
  min: number;
  max: number;
  last: number;
}

// Scales points (epoch ms, score 0..100) into a width x height box inside `pad`.
export function chartGeometry(points: { t: number; health: number }[], from: number, to: number,
                              width: number, height: number, pad = { left: 28, right: 8, top: 8, bottom: 20 }): ChartGeometry | null {
  const pts = points.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.health)).sort((a, b) => a.t - b.t);
  if (pts.length === 0 || to <= from) return null;
  const w = width - pad.left - pad.right;
  const hh = height - pad.top - pad.bottom;
  const x = (ms: number) => pad.left + ((Math.min(Math.max(ms, from), to) - from) / (to - from)) * w;
  const y = (v: number) => pad.top + (1 - Math.min(Math.max(v, 0), 100) / 100) * hh;
  const r = (v: number) => Math.round(v * 10) / 10;
  const line = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(x(p.t))},${r(y(p.health))}`).join(' ');
  const bottom = r(pad.top + hh);
  const area = `${line} L${r(x(pts[pts.length - 1].t))},${bottom} L${r(x(pts[0].t))},${bottom} Z`;
  const days: { x: number; label: string }[] = [];
  const day = 86_400_000;
  const start = new Date(from);
  start.setHours(0, 0, 0, 0);
  const span = Math.ceil((to - from) / day);
  const step = span > 10 ? Math.ceil(span / 7) : 1;
  for (let d = start.getTime() + day, i = 0; d < to; d += day, i++) {
    if (i % step === 0) days.push({ x: r(x(d)), label: formatWeekday(d) });
  }
  const values = pts.map((p) => p.health);
  return { line, area, days, min: Math.min(...values), max: Math.max(...values), last: values[values.length - 1] };
}

export function healthChart(points: { t: number; health: number }[], from: number, to: number, days: number): SVGElement {
  const W = 320;
  const H = 140;
  const g = chartGeometry(points, from, to, W, H);
  const label = g
    ? t('home.healthChart', { days, min: g.min, max: g.max, now: g.last })
    : t('home.healthChartEmpty');
  const grid = [0, 50, 80, 100].map((v) => {
    const yy = 8 + (1 - v / 100) * (H - 28);
    return [
      s('line', { x1: 28, x2: W - 8, y1: yy, y2: yy, class: v === 80 ? 'grid grid-good' : 'grid' }),
      s('text', { x: 22, y: yy + 3.5, class: 'axis', 'text-anchor': 'end' }, String(v)),
    ];
  });
  return s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, 'data-testid': 'health-chart', preserveAspectRatio: 'xMidYMid meet' },
    s('title', {}, label),
    grid,
    g ? [
      s('path', { d: g.area, class: 'chart-area' }),
      s('path', { d: g.line, class: 'chart-line' }),
      g.days.map((d) => s('text', { x: d.x, y: H - 5, class: 'axis', 'text-anchor': 'middle' }, d.label)),
    ] : s('text', { x: W / 2, y: H / 2, class: 'axis', 'text-anchor': 'middle' }, label));
}

export interface MapLayout {
  nodes: { x: number; y: number; depth: number }[];
  height: number;
}

// Places the gateway under the internet and each extender one row below its parent, the nodes
// of a row spread evenly. Parents that point nowhere (or in a loop) count as the gateway.
export function mapLayout(nodes: NetNode[], width: number): MapLayout {
  const depth = nodes.map(() => 0);
  for (let i = 0; i < nodes.length; i++) {
    let d = 0;
    let p = nodes[i].parent;
    const seen = new Set<number>([i]);
    while (p >= 0 && p < nodes.length && !seen.has(p)) {
      seen.add(p);
      d += 1;
      p = nodes[p].parent;
    }
    depth[i] = nodes[i].role === 'gateway' ? 0 : Math.max(1, d);
  }
  const rows = new Map<number, number[]>();
  depth.forEach((d, i) => rows.set(d, [...(rows.get(d) ?? []), i]));
  const top = 92;  // below the internet
  const rowH = 104;
  const out = nodes.map(() => ({ x: width / 2, y: top, depth: 0 }));
  for (const [d, members] of rows) {
    members.forEach((i, k) => {
      out[i] = { x: Math.round((width * (k + 1)) / (members.length + 1)), y: top + d * rowH, depth: d };
    });
  }
  const maxDepth = Math.max(0, ...depth);
  return { nodes: out, height: top + maxDepth * rowH + 56 };
}

function nodeIcon(x: number, y: number, role: NetNode['role']): SVGElement {
  if (role === 'gateway') {
    return s('g', { class: 'node node-gateway' },
      s('rect', { x: x - 22, y: y - 14, width: 44, height: 28, rx: 6 }),
      s('path', { d: `M${x - 12},${y - 14} l-4,-10 M${x + 12},${y - 14} l4,-10`, class: 'antenna' }),
      s('circle', { cx: x - 10, cy: y + 4, r: 2.5, class: 'led' }),
      s('circle', { cx: x, cy: y + 4, r: 2.5, class: 'led' }),
      s('circle', { cx: x + 10, cy: y + 4, r: 2.5, class: 'led' }));
  }
  return s('g', { class: 'node node-extender' },
    s('rect', { x: x - 14, y: y - 16, width: 28, height: 32, rx: 8 }),
    s('circle', { cx: x, cy: y + 6, r: 2.5, class: 'led' }));
}

export function networkMap(nodes: NetNode[], stations: Station[], wanUp: boolean | null): SVGElement {
  const W = 320;
  const layout = mapLayout(nodes, W);
  const perNode = nodes.map((_, i) => stations.filter((st) => st.node === i).length);
  const summary = t('home.mapLabel', {
    nodes: tn('home.nodesOne', 'home.nodesOther', nodes.length),
    devices: tn('home.devicesOne', 'home.devicesOther', stations.length),
  });
  const links: SVGElement[] = [];
  const cloud = { x: W / 2, y: 30 };
  nodes.forEach((n, i) => {
    const p = layout.nodes[i];
    if (n.role === 'gateway') {
      links.push(s('line', { x1: cloud.x, y1: cloud.y + 14, x2: p.x, y2: p.y - 24,
        class: wanUp === false ? 'link link-down' : 'link' }));
      return;
    }
    const parent = n.parent >= 0 && n.parent < nodes.length ? layout.nodes[n.parent] : layout.nodes[0];
    if (!parent) return;
    // From below the parent's name and count, so the line crosses no text.
    links.push(s('line', { x1: parent.x, y1: parent.y + 52, x2: p.x, y2: p.y - 20,
      class: n.backhaul === 'wifi' ? 'link link-wifi' : 'link' }));
  });
  const drawn = nodes.map((n, i) => {
    const p = layout.nodes[i];
    const count = perNode[i];
    return s('g', {},
      nodeIcon(p.x, p.y, n.role),
      s('text', { x: p.x, y: p.y + 32, class: 'node-name', 'text-anchor': 'middle' }, n.name || t(n.role === 'gateway' ? 'home.gateway' : 'home.extender')),
      s('text', { x: p.x, y: p.y + 46, class: 'node-count', 'text-anchor': 'middle' }, tn('home.devicesOne', 'home.devicesOther', count)));
  });
  return s('svg', { class: 'netmap', viewBox: `0 0 ${W} ${layout.height}`, role: 'img', 'aria-label': summary, 'data-testid': 'network-map' },
    s('title', {}, summary),
    links,
    s('g', { class: wanUp === false ? 'cloud cloud-down' : 'cloud' },
      s('path', { d: `M${cloud.x - 26},${cloud.y + 12} a12,12 0 0 1 2,-22 a16,16 0 0 1 28,-6 a12,12 0 0 1 20,10 a10,10 0 0 1 2,18 z` }),
      s('text', { x: cloud.x, y: cloud.y + 5, 'text-anchor': 'middle', class: 'cloud-label' }, t('home.internet'))),
    drawn);
}
