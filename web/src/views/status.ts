// The one clear status on top of every page: all good; a disturbance in the area since when and
// until when; or a problem in the home, and which one.
import { t } from '../i18n';
import { h } from '../lib/dom';
import { formatTime } from '../lib/format';
import type { HomeStatus } from '../lib/types';

const ICONS: Record<HomeStatus['kind'], string> = { ok: '✓', area: '!', home: '!', offline: '×', unknown: '?' };

export function statusBanner(status: HomeStatus | null, now: Date = new Date()): HTMLElement {
  if (!status) {
    return h('div', { class: 'status status-unknown', 'data-testid': 'status-banner' },
      h('p', { class: 'status-text' }, t('status.loggedOut')));
  }
  const kind = ICONS[status.kind] ? status.kind : 'unknown';
  const lines: (HTMLElement | null)[] = [];
  // The cause first, by name, when the text below explains it.
  if (status.primary && kind !== 'ok' && kind !== 'area' && status.primary.title !== status.title) {
    lines.push(h('p', { class: 'status-primary' }, h('strong', {}, status.primary.title)));
  }
  if (status.text) lines.push(h('p', { class: 'status-text' }, status.text));
  if (status.primary && kind !== 'ok' && status.primary.text && status.primary.text !== status.text && kind !== 'area') {
    lines.push(h('p', { class: 'status-text' }, status.primary.text));
  }
  // The server's text of an area disturbance already says since when, until when and that a
  // restart does not help; say it here only when there is no text.
  const when: string[] = [];
  if (status.since && (kind !== 'area' || !status.text)) when.push(t('status.since', { time: formatTime(status.since, now) }));
  if (status.etr && (kind !== 'area' || !status.text)) when.push(t('status.etr', { time: formatTime(status.etr, now) }));
  if (when.length) lines.push(h('p', { class: 'status-when' }, when.join(' ')));
  if (kind === 'area' && !status.restartAdvised && !status.text) lines.push(h('p', { class: 'status-text' }, t('status.noRestart')));
  if (status.maintenance) {
    lines.push(h('p', { class: 'status-text' },
      t('status.maintenance', { start: formatTime(status.maintenance.start, now), end: formatTime(status.maintenance.end, now) }),
      status.maintenance.text ? ` ${status.maintenance.text}` : ''));
  }
  const canFix = kind === 'home' || kind === 'offline';
  return h('div', { class: `status status-${kind}`, 'data-testid': 'status-banner', 'data-kind': kind },
    h('span', { class: 'status-icon', 'aria-hidden': 'true' }, ICONS[kind]),
    h('div', { class: 'status-body' },
      h('p', { class: 'status-title' }, h('strong', {}, status.title || t(`status.kind.${kind}`))),
      ...lines,
      canFix ? h('a', { class: 'button small', href: '#/troubleshoot' }, t('status.fixIt')) : null));
}

export function statusLoading(): HTMLElement {
  return h('div', { class: 'status status-unknown', 'data-testid': 'status-banner', 'aria-busy': 'true' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('p', { class: 'status-text' }, t('status.loading')));
}
