// One troubleshooting run: what was checked and found, step by step, the one-click fixes (with
// an honest warning first where there is one), what they did when checked again, and the end:
// "did this solve it?" with a rating, or a support case.
import { t, type Key } from '../i18n';
import { errorMessage, get, post } from '../lib/api';
import { h, nextId } from '../lib/dom';
import { formatTime } from '../lib/format';
import { dropHome } from '../lib/home';
import { busy, card, errorBox, notice, pageTitle, progress } from '../lib/ui';
import type { Action, Fix, Run, Step } from '../lib/types';
import { symptomLabel } from './troubleshoot';

const OUTCOME_ICON: Record<Step['outcome'], string> = { ok: '✓', problem: '!', unknown: '?', skipped: '–' };
const FIXES = ['restart-gateway', 'restart-wifi', 'change-channel', 'move-to-5ghz', 'speed-test', 'update-firmware'];

function fixBusyText(fix: string): string {
  return FIXES.includes(fix) ? t(`ts.fixBusy.${fix}` as Key) : t('ts.fixBusy.other');
}

interface RunView {
  apply(fix: Fix, button: HTMLButtonElement, slot: HTMLElement): void;
}

function fixButton(fix: Fix, view: RunView): HTMLElement {
  const slot = h('div', { class: 'fix-slot', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary', 'data-testid': `fix-${fix.id}` }, fix.label);
  button.addEventListener('click', () => view.apply(fix, button, slot));
  return h('div', { class: 'fix' }, button, slot);
}

function stepItem(step: Step, open: boolean, view: RunView): HTMLElement {
  return h('li', { class: `step step-${step.outcome}`, 'data-testid': `step-${step.check}` },
    h('span', { class: 'step-icon', 'aria-hidden': 'true' }, OUTCOME_ICON[step.outcome] ?? '?'),
    h('div', { class: 'step-body' },
      h('h3', {}, step.title || t(`ts.check.${step.check}` as Key),
        h('span', { class: `badge badge-${step.outcome}` }, t(`ts.outcome.${step.outcome}` as Key))),
      h('p', {}, step.text),
      step.kb.length ? h('ul', { class: 'plain kb-links' }, step.kb.map((a) =>
        h('li', {}, h('a', { href: `#/help/${encodeURIComponent(a.id)}` }, t('ts.readMore', { title: a.title }))))) : null,
      open && step.fixes.length ? h('div', { class: 'fixes' }, step.fixes.map((f) => fixButton(f, view))) : null));
}

function actionItem(a: Action): HTMLElement {
  return h('li', { class: `action action-${a.state}` },
    h('p', {}, h('strong', {}, t(`ts.action.${a.state}` as Key)), ` · ${formatTime(a.at)} · ${a.text}`),
    a.verified === true ? h('p', { class: 'good' }, t('ts.verified.yes')) : null,
    a.verified === false ? h('p', { class: 'bad' }, t('ts.verified.no')) : null);
}

// The finish form: solved or not, a rating from 1 to 5, a comment, and a support case when not.
export function finishForm(run: Run, onDone: (run: Run) => void): HTMLElement {
  const name = nextId('solved');
  const yes = h('input', { type: 'radio', name, id: `${name}-yes`, value: 'yes' });
  const no = h('input', { type: 'radio', name, id: `${name}-no`, value: 'no' });
  const ticketId = nextId('ticket');
  // Not solved: by default support takes it over (the box shows only then and can be unticked).
  const ticket = h('input', { type: 'checkbox', id: ticketId, checked: true });
  const ticketField = h('div', { class: 'check', hidden: true }, ticket, h('label', { for: ticketId }, t('ts.openTicket')));
  for (const r of [yes, no]) r.addEventListener('change', () => { ticketField.hidden = !no.checked; });
  const rateName = nextId('rating');
  const ratings = [1, 2, 3, 4, 5].map((n) => {
    const id = `${rateName}-${n}`;
    return h('span', { class: 'rate' },
      h('input', { type: 'radio', name: rateName, id, value: n }),
      h('label', { for: id, 'aria-label': t('ts.ratingValue', { n }) }, String(n)));
  });
  const commentId = nextId('comment');
  const comment = h('textarea', { id: commentId, rows: 2, maxlength: 2000 });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('ts.send'));
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'finish-form' },
    h('fieldset', {}, h('legend', {}, t('ts.finish')),
      h('div', { class: 'check' }, yes, h('label', { for: `${name}-yes` }, t('ts.solvedYes'))),
      h('div', { class: 'check' }, no, h('label', { for: `${name}-no` }, t('ts.solvedNo')))),
    ticketField,
    h('fieldset', {}, h('legend', {}, t('ts.rating')), h('div', { class: 'rates' }, ratings)),
    h('div', { class: 'field' }, h('label', { for: commentId }, t('ts.comment')), comment),
    submit, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!yes.checked && !no.checked) {
      result.replaceChildren(errorBox(t('ts.pickSolved')));
      yes.focus();
      return;
    }
    const rating = form.querySelector<HTMLInputElement>(`input[name="${rateName}"]:checked`);
    const body: Record<string, unknown> = { solved: yes.checked };
    if (rating) body.rating = Number(rating.value);
    if (comment.value.trim()) body.comment = comment.value.trim();
    if (no.checked && ticket.checked) body.openTicket = true;
    try {
      const done = await busy(submit, result, t('ts.sending'), () => post<Run>(`/troubleshoot/${encodeURIComponent(run.id)}/finish`, body));
      dropHome();
      onDone(done);
    } catch (e) {
      result.replaceChildren(errorBox(errorMessage(e)));
    }
  });
  return form;
}

