// The customer portal: the shell (header, menu, language switch, status banner) and the pages,
// chosen by the URL hash.
import './styles.css';
import { initLang, LANGS, isLang, onLangChange, setLang, t, lang, type Key } from './i18n';
import { call, currentSession, get, onSessionChange, setSession } from './lib/api';
import { h, nextId } from './lib/dom';
import { loadHome } from './lib/home';
import { go, isPublic, parseHash, type Route } from './lib/router';
import type { Me } from './lib/types';
import { forgotPage, loginPage, resetPage } from './views/auth';
import { homePage } from './views/home';
import { articlePage, helpPage, historyPage, ticketsPage } from './views/lists';
import { runPage } from './views/run';
import { statusBanner, statusLoading } from './views/status';
import { troubleshootPage } from './views/troubleshoot';
import { wifiPage } from './views/wifi';

const NAV: { route: Route['name']; key: Key; href: string }[] = [
  { route: 'home', key: 'nav.home', href: '#/home' },
  { route: 'troubleshoot', key: 'nav.troubleshoot', href: '#/troubleshoot' },
  { route: 'wifi', key: 'nav.wifi', href: '#/wifi' },
  { route: 'history', key: 'nav.history', href: '#/history' },
  { route: 'help', key: 'nav.help', href: '#/help' },
  { route: 'tickets', key: 'nav.tickets', href: '#/tickets' },
];

// Which menu entry a page belongs to.
function section(route: Route): Route['name'] {
  if (route.name === 'run') return 'troubleshoot';
  if (route.name === 'article') return 'help';
  return route.name;
}

function page(route: Route): HTMLElement {
  switch (route.name) {
    case 'login': return loginPage();
    case 'forgot': return forgotPage();
    case 'reset': return resetPage(route.token);
    case 'troubleshoot': return troubleshootPage();
    case 'run': return runPage(route.id);
    case 'wifi': return wifiPage();
    case 'history': return historyPage();
    case 'help': return helpPage(route.q);
    case 'article': return articlePage(route.id);
    case 'tickets': return ticketsPage();
    case 'home': return homePage();
  }
}

const app = document.getElementById('app')!;
let first = true;

function header(route: Route): HTMLElement {
  const me = currentSession();
  const langId = nextId('lang');
  const select = h('select', { id: langId, class: 'lang-select' },
    LANGS.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === lang() }, l.name)));
  select.addEventListener('change', () => {
    if (isLang(select.value)) setLang(select.value);
  });
  const logout = me ? h('button', { type: 'button', class: 'link-button', 'data-testid': 'logout' }, t('app.logout')) : null;
  logout?.addEventListener('click', async () => {
    try {
      await call('POST', '/logout', {});
    } catch {
      // the session is gone either way
    }
    setSession(null);
    go({ name: 'login' });
  });
  const current = section(route);
  return h('header', { class: 'topbar' },
    h('div', { class: 'topbar-inner' },
      h('a', { class: 'brand', href: me ? '#/home' : '#/login' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), t('app.name')),
      h('div', { class: 'topbar-tools' },
        h('label', { for: langId, class: 'visually-hidden' }, t('app.language')), select, logout)),
    me ? h('nav', { class: 'menu', 'aria-label': t('app.navLabel') },
      h('ul', {}, NAV.map((n) => h('li', {},
        h('a', { href: n.href, 'aria-current': n.route === current ? 'page' : null }, t(n.key)))))) : null);
}

function render(): void {
  const route = parseHash(location.hash);
  if (!isPublic(route) && !currentSession()) {
    location.hash = '#/login';
    return;
  }
  const status = h('div', { class: 'status-slot', role: 'region', 'aria-label': t('status.region') });
  if (currentSession()) {
    status.replaceChildren(statusLoading());
    loadHome(lang()).then((home) => status.replaceChildren(statusBanner(home.status)))
      .catch(() => status.replaceChildren(statusBanner(null)));
  } else {
    status.replaceChildren(statusBanner(null));
  }
  const content = page(route);
  const main = h('main', { id: 'main', tabindex: -1 }, content);
  app.replaceChildren(
    h('a', { class: 'skip', href: '#main', onclick: (ev: Event) => { ev.preventDefault(); main.focus(); } }, t('app.skip')),
    header(route), status, main);
  const title = content.querySelector('h1')?.textContent ?? '';
  document.title = title ? `${title} – ${t('app.name')}` : t('app.name');
  if (!first) content.querySelector<HTMLElement>('h1')?.focus();
  first = false;
}

async function boot(): Promise<void> {
  initLang();
  app.replaceChildren(h('p', { class: 'boot', role: 'status' }, t('app.loading')));
  const route = parseHash(location.hash);
  if (!isPublic(route)) {
    try {
      setSession(await get<Me>('/me', { auth: false }));
    } catch {
      setSession(null);
    }
  }
  window.addEventListener('hashchange', render);
  onLangChange(render);
  onSessionChange((me) => {
    if (!me) first = false;
  });
  render();
}

void boot();
