// The agent console: the staff shell around the pages chosen by the URL hash. Without a staff
// session every page but the login shows the login page; after logging in the agent comes back
// to where they were.
import '../staff/styles.css';
import './styles.css';
import { currentSession, loadSession, logout, setReturnTo, takeReturnTo } from '../staff/api';
import { initLang, onLangChange } from '../staff/i18n';
import { loginPage } from '../staff/login';
import { shell } from '../staff/shell';
import { h } from '../staff/ui';
import { t } from './i18n';
import { go, parseHash, type Route } from './router';
import { customerPage } from './views/customer';
import { searchPage } from './views/search';
import { ticketPage } from './views/ticket';
import { ticketsPage } from './views/tickets';

const app = document.getElementById('app')!;
let first = true;

function page(route: Route): HTMLElement {
  switch (route.name) {
    case 'login':
    case 'search':
      return searchPage(route.name === 'search' ? route.q : '');
    case 'customer':
      return customerPage(route.account, route.homeId);
    case 'tickets':
      return ticketsPage(route.state);
    case 'ticket':
      return ticketPage(route.id);
  }
}

function render(): void {
  const route = parseHash(location.hash);
  const session = currentSession();
  if (!session || route.name === 'login') {
    if (session) {
      go({ name: 'search', q: '' });
      return;
    }
    const frame = shell({ appName: t('app.name'), homeHref: '#/search', session: null, nav: [], onLogout: () => {} });
    frame.main.append(loginPage(t('app.name'), () => {
      const back = takeReturnTo();
      if (back && !back.startsWith('#/login')) location.hash = back;
      else go({ name: 'search', q: '' });
    }));
    app.replaceChildren(frame.root);
    document.title = `${t('login.title')} – ${t('app.name')}`;
    if (route.name !== 'login') {
      // A link opened without a session: back to it after logging in.
      setReturnTo(location.hash);
      location.replace('#/login');
    }
    return;
  }
  const section = route.name === 'tickets' || route.name === 'ticket' ? 'tickets' : 'search';
  const frame = shell({
    appName: t('app.name'),
    homeHref: '#/search',
    session,
    nav: [
      { href: '#/search', label: t('nav.search'), current: section === 'search', testid: 'nav-search' },
      { href: '#/tickets', label: t('nav.tickets'), current: section === 'tickets', testid: 'nav-tickets' },
    ],
    onLogout: async () => {
      await logout();
      go({ name: 'login' });
    },
  });
  const content = page(route);
  frame.main.append(content);
  app.replaceChildren(frame.root);
  const title = content.querySelector('h1')?.textContent ?? '';
  document.title = title ? `${title} – ${t('app.name')}` : t('app.name');
  if (!first) content.querySelector<HTMLElement>('h1')?.focus();
  first = false;
}

async function boot(): Promise<void> {
  initLang();
  app.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('app.loading')));
  await loadSession();
  window.addEventListener('hashchange', render);
  onLangChange(render);
  render();
}

void boot();
