// The frame of a staff app: a skip link, the header (app name, the user and role, language
// switch, logout), the navigation and the main region that holds the page.
import type { StaffSession } from './api';
import { LANGS, isLang, lang, setLang, st } from './i18n';
import { h, nextId } from './ui';

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
  testid?: string;
}

export interface ShellOptions {
  appName: string;
  homeHref: string;
  session: StaffSession | null;
  nav: NavItem[];
  onLogout: () => void;
}

export interface Shell {
  root: DocumentFragment;
  main: HTMLElement;
}

export function roleName(role: string): string {
  switch (role) {
    case 'read': return st('role.read');
    case 'agent': return st('role.agent');
    case 'supervisor': return st('role.supervisor');
    case 'operator': return st('role.operator');
    case 'admin': return st('role.admin');
    default: return role;
  }
}

export function languageSwitch(): HTMLElement {
  const id = nextId('lang');
  const select = h('select', { id, class: 'lang-select', 'data-testid': 'lang-select' },
    LANGS.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === lang() }, l.name)));
  select.addEventListener('change', () => {
    if (isLang(select.value)) setLang(select.value);
  });
  return h('span', { class: 'lang' }, h('label', { for: id, class: 'visually-hidden' }, st('app.language')), select);
}

export function shell(o: ShellOptions): Shell {
  const main = h('main', { id: 'main', tabindex: -1, class: 'staff-main' });
  const user = o.session
    ? h('span', { class: 'user', 'data-testid': 'staff-user' },
        st('app.user', { name: o.session.user.name || o.session.user.login, role: roleName(o.session.user.role) }))
    : null;
  const logout = o.session
    ? h('button', { type: 'button', class: 'btn btn-header', 'data-testid': 'logout', onclick: o.onLogout }, st('app.logout'))
    : null;
  const header = h('header', { class: 'staff-header' },
    h('a', { class: 'staff-brand', href: o.homeHref }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), o.appName),
    o.session && o.nav.length
      ? h('nav', { class: 'staff-nav', 'aria-label': st('app.navLabel') },
          h('ul', {}, o.nav.map((n) => h('li', {},
            h('a', { href: n.href, 'aria-current': n.current ? 'page' : null, 'data-testid': n.testid ?? null }, n.label)))))
      : h('span', { class: 'staff-nav' }),
    h('div', { class: 'staff-tools' }, user, languageSwitch(), logout));
  const root = document.createDocumentFragment();
  root.append(
    h('a', { class: 'skip', href: '#main', onclick: (ev: Event) => { ev.preventDefault(); main.focus(); } }, st('app.skip')),
    header, main);
  return { root, main };
}
