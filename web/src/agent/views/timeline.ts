// The timeline of a home (GET /homes/{id}/timeline, newest first) with a filter by kind; the
// kinds are filtered here, so switching them costs no request.
import { errorText, get, query, seg } from '../../staff/api';
import { formatDateTime, formatTime } from '../../staff/i18n';
import { badge, empty, h, loadInto, nextId, panel } from '../../staff/ui';
import { t, type AgentKey } from '../i18n';
import type { TimelineEntry } from '../types';

export const KINDS = ['inform', 'boot', 'bootstrap', 'config', 'firmware', 'task', 'optimisation', 'finding',
  'diagnostic', 'selfservice', 'ticket', 'incident', 'audit'] as const;

export function kindLabel(kind: string): string {
  return (KINDS as readonly string[]).includes(kind) ? t(`kind.${kind}` as AgentKey) : kind;
}

function outcomeKind(outcome: string | undefined): string {
  if (!outcome) return 'muted';
  if (/^(ok|done|success|resolved)$/i.test(outcome)) return 'ok';
  if (/fail|fault|denied|error/i.test(outcome)) return 'bad';
  return 'info';
}

export function filterEntries(entries: TimelineEntry[], hidden: Set<string>): TimelineEntry[] {
  return entries.filter((e) => !hidden.has(e.kind));
}

// By default the frequent periodic contacts are hidden: they would bury everything else.
export function timelinePanel(homeId: string, now: () => number = Date.now): HTMLElement {
  const hidden = new Set<string>(['inform']);
  const list = h('div', {});
  let entries: TimelineEntry[] = [];
  const renderList = (): Node => {
    const shown = filterEntries(entries, hidden);
    return shown.length === 0 ? empty(t('timeline.empty')) : h('ol', { class: 'timeline' }, shown.map((e) =>
      h('li', { class: `tl tl-${e.kind}`, 'data-kind': e.kind },
        h('time', { datetime: e.time, title: formatDateTime(e.time) }, formatTime(e.time)),
        badge(kindLabel(e.kind), 'muted'),
        h('span', { class: 'tl-title' }, e.title),
        e.outcome ? badge(e.outcome, outcomeKind(e.outcome)) : null,
        e.detail ? h('div', { class: 'tl-detail muted' }, e.detail) : null)));
  };
  const draw = () => list.replaceChildren(renderList());
  const boxes = KINDS.map((k) => {
    const id = nextId('kind');
    const box = h('input', { type: 'checkbox', id, value: k, checked: !hidden.has(k), 'data-testid': `kind-${k}` });
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(k);
      else hidden.add(k);
      draw();
    });
    return h('span', { class: 'check' }, box, h('label', { for: id }, kindLabel(k)));
  });
  const to = now();
  void loadInto(list, () => get<{ entries: TimelineEntry[] }>(`/homes/${seg(homeId)}/timeline${query({ from: new Date(to - 7 * 86_400_000).toISOString(), limit: 500 })}`),
    (r) => {
      entries = r.entries;
      return renderList();
    }, errorText);
  return panel(t('timeline.title'), { 'data-testid': 'timeline' },
    h('fieldset', { class: 'kind-filter' }, h('legend', {}, t('timeline.filter')), boxes), list);
}
