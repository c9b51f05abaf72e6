// The staff login page: user name and password to POST /api/v1/staff/session. On success the
// app is told (it then goes back to where the user was, or to its start page).
import { errorText, login, type StaffSession } from './api';
import { st } from './i18n';
import { errorBox, field, h, loading } from './ui';

export function loginPage(appName: string, onLoggedIn: (s: StaffSession) => void): HTMLElement {
  const user = field(st('login.login'), { type: 'text', name: 'login', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: false });
  const pass = field(st('login.password'), { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const slot = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, st('login.submit'));
  const form = h('form', { class: 'login-form', 'data-testid': 'staff-login-form', novalidate: true },
    user.wrap, pass.wrap, slot, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!user.input.value.trim() || !pass.input.value) {
      (user.input.value.trim() ? pass.input : user.input).focus();
      return;
    }
    submit.disabled = true;
    slot.replaceChildren(loading(st('login.busy')));
    try {
      const s = await login(user.input.value.trim(), pass.input.value);
      onLoggedIn(s);
    } catch (e) {
      slot.replaceChildren(errorBox(errorText(e)));
      pass.input.value = '';
      pass.input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', { class: 'login-page' },
    h('div', { class: 'login-box' },
      h('h1', { tabindex: -1 }, st('login.title')),
      h('p', { class: 'muted' }, appName, ' – ', st('login.intro')),
      form));
}
