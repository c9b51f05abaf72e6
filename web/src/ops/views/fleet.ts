// The fleet at a glance (#/fleet, GET /api/v1/fleet): devices online, the homes' health
// distribution, the most common findings and primary causes, the worst homes (linked to the
// agent console) and the firmware versions of each model.
import { errorText, get } from '../../staff/api';
import { barChart, histogram } from '../../staff/charts';
import { formatNumber } from '../../staff/i18n';
import { h, loadInto, pageTitle, panel, empty } from '../../staff/ui';
import { t } from '../i18n';
import { firmwareByModel, healthBuckets, percent } from '../model';
import { stat, stats, stackedBar, table } from '../parts';
import { agentHomeHref } from '../router';
import type { Fleet } from '../types';

const healthClass = (i: number) => (i < 5 ? 'health-bad' : i < 8 ? 'health-warn' : 'health-good');

// Only homes with something wrong: a list of healthy homes would say nothing.
function worstHomes(f: Fleet): HTMLElement {
  const worst = f.worstHomes.filter((w) => w.health < 100 || w.primaryCode);
  if (worst.length === 0) return empty(t(f.homesDiagnosed > 0 ? 'fleet.allHealthy' : 'fleet.empty'));
  return table(
    [t('fleet.colHome'), t('fleet.colCustomer'), t('fleet.colHealth'), t('fleet.colCause')],
    worst.map((w) => [
      h('a', { href: agentHomeHref(w.account, w.homeId) }, w.homeId),
      `${w.name} (${w.account})`,
      formatNumber(w.health),
      w.primaryCode ?? '–',
    ]),
    { 'data-testid': 'fleet-worst' }, [2]);
}

function firmware(f: Fleet): HTMLElement {
  const models = firmwareByModel(f.firmware);
  if (models.length === 0) return empty(t('fleet.empty'));
  const rows = models.flatMap((m) => m.versions.map((v, i) => [
    i === 0 ? h('strong', {}, m.model) : '',
    v.version,
    formatNumber(v.devices),
    formatNumber(v.online),
    i === 0
      ? stackedBar(m.versions.map((x, k) => ({ share: x.share, cls: `series-${k % 6}`, label: `${x.version}: ${formatNumber(x.share, 1)} %` })),
          m.model, `fleet-firmware-${m.model}`)
      : null,
  ]));
  return table([t('fleet.colModel'), t('fleet.colVersion'), t('fleet.colDevices'), t('fleet.colOnline'), ''], rows,
    { 'data-testid': 'fleet-firmware' }, [2, 3]);
}

export function fleetView(f: Fleet): HTMLElement[] {
  const buckets = healthBuckets(f.healthHistogram);
  return [
    stats(
      stat(t('fleet.devices'), t('fleet.share', { pct: formatNumber(percent(f.devices.online, f.devices.total), 1) }),
        t('fleet.online', { online: formatNumber(f.devices.online), total: formatNumber(f.devices.total) }), 'fleet-online'),
      stat(t('fleet.homesDiagnosed'), formatNumber(f.homesDiagnosed), null, 'fleet-diagnosed'),
      stat(t('fleet.homesHealthy'), formatNumber(f.homesHealthy),
        t('fleet.share', { pct: formatNumber(percent(f.homesHealthy, f.homesDiagnosed), 1) }), 'fleet-healthy')),
    h('div', { class: 'grid-2' },
      panel(t('fleet.health'), {},
        histogram({ label: t('fleet.healthLabel'), bins: buckets.map((b) => b.count), testid: 'fleet-health',
          binLabels: buckets.map((b) => t('fleet.bucket', { from: b.from, to: b.to })), clsFor: healthClass })),
      panel(t('fleet.topFindings'), {},
        barChart({ label: t('fleet.topFindings'), testid: 'fleet-findings',
          bars: f.topFindings.slice(0, 10).map((x) => ({ label: x.code, value: x.homes })) })),
      panel(t('fleet.primaryCauses'), {},
        barChart({ label: t('fleet.primaryCauses'), testid: 'fleet-causes',
          bars: f.primaryCauses.slice(0, 10).map((x) => ({ label: x.code, value: x.homes, cls: 'series-1' })) })),
      panel(t('fleet.worstHomes'), {}, worstHomes(f))),
    panel(t('fleet.firmware'), {}, firmware(f)),
  ];
}

export function fleetPage(): HTMLElement {
  const slot = h('div', { class: 'page-body' });
  void loadInto(slot, () => get<Fleet>('/fleet'), fleetView, errorText);
  return h('div', { class: 'page', 'data-testid': 'fleet-page' }, pageTitle(t('fleet.title')), slot);
}
