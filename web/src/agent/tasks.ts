// Remote actions as device tasks (POST /api/v1/devices/{id}/tasks?run=now, the TaskSpec bodies of
// openapi.json) and the wait for their outcome (GET /api/v1/tasks/{taskId}). The bodies and the
// radios of a device are pure functions; the wait takes its pause as an argument so tests need
// no timers.
import { get, post, query, seg } from '../staff/api';
import type { Parameter, Task } from './types';

export type TaskBody = { name: string; [k: string]: unknown };

export interface Radio {
  path: string;  // 'Device.WiFi.Radio.1.' or 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.'
  label: string;  // '2.4GHz (1)'
  enabled: boolean;
  channel: string;
}

const TR181 = /^(Device\.WiFi\.Radio\.\d+\.)Enable$/;
const TR098 = /^(InternetGatewayDevice\.LANDevice\.\d+\.WLANConfiguration\.\d+\.)Enable$/;

// The Wi-Fi radios in a device's parameters, in either data model.
export function radiosOf(params: Parameter[]): Radio[] {
  const byName = new Map(params.map((p) => [p.name, p.value]));
  const out: Radio[] = [];
  for (const p of params) {
    const m = TR181.exec(p.name) ?? TR098.exec(p.name);
    if (!m) continue;
    const path = m[1];
    const band = byName.get(`${path}OperatingFrequencyBand`) ?? byName.get(`${path}X_Band`) ?? '';
    const index = path.split('.').filter(Boolean).pop();
    out.push({
      path,
      label: band ? `${band} (${index})` : path,
      enabled: p.value === 'true' || p.value === '1',
      channel: byName.get(`${path}Channel`) ?? '',
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

export const rebootTask = (): TaskBody => ({ name: 'reboot', maxAttempts: 1 });
export const factoryResetTask = (): TaskBody => ({ name: 'factoryReset', maxAttempts: 1 });

export function firmwareTask(fileId: string): TaskBody {
  return { name: 'download', fileId, fileType: '1 Firmware Upgrade Image', maxAttempts: 1 };
}

// Wi-Fi off, then on again: two tasks the ACS runs in this order (the second tries harder, so
// the Wi-Fi does not stay off).
export function restartWifiTasks(radios: Radio[]): TaskBody[] {
  const on = radios.map((r) => [`${r.path}Enable`, true]);
  const off = radios.filter((r) => r.enabled).map((r) => [`${r.path}Enable`, false]);
  if (on.length === 0) return [];
  return [
    ...(off.length ? [{ name: 'setParameterValues', parameterValues: off, maxAttempts: 2 }] : []),
    { name: 'setParameterValues', parameterValues: on, maxAttempts: 5 },
  ];
}

// A fixed channel (the automatic choice off, or it would move away again).
export function changeChannelTask(radio: Radio, channel: number): TaskBody {
  return {
    name: 'setParameterValues',
    parameterValues: [[`${radio.path}Channel`, channel], [`${radio.path}AutoChannelEnable`, false]],
    maxAttempts: 2,
  };
}

export function readParameterTask(name: string): TaskBody {
  return { name: 'getParameterValues', parameterNames: [name.trim()], maxAttempts: 2 };
}

// [name, value] or with an xsd type ('unsignedInt' becomes 'xsd:unsignedInt').
export function setParameterTask(name: string, value: string, type = ''): TaskBody {
  const ty = type.trim();
  const item: unknown[] = [name.trim(), value];
  if (ty) item.push(ty.includes(':') ? ty : `xsd:${ty}`);
  return { name: 'setParameterValues', parameterValues: [item], maxAttempts: 2 };
}

export const FINISHED = new Set(['done', 'fault', 'cancelled']);

export interface Created extends Task {
  connectionRequest?: string;
}

export function createTask(deviceId: string, body: TaskBody): Promise<Created> {
  return post<Created>(`/devices/${seg(deviceId)}/tasks${query({ run: 'now' })}`, body);
}

export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// Polls the task until it is finished, `tries` times at most; the last state read otherwise.
export async function waitTask(task: Task, opts: { tries?: number; every?: number; sleep?: (ms: number) => Promise<void>;
                                                  onUpdate?: (t: Task) => void } = {}): Promise<Task> {
  const sleep = opts.sleep ?? pause;
  let cur = task;
  for (let i = 0; i < (opts.tries ?? 90) && !FINISHED.has(cur.state); i++) {
    await sleep(opts.every ?? 2000);
    cur = await get<Task>(`/tasks/${seg(cur.id)}`);
    opts.onUpdate?.(cur);
  }
  return cur;
}

// The values a getParameterValues task read, from its result in either shape the server uses.
export function valuesOf(task: Task): [string, string][] {
  const r = task.result as Record<string, unknown> | null;
  if (!r) return [];
  const list = (r.parameterValues ?? r.parameters ?? r.values) as unknown;
  if (Array.isArray(list)) {
    return list.map((x) => (Array.isArray(x)
      ? [String(x[0]), String(x[1])]
      : [String((x as Parameter).name), String((x as Parameter).value)]));
  }
  if (list && typeof list === 'object') return Object.entries(list as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
  return [];
}
