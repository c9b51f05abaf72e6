// Wi-Fi settings (name, password, guest network) and names for the devices.
import { lang, t, type Key } from '../i18n';
import { errorMessage, get, put } from '../lib/api';
import { h, nextId } from '../lib/dom';
import { dropHome, loadHome } from '../lib/home';
import { busy, card, errorBox, field, notice, pageTitle, progress, revealToggle } from '../lib/ui';
import { checkDeviceName, checkSsid, checkWifiPassword } from '../lib/validate';
import type { Station, Wifi, WifiResult } from '../lib/types';

function resultNotice(r: WifiResult): HTMLElement {
  const kind = r.state === 'failed' ? 'warn' : r.state === 'done' ? 'ok' : 'info';
  return h('div', {},
    notice(t(`wifi.state.${r.state}` as Key), kind),
    r.state !== 'failed' && r.warning ? notice(r.warning, 'warn') : null);
}

function wifiForm(wifi: Wifi): HTMLElement {
  const ssid = field(t('wifi.ssid'), { value: wifi.ssid, autocomplete: 'off', spellcheck: 'false', required: true, maxlength: 32 }, t('wifi.ssidHint'));
  const password = field(t('wifi.password'), { type: 'password', autocomplete: 'new-password', spellcheck: 'false', maxlength: 63 }, t('wifi.passwordHint'));
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('wifi.save'));
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'wifi-form' },
    h('p', { class: 'muted' }, t('wifi.bands', { bands: wifi.bands.join(', ') }), ' · ', t('wifi.security', { security: wifi.security })),
    ssid.wrap, password.wrap, revealToggle(t('wifi.showPassword'), password.input),
    notice(t('wifi.reconnect'), 'warn'),
    submit, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const name = ssid.input.value;
    const pw = password.input.value;
    const ssidErr = checkSsid(name);
    const pwErr = pw === '' ? null : checkWifiPassword(pw);
    ssid.setError(ssidErr ? t(ssidErr) : null);
    password.setError(pwErr ? t(pwErr) : null);
    if (ssidErr) return ssid.input.focus();
    if (pwErr) return password.input.focus();
    const body: Record<string, string> = {};
    if (name !== wifi.ssid) body.ssid = name;
    if (pw !== '') body.password = pw;
    if (!Object.keys(body).length) {
      result.replaceChildren(notice(t('wifi.nothing')));
      return;
    }
    try {
      const r = await busy(submit, result, t('wifi.saving'), () => put<WifiResult>('/wifi', body));
      if (r.state !== 'failed') {
        if (body.ssid) wifi.ssid = name;
        password.input.value = '';
      }
      dropHome();
      result.replaceChildren(resultNotice(r));
    } catch (e) {
      result.replaceChildren(errorBox(errorMessage(e)));
    }
  });
  return form;
}

function guestCard(wifi: Wifi): HTMLElement {
  if (!wifi.guest.available) return card(t('wifi.guest'), {}, h('p', {}, t('wifi.guestUnavailable')));
  const id = nextId('guest');
  const box = h('input', { type: 'checkbox', id, role: 'switch', checked: wifi.guest.enabled, 'data-testid': 'guest-switch' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  box.addEventListener('change', async () => {
    const want = box.checked;
    try {
      const r = await busy(null, result, t('wifi.guestSaving'), async () => {
        box.disabled = true;
        try {
          return await put<WifiResult>('/wifi', { guestEnabled: want });
        } finally {
          box.disabled = false;
        }
      });
      if (r.state === 'failed') box.checked = !want;
      result.replaceChildren(resultNotice(r));
    } catch (e) {
      box.checked = !want;
      result.replaceChildren(errorBox(errorMessage(e)));
    }
  });
  return card(t('wifi.guest'), {},
    h('p', {}, t('wifi.guestIntro')),
    h('div', { class: 'check switch' }, box, h('label', { for: id }, t('wifi.guestOn'))),
    wifi.guest.ssid ? h('p', { class: 'muted' }, t('wifi.guestName', { ssid: wifi.guest.ssid })) : null,
    result);
}

function renameItem(st: Station): HTMLElement {
  const label = h('span', { class: 'device-name' }, st.name);
  const slot = h('div', {});
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const open = h('button', { type: 'button', class: 'secondary small', 'aria-label': `${t('wifi.rename')}: ${st.name}` }, t('wifi.rename'));
  open.addEventListener('click', () => {
    const input = field(t('wifi.renameLabel', { name: st.name }), { value: st.name, maxlength: 40, required: true });
    const save = h('button', { type: 'submit', class: 'primary small' }, t('app.save'));
    const cancel = h('button', { type: 'button', class: 'secondary small' }, t('app.cancel'));
    const form = h('form', { class: 'form inline-form', novalidate: true }, input.wrap, h('div', { class: 'buttons' }, save, cancel));
    cancel.addEventListener('click', () => { slot.replaceChildren(); open.hidden = false; open.focus(); });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const name = input.input.value.trim();
      const err = checkDeviceName(name);
      input.setError(err ? t(err) : null);
      if (err) return input.input.focus();
      try {
        const r = await busy(save, result, t('app.loading'), () => put<{ mac: string; name: string }>(`/devices/${encodeURIComponent(st.mac)}`, { name }));
        st.name = r.name;
        label.textContent = r.name;
        dropHome();
        slot.replaceChildren();
        open.hidden = false;
        open.setAttribute('aria-label', `${t('wifi.rename')}: ${r.name}`);
        result.replaceChildren(notice(t('wifi.renamed', { name: r.name }), 'ok'));
        open.focus();
      } catch (e) {
        result.replaceChildren(errorBox(errorMessage(e)));
      }
    });
    open.hidden = true;
    slot.replaceChildren(form);
    input.input.focus();
    input.input.select();
  });
  return h('li', { class: 'device rename' },
    h('span', { class: 'device-main' }, label, h('span', { class: 'device-facts' }, st.mac)),
    open, slot, result);
}

export function wifiPage(): HTMLElement {
  const wifiSlot = h('div', { class: 'stack' }, progress(t('app.loading')));
  const devicesSlot = h('div', {}, progress(t('app.loading')));
  const load = () => {
    wifiSlot.replaceChildren(progress(t('app.loading')));
    get<Wifi>('/wifi').then((wifi) => {
      wifiSlot.replaceChildren(card(t('wifi.current'), {}, wifiForm(wifi)), guestCard(wifi));
    }).catch((e) => wifiSlot.replaceChildren(errorBox(errorMessage(e), load)));
  };
  load();
  loadHome(lang()).then((home) => {
    const list = home.network.stations;
    devicesSlot.replaceChildren(list.length ? h('ul', { class: 'devices' }, list.map(renameItem)) : h('p', {}, t('home.noDevices')));
  }).catch((e) => devicesSlot.replaceChildren(errorBox(errorMessage(e))));
  return h('div', { class: 'page' },
    pageTitle(t('wifi.title')),
    wifiSlot,
    card(t('wifi.devices'), {}, h('p', { class: 'muted' }, t('wifi.devicesIntro')), devicesSlot));
}
