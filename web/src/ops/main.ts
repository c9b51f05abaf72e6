// The operator dashboard (/ops/): the staff shell with the dashboard's menu and its pages,
// chosen by the URL hash.
import '../staff/styles.css';
import './ops.css';
import { currentSession, loadSession, logout, onSessionChange, takeReturnTo } from '../staff/api';
import { initLang, onLangChange } from '../staff/i18n';
import { loginPage } from '../staff/login';
import { shell } from '../staff/shell';
import { h } from '../staff/ui';
import { t, type Key } from './i18n';
import { hrefFor, parseHash, type Route } from './router';
import { campaignFormPage } from './views/campaign_form';
import { campaignPage, campaignsPage } from './views/campaigns';
import { fleetPage } from './views/fleet';
import { incidentPage, incidentsPage } from './views/incidents';
import { selfServicePage } from './views/selfservice';
import { settingsPage } from './views/settings';

type Section = 'fleet' | 'incidents' | 'selfservice' | 'campaigns' | 'settings';
const NAV: Section[] = ['fleet', 'incidents', 'selfservice', 'campaigns', 'settings'];

function section(route: Route): Section | null {
  switch (route.name) {
    case 'login': return null;
    case 'incident': return 'incidents';
    case 'campaign':
    case 'campaign-new': return 'campaigns';
    default: return route.name;
  }
}

function page(route: Route): HTMLElement {
  switch (route.name) {
    case 'login': return loginPage(t('app.name'), () => {
      location.hash = takeReturnTo() || '#/fleet';
    });
    case 'fleet': return fleetPage();
    case 'incidents': return incidentsPage(route.recent);
    case 'incident': return incidentPage(route.id);
    case 'selfservice': return selfServicePage();
    case 'campaigns': return campaignsPage();
    case 'campaign-new': return campaignFormPage();
    case 'campaign': return campaignPage(route.id);
    case 'settings': return settingsPage(route.tab);
  }
}

const app = document.getElementById('app')!;
let first = true;

function render(): void {
  let route = parseHash(location.hash);
  if (route.name !== 'login' && !currentSession()) {
    location.hash = '#/login';
    return;
  }
  if (route.name === 'login' && currentSession()) route = { name: 'fleet' };
  const current = section(route);
  const frame = shell({
    appName: t('app.name'),
    homeHref: hrefFor({ name: 'fleet' }),
    session: currentSession(),
    nav: NAV.map((n) => ({ href: `#/${n}`, label: t(`nav.${n}` as Key), current: n === current, testid: `nav-${n}` })),
    onLogout: () => void logout().then(() => {
      location.hash = '#/login';
    }),
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
  onSessionChange((s) => {
    if (!s) first = false;
  });
  render();
}

void boot();
