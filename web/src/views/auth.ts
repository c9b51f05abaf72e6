// Logging in (account number or email and password) and resetting the password by a one-time
// link (#/reset/<token>).
import { t } from '../i18n';
import { errorMessage, post, setSession, takeReturnTo } from '../lib/api';
import { h } from '../lib/dom';
import { busy, card, errorBox, field, notice, pageTitle, revealToggle } from '../lib/ui';
import type { Me } from '../lib/types';

export function loginPage(): HTMLElement {
  const login = field(t('login.login'), { name: 'login', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = field(t('login.password'), { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'login-form' },
    login.wrap, password.wrap, revealToggle(t('login.showPassword'), password.input), submit, result,
    h('p', {}, h('a', { href: '#/forgot' }, t('login.forgot'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = login.input.value.trim();
    login.setError(value ? null : t('login.login'));
    password.setError(password.input.value ? null : t('login.password'));
    if (!value) return login.input.focus();
    if (!password.input.value) return password.input.focus();
    try {
      const me = await busy(submit, result, t('login.busy'), () =>
        post<Me>('/login', { login: value, password: password.input.value }, { auth: false }));
      setSession(me);
      location.hash = takeReturnTo() || '#/home';
    } catch (e) {
      result.replaceChildren(errorBox(errorMessage(e)));
      password.input.value = '';
      password.input.focus();
    }
  });
  return h('div', { class: 'page page-narrow' },
    pageTitle(t('login.title')),
    h('p', { class: 'lead' }, t('login.intro')),
    card(null, {}, form));
}

export function forgotPage(): HTMLElement {
  const login = field(t('login.login'), { name: 'login', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('forgot.submit'));
  const form = h('form', { class: 'form', novalidate: true }, login.wrap, submit, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = login.input.value.trim();
    login.setError(value ? null : t('login.login'));
    if (!value) return login.input.focus();
    try {
      await busy(submit, result, t('forgot.busy'), () => post('/password-reset', { login: value }, { auth: false }));
      result.replaceChildren(notice(t('forgot.sent'), 'ok'));
    } catch (e) {
      result.replaceChildren(errorBox(errorMessage(e)));
    }
  });
  return h('div', { class: 'page page-narrow' },
    pageTitle(t('forgot.title')),
    h('p', { class: 'lead' }, t('forgot.intro')),
    card(null, {}, form),
    h('p', {}, h('a', { href: '#/login' }, t('forgot.backToLogin'))));
}

export function resetPage(token: string): HTMLElement {
  const password = field(t('reset.password'), { type: 'password', autocomplete: 'new-password', required: true, minlength: 8, maxlength: 128 }, t('reset.hint'));
  const confirm = field(t('reset.confirm'), { type: 'password', autocomplete: 'new-password', required: true });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('reset.submit'));
  const form = h('form', { class: 'form', novalidate: true },
    password.wrap, confirm.wrap, revealToggle(t('login.showPassword'), password.input, confirm.input), submit, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const pw = password.input.value;
    const weak = pw.length < 8 || pw.length > 128;
    password.setError(weak ? t('error.weak_password') : null);
    confirm.setError(!weak && pw !== confirm.input.value ? t('reset.mismatch') : null);
    if (weak) return password.input.focus();
    if (pw !== confirm.input.value) return confirm.input.focus();
    try {
      await busy(submit, result, t('reset.busy'), () => post('/password-reset/confirm', { token, password: pw }, { auth: false }));
      setSession(null);
      form.replaceChildren(notice(t('reset.done'), 'ok'), h('p', {}, h('a', { class: 'button primary', href: '#/login' }, t('login.submit'))));
    } catch (e) {
      result.replaceChildren(errorBox(errorMessage(e)));
    }
  });
  return h('div', { class: 'page page-narrow' }, pageTitle(t('reset.title')), card(null, {}, form));
}
