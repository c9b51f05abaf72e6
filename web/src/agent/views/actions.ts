// The remote actions panel: reboot (confirmed), factory reset (typed confirmation), Wi-Fi
// restart, channel change, firmware, ping and speed test, read and set a parameter. Each creates
// device tasks (tasks.ts), shows them running and then their result (data-testid="task-result").
// The recommended next action of the customer page runs through run().
import { currentSession, errorText, get, post, query, roleRank, seg } from '../../staff/api';
import { formatNumber } from '../../staff/i18n';
import { confirmDialog, errorBox, field, h, loading, notice, panel, selectField } from '../../staff/ui';
import { t } from '../i18n';
import type { FileItem, Overview, Parameter, RecommendedAction, Task } from '../types';
import {
  changeChannelTask, createTask, factoryResetTask, firmwareTask, radiosOf, readParameterTask, rebootTask,
  restartWifiTasks, setParameterTask, valuesOf, waitTask, type Radio, type TaskBody,
} from '../tasks';
import { actionLabel } from './labels';

export interface ActionsPanel {
  el: HTMLElement;
  // Whether the recommended action can run from here with one click.
  supports(rec: RecommendedAction): boolean;
  recommended(rec: RecommendedAction): void;
}

// The tasks of a recommendation, in order ([] when it has none).
export function recommendedTasks(rec: RecommendedAction): TaskBody[] {
  if (rec.tasks && rec.tasks.length) return rec.tasks;
  return rec.task ? [rec.task] : [];
}

const CHECKS = new Set(['speed-test', 'check-line', 'ping', 'checks']);

const ACTIONS = ['reboot', 'restart-wifi', 'change-channel', 'firmware', 'checks', 'read-parameter', 'set-parameter', 'factory-reset'] as const;

function label(action: string): string {
  switch (action) {
    case 'read-parameter': return t('act.readParam');
    case 'set-parameter': return t('act.setParam');
    default: return actionLabel(action);
  }
}

