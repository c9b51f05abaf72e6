// Campaigns: the list (#/campaigns) and one campaign (#/campaign/<id>) with each stage's
// progress, its failure rate against the threshold, health before and after, the log and the
// actions its state allows. The page polls while the campaign is moving.
import { errorText, get, post, seg } from '../../staff/api';
import { formatNumber, formatTime } from '../../staff/i18n';
import { badge, confirmDialog, empty, errorBox, h, loading, pageTitle, panel } from '../../staff/ui';
import { t, type Key } from '../i18n';
import { allowedActions, isMoving, judgeStage, stageSegments } from '../model';
import { actions, stackedBar, table } from '../parts';
import { hrefFor } from '../router';
import type { Campaign, CampaignAction, Stage } from '../types';

export const POLL_MS = 3000;

const STATE_KIND: Record<string, string> = {
  draft: 'muted', running: 'info', paused: 'warn', halted: 'bad', completed: 'ok',
  'rolling-back': 'warn', 'rolled-back': 'muted', cancelled: 'muted',
};

export function campaignState(state: string, testid: string | null = null): HTMLElement {
  return badge(t(`campaign.state.${state}` as Key), STATE_KIND[state] ?? 'muted',
    testid ? { 'data-testid': testid, 'data-state': state } : { 'data-state': state });
}

export function stageName(name: string): string {
  if (name === 'canary') return t('campaign.stageName.canary');
  const wave = /^wave (\d+)$/.exec(name);
  return wave ? t('campaign.stageName.wave', { n: wave[1] }) : name;
}

function stageText(c: Campaign): string {
  if (c.stages.length === 0) return '–';
  return t('campaign.stageN', { n: Math.min(c.currentStage + 1, c.stages.length), total: c.stages.length });
}

export function campaignsView(list: Campaign[]): HTMLElement {
  if (list.length === 0) return empty(t('campaigns.none'));
  const sorted = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return table(
    [t('campaigns.colName'), t('campaigns.colKind'), t('campaigns.colState'), t('campaigns.colStage'), t('campaigns.colUpdated')],
    sorted.map((c) => [
      h('a', { href: hrefFor({ name: 'campaign', id: c.id }) }, c.name),
      t(`campaign.kind.${c.kind}` as Key),
      campaignState(c.state),
      stageText(c),
      formatTime(c.updatedAt),
    ]),
    { 'data-testid': 'campaign-list' });
}

export function campaignsPage(): HTMLElement {
  const slot = h('div', { class: 'page-body' }, loading());
  get<{ campaigns: Campaign[] }>('/campaigns')
    .then((r) => slot.replaceChildren(campaignsView(r.campaigns)))
    .catch((e) => slot.replaceChildren(errorBox(errorText(e))));
  return h('div', { class: 'page', 'data-testid': 'campaigns-page' },
    pageTitle(t('campaigns.title'),
      h('a', { class: 'btn btn-primary', href: hrefFor({ name: 'campaign-new' }), 'data-testid': 'campaign-new' }, t('campaigns.new'))),
    slot);
}

function stageRow(s: Stage, c: Campaign, n: number): HTMLElement {
  const j = judgeStage(s, c.thresholds);
  const segs = stageSegments(s);
  const health = s.healthBefore !== null && s.healthAfter !== null
    ? t('campaign.health', { before: formatNumber(s.healthBefore, 1), after: formatNumber(s.healthAfter, 1) })
    : s.healthBefore !== null
      ? t('campaign.health', { before: formatNumber(s.healthBefore, 1), after: '–' })
      : t('campaign.healthUnknown');
  return h('li', { class: `stage stage-${s.state}${n === c.currentStage ? ' stage-current' : ''}`, 'data-testid': `stage-${n}`, 'data-state': s.state },
    h('div', { class: 'stage-head' },
      h('strong', {}, stageName(s.name)), ' ',
      h('span', { class: 'muted' }, `(${formatNumber(s.size)})`), ' ',
      badge(t(`campaign.stageState.${s.state}` as Key), s.state === 'failed' ? 'bad' : s.state === 'passed' ? 'ok' : 'muted')),
    stackedBar(segs.map((g) => ({ share: g.share, cls: `seg-${g.kind}`, label: t(`campaign.seg.${g.kind}` as Key, { n: g.count }) })),
      stageName(s.name), `stage-${n}-bar`),
    h('ul', { class: 'seg-legend' }, segs.map((g) => h('li', { class: `seg-${g.kind}` },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }), t(`campaign.seg.${g.kind}` as Key, { n: formatNumber(g.count) })))),
    h('p', { class: j.over ? 'over' : 'muted', 'data-testid': `stage-${n}-failure` },
      t('campaign.failureRate', { rate: formatNumber(j.failurePct, 1), limit: formatNumber(j.thresholdPct, 1) })),
    h('p', { class: j.dropOver ? 'over' : 'muted' },
      j.healthDrop !== null && j.healthDrop > 0
        ? `${health}. ${t('campaign.healthDrop', { drop: formatNumber(j.healthDrop, 1), limit: formatNumber(c.thresholds.maxHealthDrop, 1) })}`
        : health));
}

