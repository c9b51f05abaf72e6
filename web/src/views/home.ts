// The overview: the home network map with its devices, the health score with its history, the
// last speed test (and a new one), the router and open support cases.
import { lang, t, tn } from '../i18n';
import { currentSession, errorMessage, get, post } from '../lib/api';
import { h } from '../lib/dom';
import { formatNumber, formatTime } from '../lib/format';
import { healthChart, networkMap, signalBars } from '../lib/graphics';
import { dropHome, loadHome } from '../lib/home';
import { busy, card, errorBox, pageTitle, progress } from '../lib/ui';
import type { HealthSeries, Home, SpeedTest, Station } from '../lib/types';

const CHART_DAYS = 7;

export function deviceRow(st: Station, nodeName: string): HTMLElement {
  const bars = st.band === '' ? null : signalBars(st.bars, st.signalDbm === null ? t('home.signalUnknown') : t('home.signal', { bars: st.bars }));
  const facts = [st.band || t('home.wired'), st.phyMbps !== null ? t('home.speed', { mbps: formatNumber(st.phyMbps) }) : null,
    st.active ? null : t('home.inactive')].filter(Boolean).join(' · ');
  return h('li', { class: 'device' },
    h('span', { class: 'device-signal' }, bars),
    h('span', { class: 'device-main' },
      h('span', { class: 'device-name' }, st.name),
      h('span', { class: 'device-facts' }, facts)),
    h('span', { class: 'visually-hidden' }, t('home.connectedTo', { node: nodeName })));
}

function networkCard(home: Home): HTMLElement {
  const { nodes, stations } = home.network;
  const groups = nodes.map((n, i) => {
    const here = stations.filter((st) => st.node === i).sort((a, b) => Number(b.active) - Number(a.active) || b.bars - a.bars);
    if (!here.length) return null;
    const name = n.name || t(n.role === 'gateway' ? 'home.gateway' : 'home.extender');
    return h('div', { class: 'device-group' },
      h('h3', {}, name, ' ', h('span', { class: 'muted' }, `(${tn('home.devicesOne', 'home.devicesOther', here.length)})`)),
      h('ul', { class: 'devices' }, here.map((st) => deviceRow(st, name))));
  });
  return card(t('home.network'), { 'data-testid': 'network-card' },
    nodes.length ? networkMap(nodes, stations, home.wan.up) : null,
    stations.length ? h('div', {}, groups) : h('p', {}, t('home.noDevices')));
}

function healthLabel(score: number): string {
  return score >= 80 ? t('home.healthGood') : score >= 50 ? t('home.healthFair') : t('home.healthPoor');
}

function healthCard(home: Home): HTMLElement {
  const chartSlot = h('div', { class: 'chart-slot' }, progress(t('app.loading')));
  get<HealthSeries>(`/home/health?days=${CHART_DAYS}`).then((series) => {
    chartSlot.replaceChildren(healthChart(series.points, Date.parse(series.from), Date.parse(series.to), CHART_DAYS));
  }).catch((e) => chartSlot.replaceChildren(errorBox(errorMessage(e))));
  const score = home.health.score;
  return card(t('home.health'), {},
    score === null
      ? h('p', {}, t('home.healthNone'))
      : h('p', { class: `score score-${score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor'}` },
        h('span', { class: 'score-value' }, t('home.healthScore', { score })), ' ', h('span', { class: 'score-label' }, healthLabel(score))),
    chartSlot);
}

function speedFigures(test: SpeedTest | null, planMbps: number | null): HTMLElement {
  if (!test) return h('p', {}, t('home.speedNone'));
  return h('div', {},
    h('dl', { class: 'figures' },
      h('div', {}, h('dt', {}, t('home.speedDown')), h('dd', {}, test.downMbps !== null ? t('home.speed', { mbps: formatNumber(test.downMbps) }) : '–')),
      h('div', {}, h('dt', {}, t('home.speedPing')), h('dd', {}, test.pingMs !== null ? t('home.ms', { ms: formatNumber(test.pingMs) }) : '–'))),
    h('p', { class: 'muted' },
      t('home.speedAt', { time: formatTime(test.at) }),
      planMbps !== null ? ` · ${t('home.speedPlan', { mbps: formatNumber(planMbps) })}` : ''));
}

function speedCard(home: Home): HTMLElement {
  const figures = h('div', {}, speedFigures(home.speedTest, home.wan.planDownMbps));
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const run = h('button', { type: 'button', class: 'secondary', 'data-testid': 'speed-test-button' }, t('home.speedRun'));
  run.addEventListener('click', async () => {
    try {
      const r = await busy(run, result, t('home.speedBusy'), () => post<{ speedTest: SpeedTest }>('/home/speed-test'));
      dropHome();
      figures.replaceChildren(speedFigures(r.speedTest, home.wan.planDownMbps));
      result.replaceChildren(h('p', { class: 'visually-hidden' }, t('home.speedDone')));
    } catch (e) {
      result.replaceChildren(errorBox(errorMessage(e)));
    }
  });
  return card(t('home.speedTest'), {}, figures, run, result);
}

function routerCard(home: Home): HTMLElement | null {
  const g = home.gateway;
  if (!g) return null;
  return card(t('home.router'), {},
    h('p', {}, t('home.routerModel', { manufacturer: g.manufacturer, model: g.model })),
    h('p', { class: 'muted' },
      h('span', { class: g.online ? 'dot dot-ok' : 'dot dot-bad', 'aria-hidden': 'true' }), ' ',
      g.online ? t('home.online') : t('home.offline'),
      g.lastContact ? ` · ${t('home.lastContact', { time: formatTime(g.lastContact) })}` : '',
      g.firmware ? ` · ${t('home.firmware', { version: g.firmware })}` : ''));
}

function ticketsCard(home: Home): HTMLElement | null {
  if (!home.openTickets.length) return null;
  return card(t('home.openTickets'), {},
    h('ul', { class: 'plain' }, home.openTickets.map((tk) =>
      h('li', {}, h('a', { href: '#/tickets' }, `#${tk.id} ${tk.subject}`)))));
}

export function homePage(): HTMLElement {
  const me = currentSession();
  const body = h('div', { class: 'stack' }, progress(t('home.refreshing')));
  const page = h('div', { class: 'page' },
    pageTitle(me?.name ? t('home.hello', { name: me.name.split(' ')[0] }) : t('home.title')), body);
  const load = () => {
    body.replaceChildren(progress(t('home.refreshing')));
    loadHome(lang()).then((home) => {
      body.replaceChildren(networkCard(home), healthCard(home), speedCard(home), ...[routerCard(home), ticketsCard(home)].filter((x): x is HTMLElement => x !== null));
    }).catch((e) => body.replaceChildren(errorBox(errorMessage(e), load)));
  };
  load();
  return page;
}
