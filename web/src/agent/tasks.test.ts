import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeChannelTask, radiosOf, restartWifiTasks, setParameterTask, valuesOf, waitTask } from './tasks';
import type { Parameter, Task } from './types';

const p = (name: string, value: string): Parameter => ({ name, value, type: 'string', writable: true });

describe('remote action bodies', () => {
  it('find the radios of either data model', () => {
    const tr181 = radiosOf([
      p('Device.WiFi.Radio.2.Enable', 'true'), p('Device.WiFi.Radio.2.Channel', '36'),
      p('Device.WiFi.Radio.2.OperatingFrequencyBand', '5GHz'),
      p('Device.WiFi.Radio.1.Enable', 'false'), p('Device.WiFi.Radio.1.Channel', '6'),
      p('Device.WiFi.SSID.1.Enable', 'true'),
    ]);
    expect(tr181.map((r) => [r.path, r.enabled, r.channel])).toEqual([
      ['Device.WiFi.Radio.1.', false, '6'], ['Device.WiFi.Radio.2.', true, '36']]);
    expect(tr181[1].label).toBe('5GHz (2)');
    const tr098 = radiosOf([p('InternetGatewayDevice.LANDevice.1.WLANConfiguration.3.Enable', '1')]);
    expect(tr098[0].path).toBe('InternetGatewayDevice.LANDevice.1.WLANConfiguration.3.');
    expect(tr098[0].enabled).toBe(true);
  });

  it('restart the Wi-Fi: the enabled radios off, then all on', () => {
    const radios = radiosOf([p('Device.WiFi.Radio.1.Enable', 'true'), p('Device.WiFi.Radio.2.Enable', 'false')]);
    expect(restartWifiTasks(radios)).toEqual([
      { name: 'setParameterValues', parameterValues: [['Device.WiFi.Radio.1.Enable', false]], maxAttempts: 2 },
      { name: 'setParameterValues', parameterValues: [['Device.WiFi.Radio.1.Enable', true], ['Device.WiFi.Radio.2.Enable', true]], maxAttempts: 5 },
    ]);
    expect(restartWifiTasks([])).toEqual([]);
  });

  it('fix a channel and set typed parameters', () => {
    const [radio] = radiosOf([p('Device.WiFi.Radio.1.Enable', 'true')]);
    expect(changeChannelTask(radio, 11).parameterValues).toEqual([
      ['Device.WiFi.Radio.1.Channel', 11], ['Device.WiFi.Radio.1.AutoChannelEnable', false]]);
    expect(setParameterTask(' A.B ', '5', 'unsignedInt').parameterValues).toEqual([['A.B', '5', 'xsd:unsignedInt']]);
    expect(setParameterTask('A.B', 'x').parameterValues).toEqual([['A.B', 'x']]);
  });
});

describe('waitTask', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('polls until the task is finished and reports each state', async () => {
    const states = ['running', 'running', 'done'];
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      const state = states.shift();
      return new Response(JSON.stringify({ id: '7', deviceId: 'd', name: 'reboot', state, result: {}, fault: null }), { status: 200 });
    });
    const seen: string[] = [];
    const start: Task = { id: '7', deviceId: 'd', name: 'reboot', state: 'pending', result: null, fault: null };
    const end = await waitTask(start, { sleep: async () => {}, onUpdate: (t) => seen.push(t.state) });
    expect(end.state).toBe('done');
    expect(seen).toEqual(['running', 'running', 'done']);
    expect(urls[0]).toBe('/api/v1/tasks/7');
  });

  it('gives up after the tries it was given', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ id: '7', state: 'running' }), { status: 200 }));
    const end = await waitTask({ id: '7', deviceId: 'd', name: 'x', state: 'pending', result: null, fault: null }, { tries: 3, sleep: async () => {} });
    expect(end.state).toBe('running');
  });

  it('reads values from the result', () => {
    const task = (result: unknown) => ({ id: '1', deviceId: 'd', name: 'getParameterValues', state: 'done', result, fault: null }) as Task;
    expect(valuesOf(task({ parameterValues: [['A', '1']] }))).toEqual([['A', '1']]);
    expect(valuesOf(task({ parameters: [{ name: 'B', value: '2' }] }))).toEqual([['B', '2']]);
    expect(valuesOf(task({ values: { C: 3 } }))).toEqual([['C', '3']]);
    expect(valuesOf(task(null))).toEqual([]);
  });
});
