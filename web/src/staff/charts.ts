// Charts for the staff apps, drawn as inline SVG: a line/area chart on a time axis with several
// series and an optional min/max band, a horizontal bar chart, a histogram and a donut. The
// geometry is in pure functions (charts.test.ts); colours come from the stylesheet through the
// classes series-0..5 and the caller's classes, never inline styles. Each chart has a text
// alternative (role="img" with a label and <title>) built by the caller or from the data.
import { formatAxisTime, formatNumber, st } from './i18n';
import { h, s } from './ui';

export interface Point {
  t: number;  // epoch ms
  v: number | null;
  min?: number | null;
  max?: number | null;
}

export interface Series {
  name: string;
  points: Point[];
  area?: boolean;  // fill below the line
  cls?: string;  // a colour class; series-<index> when absent
}

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

// Round bounds and 3-6 ticks covering lo..hi (1, 2, 2.5 or 5 times a power of ten apart).
export function niceScale(lo: number, hi: number, want = 4): Scale {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { min: 0, max: 1, ticks: [0, 1] };
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / want;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= raw) ?? 10 * p;
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { min, max, ticks };
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

// Tick times between from and to on local hour or day boundaries, at most `max` of them.
export function timeTicks(from: number, to: number, max = 6): number[] {
  if (!(to > from)) return [];
  const steps = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];
  const step = steps.find((st) => (to - from) / st <= max) ?? steps[steps.length - 1];
  const out: number[] = [];
  const d = new Date(from);
  if (step < DAY) {
    d.setMinutes(0, 0, 0);
    const hours = step / HOUR;
    while (d.getTime() < from || d.getHours() % hours !== 0) d.setHours(d.getHours() + 1);
    for (; d.getTime() <= to; d.setHours(d.getHours() + hours)) out.push(d.getTime());
  } else {
    d.setHours(0, 0, 0, 0);
    if (d.getTime() < from) d.setDate(d.getDate() + 1);
    const days = step / DAY;
    for (; d.getTime() <= to; d.setDate(d.getDate() + days)) out.push(d.getTime());
  }
  return out;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

// The SVG path of a series; a null value or a gap of more than `maxGap` ms starts a new piece.
export function linePath(points: Point[], x: (t: number) => number, y: (v: number) => number, maxGap = Infinity): string {
  let out = '';
  let prev: number | null = null;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      prev = null;
      continue;
    }
    const move = prev === null || p.t - prev > maxGap;
    out += `${out ? ' ' : ''}${move ? 'M' : 'L'}${r1(x(p.t))},${r1(y(p.v))}`;
    prev = p.t;
  }
  return out;
}