export interface CampaignHandlers {
  act: (action: CampaignAction, button: HTMLButtonElement) => void;
}

export function campaignView(c: Campaign, on: CampaignHandlers): HTMLElement[] {
  const sel = c.selection;
  const selection = [sel.model, sel.softwareVersion, sel.tag ? `#${sel.tag}` : null, sel.deviceIds?.length ? `${sel.deviceIds.length} ids` : null]
    .filter(Boolean).join(', ') || t('campaign.all');
  const buttons = allowedActions(c.state).map((a) => {
    const b = h('button', { type: 'button', class: a === 'rollback' || a === 'cancel' ? 'btn btn-danger' : 'btn btn-primary', 'data-testid': `campaign-${a}` },
      t(`campaign.action.${a}` as Key));
    b.addEventListener('click', () => on.act(a, b));
    return b;
  });
  return [
    h('div', { class: 'campaign-head' },
      campaignState(c.state, 'campaign-state'),
      h('span', { class: 'muted' }, t('campaign.updated', { time: formatTime(c.updatedAt) })),
      actions(...buttons)),
    c.haltReason
      ? h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'campaign-halt-reason' },
          h('p', {}, t('campaign.haltReason', { reason: c.haltReason })))
      : null,
    panel(t('campaign.summary'), {},
      h('dl', { class: 'kv' },
        h('dt', {}, t('campaigns.colKind')), h('dd', {}, t(`campaign.kind.${c.kind}` as Key)),
        h('dt', {}, t('campaign.selection')), h('dd', {}, selection),
        c.kind === 'firmware' ? [h('dt', {}, t('campaign.file')), h('dd', {}, c.fileId ?? '–')] : null,
        c.kind === 'config' && c.parameters?.length
          ? [h('dt', {}, t('campaign.parameters')), h('dd', {}, h('ul', {}, c.parameters.map((p) => h('li', {}, h('code', {}, `${p.name} = ${p.value}`)))))]
          : null,
        h('dt', {}, t('campaign.form.thresholds')),
        h('dd', {}, t('campaign.thresholds', { rate: formatNumber(c.thresholds.maxFailureRate * 100, 1),
          drop: formatNumber(c.thresholds.maxHealthDrop, 1), minutes: formatNumber(c.observeMinutes) })))),
    panel(t('campaign.stages'), {}, h('ol', { class: 'stages' }, c.stages.map((s, i) => stageRow(s, c, i)))),
    panel(t('campaign.log'), {},
      c.log.length
        ? h('ol', { class: 'log', 'data-testid': 'campaign-log' }, [...c.log].reverse().map((l) =>
            h('li', {}, h('time', { datetime: l.time }, formatTime(l.time)), ' ', l.text)))
        : empty()),
  ].filter((x): x is HTMLElement => x !== null);
}

async function confirmed(action: CampaignAction): Promise<boolean> {
  if (action !== 'rollback' && action !== 'cancel') return true;
  return confirmDialog({ title: t(`campaign.action.${action}`), text: t(`campaign.confirm.${action}`),
    confirm: t(`campaign.action.${action}`), danger: true });
}

export function campaignPage(id: string): HTMLElement {
  const slot = h('div', { class: 'page-body' }, loading());
  const title = pageTitle(id);
  // Announces a change of state (not every poll's redraw).
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const root = h('div', { class: 'page', 'data-testid': 'campaign-page' },
    h('p', {}, h('a', { href: hrefFor({ name: 'campaigns' }) }, t('nav.campaigns'))), title, live, slot);
  let lastState = '';
  const status = h('div', { class: 'form-status', 'aria-live': 'assertive' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = true;

  const show = (c: Campaign) => {
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid;
    title.querySelector('h1')!.textContent = c.name;
    if (c.state !== lastState) {
      live.textContent = [t(`campaign.state.${c.state}` as Key), c.haltReason].filter(Boolean).join(': ');
      lastState = c.state;
    }
    slot.replaceChildren(status, ...campaignView(c, { act }));
    if (focused) slot.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
    clearTimeout(timer);
    if (isMoving(c)) timer = setTimeout(() => void refresh(), POLL_MS);
  };

  async function refresh(): Promise<void> {
    if (!first && !root.isConnected) return;  // the user has left the page: stop polling
    first = false;
    try {
      show(await get<Campaign>(`/campaigns/${seg(id)}`));
    } catch (e) {
      slot.replaceChildren(errorBox(errorText(e), () => void refresh()));
    }
  }

  async function act(action: CampaignAction, button: HTMLButtonElement): Promise<void> {
    if (!(await confirmed(action))) return;
    button.disabled = true;
    status.replaceChildren();
    try {
      show(await post<Campaign>(`/campaigns/${seg(id)}/${action}`, {}));
    } catch (e) {
      button.disabled = false;
      status.replaceChildren(errorBox(errorText(e)));
    }
  }

  void refresh();
  return root;
}