function confirmPanel(fix: Fix, onGo: () => void, onCancel: () => void): HTMLElement {
  const id = nextId('confirm');
  const go = h('button', { type: 'button', class: 'primary', onclick: onGo }, t('ts.confirmGo'));
  const panel = h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': id, 'aria-describedby': `${id}-text` },
    h('p', { id }, h('strong', {}, t('ts.confirmTitle'))),
    h('p', { id: `${id}-text` }, fix.warning ?? ''),
    h('div', { class: 'buttons' }, go, h('button', { type: 'button', class: 'secondary', onclick: onCancel }, t('app.cancel'))));
  queueMicrotask(() => go.focus());
  return panel;
}

export function renderRun(run: Run, container: HTMLElement, announce: (text: string) => void): void {
  const open = run.state === 'open';
  const view: RunView = {
    apply(fix, button, slot) {
      const doIt = async () => {
        try {
          const next = await busy(button, slot, `${fixBusyText(fix.id)} ${t('ts.fixThenCheck')}`, () =>
            post<Run>(`/troubleshoot/${encodeURIComponent(run.id)}/fix`, fix.target ? { fix: fix.id, target: fix.target } : { fix: fix.id }));
          dropHome();
          renderRun(next, container, announce);
          const last = next.actions[next.actions.length - 1];
          announce(last ? last.text : next.verdict.text);
        } catch (e) {
          slot.replaceChildren(errorBox(errorMessage(e)));
        }
      };
      if (!fix.warning) return void doIt();
      slot.replaceChildren(confirmPanel(fix, () => { slot.replaceChildren(); void doIt(); }, () => { slot.replaceChildren(); button.focus(); }));
    },
  };
  const endSlot = h('div', {});
  if (open) {
    endSlot.append(card(null, {}, finishForm(run, (done) => {
      renderRun(done, container, announce);
      announce(done.ticket ? t('ts.ticketOpened', { id: done.ticket.id }) : t('ts.thanks'));
    })));
  } else {
    endSlot.append(card(t('ts.result'), {},
      h('p', {}, h('span', { class: 'badge' }, t(`ts.state.${run.state}` as Key))),
      run.ticket ? notice(t('ts.ticketOpened', { id: run.ticket.id }), 'info') : null,
      run.feedback ? notice(t('ts.thanks'), 'ok') : null,
      h('p', {}, h('a', { class: 'button secondary', href: '#/troubleshoot' }, t('ts.again')))));
  }
  // A long fix (a restart takes a minute) goes on after the answer: follow it until it is done.
  if (run.actions.some((a) => a.state === 'running')) {
    setTimeout(() => {
      if (!container.isConnected) return;
      get<Run>(`/troubleshoot/${encodeURIComponent(run.id)}`).then((next) => {
        if (!container.isConnected) return;
        renderRun(next, container, announce);
        const last = next.actions[next.actions.length - 1];
        if (last && last.state !== 'running') announce(last.text);
      }).catch(() => { /* the next render retries */ });
    }, 2000);
  }
  container.replaceChildren(
    h('p', { class: run.refresh.live ? 'muted' : 'notice notice-warn' }, run.refresh.text || (run.refresh.live ? t('ts.liveData') : t('ts.oldData'))),
    card(t('ts.steps'), {}, h('ol', { class: 'steps' }, run.steps.map((s) => stepItem(s, open, view)))),
    card(t('ts.result'), { 'data-testid': 'verdict' }, h('p', { class: `verdict verdict-${run.verdict.kind}` }, run.verdict.text)),
    run.actions.length ? card(t('ts.fixesDone'), {}, h('ul', { class: 'plain actions' }, run.actions.map(actionItem))) : '',
    endSlot);
}

export function runPage(id: string): HTMLElement {
  const live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const announce = (text: string) => { live.textContent = text; };
  const body = h('div', { class: 'stack' }, progress(t('app.loading')));
  const title = pageTitle(t('ts.title'));
  const load = () => {
    body.replaceChildren(progress(t('app.loading')));
    get<Run>(`/troubleshoot/${encodeURIComponent(id)}`).then((run) => {
      title.textContent = t('ts.runTitle', { symptom: symptomLabel(run.symptom) });
      renderRun(run, body, announce);
    }).catch((e) => body.replaceChildren(errorBox(errorMessage(e), load)));
  };
  load();
  return h('div', { class: 'page' }, title, live, body);
}