// The closed min/max band of the points that have both (hourly rollups), '' when none.
export function bandPath(points: Point[], x: (t: number) => number, y: (v: number) => number): string {
  const pts = points.filter((p) => p.min != null && p.max != null && Number.isFinite(p.min) && Number.isFinite(p.max));
  if (pts.length < 2) return '';
  const top = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${r1(x(p.t))},${r1(y(p.max as number))}`);
  const bottom = [...pts].reverse().map((p) => `L${r1(x(p.t))},${r1(y(p.min as number))}`);
  return `${top.join(' ')} ${bottom.join(' ')} Z`;
}

export interface LineChartOptions {
  label: string;  // what the chart shows, for the text alternative
  from: number;
  to: number;
  series: Series[];
  yMin?: number;  // fixed bounds (e.g. 0..100); else from the data
  yMax?: number;
  format?: (v: number) => string;  // tick and summary values
  testid?: string;
  width?: number;
  height?: number;
  maxGap?: number;
}

function extent(series: Series[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const se of series) {
    for (const p of se.points) {
      for (const v of [p.v, p.min, p.max]) {
        if (v != null && Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
  }
  return [lo, hi];
}

// One sentence per series for screen readers: latest value and range.
export function seriesSummary(se: Series, format: (v: number) => string): string {
  const vals = se.points.map((p) => p.v).filter((v): v is number => v !== null && Number.isFinite(v));
  if (vals.length === 0) return `${se.name}: ${st('chart.noData')}`;
  return st('chart.summary', { name: se.name, last: format(vals[vals.length - 1]), min: format(Math.min(...vals)), max: format(Math.max(...vals)) });
}

export function lineChart(o: LineChartOptions): HTMLElement {
  const W = o.width ?? 640;
  const H = o.height ?? 170;
  const pad = { left: 44, right: 10, top: 10, bottom: 24 };
  const fmt = o.format ?? ((v: number) => formatNumber(v, 1));
  const [lo, hi] = extent(o.series);
  const hasData = Number.isFinite(lo);
  const scale = niceScale(o.yMin ?? (hasData ? lo : 0), o.yMax ?? (hasData ? hi : 1));
  if (o.yMin !== undefined) scale.min = o.yMin;
  if (o.yMax !== undefined) scale.max = o.yMax;
  const ticks = scale.ticks.filter((v) => v >= scale.min && v <= scale.max);
  const w = W - pad.left - pad.right;
  const hh = H - pad.top - pad.bottom;
  const x = (t: number) => pad.left + ((Math.min(Math.max(t, o.from), o.to) - o.from) / Math.max(1, o.to - o.from)) * w;
  const y = (v: number) => pad.top + (1 - (Math.min(Math.max(v, scale.min), scale.max) - scale.min) / Math.max(1e-9, scale.max - scale.min)) * hh;
  const summaries = o.series.map((se) => seriesSummary(se, fmt));
  const label = [o.label, ...summaries].join('. ');
  const span = o.to - o.from;
  const svg = s('svg', { class: 'schart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'none' },
    s('title', {}, label),
    ticks.map((v) => [
      s('line', { x1: pad.left, x2: W - pad.right, y1: r1(y(v)), y2: r1(y(v)), class: 'grid' }),
      s('text', { x: pad.left - 4, y: r1(y(v)) + 3.5, class: 'axis', 'text-anchor': 'end' }, fmt(v)),
    ]),
    timeTicks(o.from, o.to).map((tt) => [
      s('line', { x1: r1(x(tt)), x2: r1(x(tt)), y1: pad.top, y2: H - pad.bottom, class: 'grid grid-v' }),
      s('text', { x: r1(x(tt)), y: H - 7, class: 'axis', 'text-anchor': 'middle' }, formatAxisTime(tt, span)),
    ]),
    o.series.map((se, i) => {
      const cls = se.cls ?? `series-${i % 6}`;
      const pts = [...se.points].sort((a, b) => a.t - b.t);
      const line = linePath(pts, x, y, o.maxGap);
      const band = bandPath(pts, x, y);
      const area = se.area && line
        ? `${line} L${r1(x(pts[pts.length - 1].t))},${r1(pad.top + hh)} L${r1(x(pts[0].t))},${r1(pad.top + hh)} Z`
        : '';
      return s('g', { class: cls },
        band ? s('path', { d: band, class: 'band' }) : null,
        area ? s('path', { d: area, class: 'area' }) : null,
        line ? s('path', { d: line, class: 'line' }) : null);
    }),
    hasData ? null : s('text', { x: W / 2, y: H / 2, class: 'axis', 'text-anchor': 'middle' }, st('chart.noData')));
  const legend = o.series.length > 1
    ? h('ul', { class: 'legend' }, o.series.map((se, i) => h('li', { class: se.cls ?? `series-${i % 6}` },
        h('span', { class: 'swatch', 'aria-hidden': 'true' }), se.name)))
    : null;
  return h('figure', { class: 'chart-box', 'data-testid': o.testid ?? null }, svg, legend);
}

export interface Bar {
  label: string;
  value: number;
  cls?: string;
}

// Bar lengths as a share of the largest value (0..1).
export function barShares(values: number[]): number[] {
  const top = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  return values.map((v) => (top > 0 && Number.isFinite(v) ? Math.max(0, v) / top : 0));
}

// Horizontal bars with their labels and values: ranked lists (top findings, causes).
export function barChart(o: { label: string; bars: Bar[]; format?: (v: number) => string; testid?: string }): HTMLElement {
  const fmt = o.format ?? ((v: number) => formatNumber(v));
  const W = 480;
  const rowH = 22;
  const labelW = 190;
  const H = Math.max(rowH, o.bars.length * rowH);
  const shares = barShares(o.bars.map((b) => b.value));
  const text = [o.label, ...o.bars.map((b) => `${b.label}: ${fmt(b.value)}`)].join('. ');
  const svg = s('svg', { class: 'schart bars', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': text },
    s('title', {}, text),
    o.bars.map((b, i) => {
      const yy = i * rowH;
      const len = r1(shares[i] * (W - labelW - 60));
      return s('g', { class: b.cls ?? 'series-0' },
        s('text', { x: labelW - 6, y: yy + 15, class: 'axis', 'text-anchor': 'end' }, b.label),
        s('rect', { x: labelW, y: yy + 4, width: Math.max(len, 1), height: rowH - 8, class: 'bar' }),
        s('text', { x: labelW + len + 4, y: yy + 15, class: 'axis' }, fmt(b.value)));
    }),
    o.bars.length === 0 ? s('text', { x: W / 2, y: 15, class: 'axis', 'text-anchor': 'middle' }, st('chart.noData')) : null);
  return h('figure', { class: 'chart-box', 'data-testid': o.testid ?? null }, svg);
}

// Vertical bars for counts in bins (the health histogram: 0-9, 10-19, ...).
export function histogram(o: { label: string; bins: number[]; binLabels: string[]; testid?: string; clsFor?: (i: number) => string }): HTMLElement {
  const W = 480;
  const H = 160;
  const pad = { left: 8, right: 8, top: 16, bottom: 22 };
  const n = Math.max(1, o.bins.length);
  const bw = (W - pad.left - pad.right) / n;
  const shares = barShares(o.bins);
  const text = [o.label, ...o.bins.map((c, i) => `${o.binLabels[i] ?? i}: ${formatNumber(c)}`)].join('. ');
  const svg = s('svg', { class: 'schart histogram', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': text },
    s('title', {}, text),
    o.bins.map((c, i) => {
      const hh = r1(shares[i] * (H - pad.top - pad.bottom));
      const xx = r1(pad.left + i * bw);
      return s('g', { class: o.clsFor?.(i) ?? 'series-0' },
        s('rect', { x: xx + 2, y: H - pad.bottom - hh, width: r1(bw - 4), height: Math.max(hh, 0.5), class: 'bar' }),
        s('text', { x: r1(xx + bw / 2), y: H - pad.bottom - hh - 3, class: 'axis', 'text-anchor': 'middle' }, formatNumber(c)),
        s('text', { x: r1(xx + bw / 2), y: H - 7, class: 'axis', 'text-anchor': 'middle' }, o.binLabels[i] ?? ''));
    }));
  return h('figure', { class: 'chart-box', 'data-testid': o.testid ?? null }, svg);
}

export interface Arc {
  start: number;  // radians from 12 o'clock, clockwise
  end: number;
  share: number;
}

// The angles of the slices of a donut (empty and negative values give nothing).
export function donutArcs(values: number[]): Arc[] {
  const total = values.reduce((a, v) => a + (Number.isFinite(v) && v > 0 ? v : 0), 0);
  let at = 0;
  return values.map((v) => {
    const share = total > 0 && Number.isFinite(v) && v > 0 ? v / total : 0;
    const arc = { start: at, end: at + share * 2 * Math.PI, share };
    at = arc.end;
    return arc;
  });
}

function arcPath(cx: number, cy: number, r: number, ri: number, a: Arc): string {
  const end = a.end - a.start >= 2 * Math.PI - 1e-6 ? a.start + 2 * Math.PI - 1e-4 : a.end;
  const pt = (rad: number, ang: number) => `${r1(cx + rad * Math.sin(ang))},${r1(cy - rad * Math.cos(ang))}`;
  const large = end - a.start > Math.PI ? 1 : 0;
  return `M${pt(r, a.start)} A${r},${r} 0 ${large} 1 ${pt(r, end)} L${pt(ri, end)} A${ri},${ri} 0 ${large} 0 ${pt(ri, a.start)} Z`;
}

export function donut(o: { label: string; slices: Bar[]; center?: string; testid?: string }): HTMLElement {
  const arcs = donutArcs(o.slices.map((x) => x.value));
  const text = [o.label, ...o.slices.map((x, i) => `${x.label}: ${formatNumber(x.value)} (${Math.round(arcs[i].share * 100)} %)`)].join('. ');
  const svg = s('svg', { class: 'schart donut', viewBox: '0 0 120 120', role: 'img', 'aria-label': text },
    s('title', {}, text),
    s('circle', { cx: 60, cy: 60, r: 45, class: 'donut-track' }),
    o.slices.map((x, i) => (arcs[i].share > 0
      ? s('path', { d: arcPath(60, 60, 56, 36, arcs[i]), class: `${x.cls ?? `series-${i % 6}`} slice` })
      : null)),
    o.center ? s('text', { x: 60, y: 65, class: 'donut-center', 'text-anchor': 'middle' }, o.center) : null);
  const legend = h('ul', { class: 'legend' }, o.slices.map((x, i) => h('li', { class: x.cls ?? `series-${i % 6}` },
    h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${x.label}: ${formatNumber(x.value)}`)));
  return h('figure', { class: 'chart-box chart-donut', 'data-testid': o.testid ?? null }, svg, legend);
}
