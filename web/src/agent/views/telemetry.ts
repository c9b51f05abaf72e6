// The telemetry charts of a home over 24 hours or 7 days: the health score, the signal of each
// connected device, the channel utilisation of each radio, the WAN speed, loss and latency. The
// series keys come from GET /homes/{id}/series; each chart loads its series in parallel.
import { errorText, get, query, seg } from '../../staff/api';
import { lineChart, type Series as ChartSeries } from '../../staff/charts';
import { formatNumber } from '../../staff/i18n';
import { empty, h, loadInto, panel } from '../../staff/ui';
import { t } from '../i18n';
import type { Overview, Series } from '../types';

const MAX_LINES = 8;

export interface ChartPlan {
  title: 'charts.signal' | 'charts.util' | 'charts.wan' | 'charts.loss';
  keys: string[];
  yMin?: number;
  yMax?: number;
}

// Which keys go into which chart (the keys are those of src/insight/points.h: sta/<mac>/signal_dbm,
// radio/<id>/utilisation_pct, wan/rx_mbps, wan/tx_mbps, wan/download_mbps, wan/ping_ms).
export function planCharts(keys: string[]): ChartPlan[] {
  const sta = keys.filter((k) => k.startsWith('sta/') && k.endsWith('/signal_dbm')).slice(0, MAX_LINES);
  const radio = keys.filter((k) => k.startsWith('radio/') && k.endsWith('/utilisation_pct')).slice(0, MAX_LINES);
  const wan = keys.filter((k) => k.startsWith('wan/'));
  const speed = wan.filter((k) => /_mbps$/.test(k));
  const line = wan.filter((k) => /loss|ping|latency|rtt|jitter/.test(k));
  const plans: ChartPlan[] = [];
  if (sta.length) plans.push({ title: 'charts.signal', keys: sta });
  if (radio.length) plans.push({ title: 'charts.util', keys: radio, yMin: 0, yMax: 100 });
  if (speed.length) plans.push({ title: 'charts.wan', keys: speed, yMin: 0 });
  if (line.length) plans.push({ title: 'charts.loss', keys: line, yMin: 0 });
  return plans;
}

// The chart points of a series answer (hourly rollups keep their min/max band).
export function toChart(series: Series, name: string): ChartSeries {
  return {
    name,
    points: series.points.filter((p) => p.time).map((p) => ({
      t: Date.parse(p.time as string), v: p.value, min: p.count > 1 ? p.min : null, max: p.count > 1 ? p.max : null })),
  };
}

// 'sta/aa:bb/signal_dbm' -> the station's name if the map knows it, else the MAC.
export function seriesName(key: string, ov: Overview): string {
  const parts = key.split('/');
  if (parts[0] === 'sta') {
    const st = ov.map.stations.find((x) => x.mac.toLowerCase() === parts[1].toLowerCase());
    return st?.name || parts[1];
  }
  if (parts[0] === 'radio') return parts.slice(1, -1).join('/');
  return parts.slice(1).join('/');
}

// The longest gap a line bridges: three times the usual spacing of the samples (at least 15
// minutes), or 2.5 hours over 7 days (hourly rollups before the last 48 hours). A longer gap (the
// gateway was off, or not heard) leaves a break in the line instead of a made-up slope.
export function maxGap(series: ChartSeries[], range: '24h' | '7d'): number {
  if (range === '7d') return 2.5 * 3_600_000;
  const steps: number[] = [];
  for (const s of series) {
    for (let i = 1; i < s.points.length; i++) steps.push(s.points[i].t - s.points[i - 1].t);
  }
  if (steps.length === 0) return Infinity;
  steps.sort((a, b) => a - b);
  return Math.max(3 * steps[Math.floor(steps.length / 2)], 15 * 60_000);
}

const seriesUrl = (homeId: string, key: string, from: number, to: number) =>
  `/homes/${seg(homeId)}/series${query({ key, from, to })}`;

export function telemetryPanel(ov: Overview, now: () => number = Date.now): HTMLElement {
  const homeId = ov.home.id;
  const body = h('div', { class: 'charts' });
  const buttons = (['24h', '7d'] as const).map((r) => h('button', { type: 'button', class: 'btn', 'data-range': r,
    'data-testid': `range-${r}`, 'aria-pressed': r === '24h' ? 'true' : 'false', onclick: () => show(r) }, t(r === '24h' ? 'charts.24h' : 'charts.7d')));
  const show = (range: '24h' | '7d') => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.range === range));
    const to = now();
    const from = to - (range === '24h' ? 1 : 7) * 86_400_000;
    void loadInto(body, async () => {
      const [health, keys] = await Promise.all([
        get<Series>(`/homes/${seg(homeId)}/health${query({ from, to })}`).catch(() => null),
        get<{ keys: string[] }>(`/homes/${seg(homeId)}/series`).catch(() => ({ keys: [] as string[] })),
      ]);
      const plans = planCharts(keys.keys);
      const loaded = await Promise.all(plans.map(async (plan) => ({
        plan,
        series: await Promise.all(plan.keys.map(async (k) => toChart(await get<Series>(seriesUrl(homeId, k, from, to)), seriesName(k, ov)))),
      })));
      return { health, loaded };
    }, ({ health, loaded }) => {
      const out: Node[] = [];
      if (health) {
        const series = [{ ...toChart(health, t('charts.health')), area: true }];
        out.push(h('h3', {}, t('charts.health')), lineChart({ label: t('charts.health'), from, to, yMin: 0, yMax: 100, testid: 'health-chart',
          series, maxGap: maxGap(series, range), format: (v) => formatNumber(v) }));
      }
      for (const { plan, series } of loaded) {
        out.push(h('h3', {}, t(plan.title)), lineChart({ label: t(plan.title), from, to, series, yMin: plan.yMin, yMax: plan.yMax,
          maxGap: maxGap(series, range), testid: `chart-${plan.title.split('.')[1]}` }));
      }
      return out.length ? out : empty(t('charts.none'));
    }, errorText);
  };
  show('24h');
  return panel(t('charts.title'), { 'data-testid': 'telemetry' },
    h('div', { class: 'tabs', role: 'group', 'aria-label': t('charts.range') }, buttons), body);
}
