// The dashboard's pages on the URL hash (#/fleet, #/campaign/<id>, #/settings/users, ...), so
// that links can be copied and reloaded.

export const SETTINGS_TABS = ['thresholds', 'webhooks', 'kb', 'users', 'audit'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export type Route =
  | { name: 'login' }
  | { name: 'fleet' }
  | { name: 'incidents'; recent: boolean }
  | { name: 'incident'; id: string }
  | { name: 'selfservice' }
  | { name: 'campaigns' }
  | { name: 'campaign-new' }
  | { name: 'campaign'; id: string }
  | { name: 'settings'; tab: SettingsTab };

function decode(part: string | undefined): string | null {
  if (part === undefined || part === '') return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?', 2);
  const [first, second] = path.split('/').filter((p) => p !== '');
  const arg = decode(second);
  switch (first) {
    case 'login':
      return { name: 'login' };
    case 'incidents':
      return { name: 'incidents', recent: new URLSearchParams(search).has('recent') };
    case 'incident':
      return arg ? { name: 'incident', id: arg } : { name: 'incidents', recent: false };
    case 'selfservice':
      return { name: 'selfservice' };
    case 'campaigns':
      return arg === 'new' ? { name: 'campaign-new' } : { name: 'campaigns' };
    case 'campaign':
      return arg ? { name: 'campaign', id: arg } : { name: 'campaigns' };
    case 'settings': {
      const tab = (SETTINGS_TABS as readonly string[]).includes(arg ?? '') ? (arg as SettingsTab) : 'thresholds';
      return { name: 'settings', tab };
    }
    default:
      return { name: 'fleet' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'incidents':
      return route.recent ? '#/incidents?recent' : '#/incidents';
    case 'incident':
      return `#/incident/${encodeURIComponent(route.id)}`;
    case 'campaign':
      return `#/campaign/${encodeURIComponent(route.id)}`;
    case 'campaign-new':
      return '#/campaigns/new';
    case 'settings':
      return route.tab === 'thresholds' ? '#/settings' : `#/settings/${route.tab}`;
    default:
      return `#/${route.name}`;
  }
}

// The agent console's page of a customer's home.
export function agentHomeHref(account: string, homeId: string): string {
  return `/agent/#/customer/${encodeURIComponent(account)}/${encodeURIComponent(homeId)}`;
}

export function go(route: Route): void {
  const href = hrefFor(route);
  if (location.hash === href) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = href;
}
