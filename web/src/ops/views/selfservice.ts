// Self-service outcomes (#/selfservice, GET /api/v1/selfservice-stats?days=30): runs over time,
// the share resolved without a ticket, tickets by cause and the customers' ratings.
import { errorText, get } from '../../staff/api';
import { barChart, donut, lineChart } from '../../staff/charts';
import { formatNumber } from '../../staff/i18n';
import { h, loadInto, pageTitle, panel } from '../../staff/ui';
import { t } from '../i18n';
import { fillDays, outcomes } from '../model';
import { stat, stats } from '../parts';
import type { SelfServiceStats } from '../types';

const DAYS = 30;
// A day's value sits at its local noon on the time axis.
const noon = (day: string) => new Date(`${day}T12:00:00`).getTime();

export function selfServiceView(st: SelfServiceStats): HTMLElement[] {
  const o = outcomes(st);
  const days = fillDays(st.daily ?? [], st.from.slice(0, 10), st.to.slice(0, 10));
  const from = days.length ? noon(days[0].day) - 43_200_000 : Date.parse(st.from);
  const to = days.length ? noon(days[days.length - 1].day) + 43_200_000 : Date.parse(st.to);
  const unresolved = Math.max(0, st.runs - st.resolvedWithoutTicket);
  return [
    stats(
      stat(t('ss.runs'), formatNumber(st.runs), null, 'ss-runs'),
      stat(t('ss.share'), t('fleet.share', { pct: formatNumber(o.share, 1) }), null, 'ss-share'),
      stat(t('ss.tickets'), formatNumber(st.tickets), null, 'ss-tickets'),
      stat(t('ss.rating'), o.rating === null ? t('ss.noRating') : t('ss.ratingValue', { rating: formatNumber(o.rating, 1) }),
        t('ss.ratingCount', { n: formatNumber(st.ratingCount) }), 'ss-rating')),
    panel(t('ss.overTime'), {},
      lineChart({ label: t('ss.overTimeLabel', { days: DAYS }), from, to, yMin: 0, testid: 'ss-over-time',
        format: (v) => formatNumber(v),
        series: [
          { name: t('ss.legendRuns'), points: days.map((d) => ({ t: noon(d.day), v: d.runs })), area: true },
          { name: t('ss.legendResolved'), points: days.map((d) => ({ t: noon(d.day), v: d.resolved })) },
          { name: t('ss.legendTickets'), points: days.map((d) => ({ t: noon(d.day), v: d.tickets })) },
        ] })),
    h('div', { class: 'grid-2' },
      panel(t('ss.share'), {},
        donut({ label: t('ss.shareChart', { pct: formatNumber(o.share, 1) }), testid: 'ss-share-chart',
          center: `${formatNumber(o.share, 0)} %`,
          slices: [
            { label: t('ss.share'), value: st.resolvedWithoutTicket, cls: 'series-2' },
            { label: t('ss.other'), value: unresolved, cls: 'series-3' },
          ] })),
      panel(t('ss.byCause'), {},
        barChart({ label: t('ss.byCause'), testid: 'ss-by-cause',
          bars: o.ticketsByCause.slice(0, 10).map((c) => ({ label: c.code, value: c.tickets, cls: 'series-3' })) }))),
    panel(t('ss.ratingPerDay'), {},
      lineChart({ label: t('ss.ratingChartLabel'), from, to, yMin: 1, yMax: 5, testid: 'ss-rating-chart', maxGap: 86_400_000 * 1.5,
        series: [{ name: t('ss.rating'), points: days.map((d) => ({ t: noon(d.day), v: d.avgRating })) }] })),
  ];
}

export function selfServicePage(): HTMLElement {
  const slot = h('div', { class: 'page-body' });
  void loadInto(slot, () => get<SelfServiceStats>(`/selfservice-stats?days=${DAYS}`), selfServiceView, errorText);
  return h('div', { class: 'page', 'data-testid': 'selfservice-page' },
    pageTitle(t('ss.title'), h('span', { class: 'muted' }, t('ss.period', { days: DAYS }))), slot);
}