export function actionsPanel(ov: Overview): ActionsPanel {
  const devices = [...ov.devices].sort((a, b) => (a.role === 'gateway' ? -1 : b.role === 'gateway' ? 1 : 0));
  const result = h('div', { class: 'task-area', 'aria-live': 'polite' });
  const form = h('div', { class: 'action-form' });
  const canChange = roleRank(currentSession()?.user.role) >= 2;
  if (devices.length === 0) {
    return { el: panel(t('actions.title'), { 'data-testid': 'actions' }, notice(t('actions.noDevice'))), supports: () => false, recommended: () => {} };
  }
  const pick = selectField(t('actions.device'), devices.map((d) => ({ value: d.deviceId, label: `${d.role} · ${d.model} · ${d.serial}` })),
    { 'data-testid': 'action-device' });
  const device = () => devices.find((d) => d.deviceId === pick.input.value) ?? devices[0];
  const radioCache = new Map<string, Radio[]>();
  const radios = async (): Promise<Radio[]> => {
    const id = device().deviceId;
    if (!radioCache.has(id)) {
      const detail = await get<{ parameters: Parameter[] }>(`/devices/${seg(id)}`);
      radioCache.set(id, radiosOf(detail.parameters ?? []));
    }
    return radioCache.get(id)!;
  };
  let busy = false;
  const buttons = new Map<string, HTMLButtonElement>();
  const setBusy = (b: boolean) => {
    busy = b;
    for (const btn of buttons.values()) btn.disabled = b || !canChange;
  };

  const show = (action: string, task: Task, extra: Node | null = null) => {
    const kind = task.state === 'done' ? 'ok' : task.state === 'fault' || task.state === 'cancelled' ? 'error' : 'info';
    const key = task.state === 'done' ? 'task.done' : task.state === 'fault' ? 'task.fault' : task.state === 'cancelled' ? 'task.cancelled' : 'task.waiting';
    const detail = task.fault ? [task.fault.code, task.fault.message].filter((x) => x !== undefined && x !== '').join(' ') : '';
    result.replaceChildren(h('div', { class: `notice notice-${kind}`, 'data-testid': 'task-result', 'data-state': task.state, 'data-task': task.id, role: 'status' },
      h('p', {}, t(key, { action: label(action), detail })), extra));
  };

  // Creates the tasks in order and follows each; stops at the first that does not succeed.
  const runTasks = async (action: string, bodies: TaskBody[]) => {
    setBusy(true);
    const id = device().deviceId;
    try {
      let last: Task | null = null;
      for (const body of bodies) {
        result.replaceChildren(h('div', { 'data-testid': 'task-running', 'data-action': action }, loading(t('task.running', { action: label(action) }))));
        const created = await createTask(id, body);
        if (created.connectionRequest && !['ok', 'in_session'].includes(created.connectionRequest)) {
          result.append(notice(t('task.connection', { outcome: created.connectionRequest }), 'warn'));
        }
        last = await waitTask(created);
        if (last.state !== 'done') break;
      }
      if (!last) return;
      const values = last.name === 'getParameterValues' && last.state === 'done' ? valuesOf(last) : [];
      show(action, last, values.length ? h('div', {}, h('h3', {}, t('task.values')), h('dl', { class: 'kv mono' },
        values.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))) : null);
    } catch (e) {
      result.replaceChildren(h('div', { 'data-testid': 'task-result', 'data-state': 'error' }, errorBox(errorText(e))));
    } finally {
      setBusy(false);
    }
  };

  const runChecks = async () => {
    setBusy(true);
    result.replaceChildren(h('div', { 'data-testid': 'task-running', 'data-action': 'checks' }, loading(t('task.running', { action: label('checks') }))));
    try {
      const d = await post<{ health?: number | null }>(`/homes/${seg(ov.home.id)}/checks${query({ timeout: '90s' })}`, {});
      result.replaceChildren(h('div', { class: 'notice notice-ok', 'data-testid': 'task-result', 'data-state': 'done', role: 'status' },
        h('p', {}, t('task.checks', { score: d.health == null ? '?' : formatNumber(d.health) }))));
    } catch (e) {
      result.replaceChildren(h('div', { 'data-testid': 'task-result', 'data-state': 'error' }, errorBox(errorText(e))));
    } finally {
      setBusy(false);
    }
  };

  const submitForm = (content: Node[], go: () => void) => {
    const f = h('form', { class: 'inline-form' }, ...content, h('button', { type: 'submit', class: 'btn btn-primary' }, t('app.confirm')));
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!busy) go();
    });
    form.replaceChildren(f);
    f.querySelector<HTMLElement>('input, select')?.focus();
  };

  const channelForm = async () => {
    form.replaceChildren(loading());
    try {
      const list = await radios();
      if (list.length === 0) return form.replaceChildren(notice(t('actions.noRadios'), 'warn'));
      const radio = selectField(t('actions.radio'), list.map((r) => ({ value: r.path, label: `${r.label} · ${r.channel}` })), { name: 'radio' });
      const channel = field(t('actions.channel'), { type: 'number', name: 'channel', min: 1, max: 196, required: true, 'data-testid': 'channel-input' });
      submitForm([radio.wrap, channel.wrap], () => {
        const r = list.find((x) => x.path === radio.input.value);
        const n = Number(channel.input.value);
        if (!r || !Number.isInteger(n) || n < 1) return channel.input.focus();
        form.replaceChildren();
        void runTasks('change-channel', [changeChannelTask(r, n)]);
      });
    } catch (e) {
      form.replaceChildren(errorBox(errorText(e)));
    }
  };

  const firmwareForm = async () => {
    form.replaceChildren(loading());
    try {
      const files = (await get<{ items: FileItem[] }>(`/files${query({ limit: 200 })}`)).items
        .filter((f) => f.fileType.startsWith('1'));
      if (files.length === 0) return form.replaceChildren(notice(t('actions.noFiles'), 'warn'));
      const file = selectField(t('actions.file'), files.map((f) => ({ value: f.id, label: `${f.id}${f.version ? ` (${f.version})` : ''}` })), { name: 'file' });
      submitForm([file.wrap], () => {
        form.replaceChildren();
        void runTasks('firmware', [firmwareTask(file.input.value)]);
      });
    } catch (e) {
      form.replaceChildren(errorBox(errorText(e)));
    }
  };

  const paramForm = (set: boolean) => {
    const name = field(t('actions.param'), { type: 'text', name: 'parameter', required: true, spellcheck: false, class: 'mono wide' });
    const value = field(t('actions.value'), { type: 'text', name: 'value', spellcheck: false });
    const type = field(t('actions.type'), { type: 'text', name: 'type', list: 'xsd-types', spellcheck: false });
    submitForm(set ? [name.wrap, value.wrap, type.wrap] : [name.wrap], () => {
      if (!name.input.value.trim()) return name.input.focus();
      const body = set ? setParameterTask(name.input.value, value.input.value, type.input.value) : readParameterTask(name.input.value);
      void runTasks(set ? 'set-parameter' : 'read-parameter', [body]);
    });
  };

  // `given`: the tasks of a recommendation, which replace the ones built here.
  const run = async (action: string, given: TaskBody[] = []) => {
    if (busy) return;
    form.replaceChildren();
    const d = device();
    const task = given.length ? given[0] : undefined;
    switch (action) {
      case 'reboot':
        if (await confirmDialog({ title: t('confirm.reboot.title', { serial: d.serial }), text: t('confirm.reboot.text'), confirm: t('act.reboot') })) {
          void runTasks('reboot', given.length ? given : [rebootTask()]);
        }
        return;
      case 'factory-reset': {
        const word = t('confirm.reset.word');
        if (await confirmDialog({ title: t('confirm.reset.title', { serial: d.serial }), text: t('confirm.reset.text'), confirm: t('act.factoryReset'),
          typed: word, typedLabel: t('confirm.reset.typed', { word }), danger: true })) {
          void runTasks('factory-reset', [factoryResetTask()]);
        }
        return;
      }
      case 'restart-wifi':
        if (given.length) return void runTasks(action, given);
        try {
          const list = await radios();
          if (list.length === 0) return void result.replaceChildren(notice(t('actions.noRadios'), 'warn'));
          void runTasks(action, restartWifiTasks(list));
        } catch (e) {
          result.replaceChildren(errorBox(errorText(e)));
        }
        return;
      case 'change-channel':
        return task ? void runTasks(action, [task]) : void channelForm();
      case 'firmware':
        return task ? void runTasks(action, [task]) : void firmwareForm();
      case 'checks':
      case 'speed-test':
      case 'check-line':
      case 'ping':
        return void runChecks();
      case 'read-parameter':
        return paramForm(false);
      case 'set-parameter':
        return paramForm(true);
      default:
        if (given.length) void runTasks(action, given);
    }
  };

  for (const a of ACTIONS) {
    buttons.set(a, h('button', { type: 'button', class: a === 'factory-reset' ? 'btn btn-danger-outline' : 'btn', 'data-testid': `action-${a}`,
      disabled: !canChange, onclick: () => void run(a) }, label(a)));
  }
  const types = h('datalist', { id: 'xsd-types' }, ['string', 'boolean', 'int', 'unsignedInt', 'dateTime'].map((x) => h('option', { value: x })));
  const el = panel(t('actions.title'), { 'data-testid': 'actions' },
    devices.length > 1 ? pick.wrap : h('p', { class: 'muted' }, `${devices[0].model} · ${devices[0].serial}`),
    h('div', { class: 'action-buttons' }, [...buttons.values()]), types, form, result);
  return {
    el,
    supports: (rec) => canChange && (CHECKS.has(rec.action) || recommendedTasks(rec).length > 0),
    recommended: (rec) => {
      if (rec.deviceId && devices.some((x) => x.deviceId === rec.deviceId)) pick.input.value = rec.deviceId;
      void run(rec.action, recommendedTasks(rec));
    },
  };
}
