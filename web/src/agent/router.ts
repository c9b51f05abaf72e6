// The agent console's pages by URL hash: #/search?q=, #/customer/<account>[/<homeId>],
// #/tickets[?state=], #/ticket/<id>, #/login. Links can be copied into a ticket or a chat.

export type Route =
  | { name: 'login' }
  | { name: 'search'; q: string }
  | { name: 'customer'; account: string; homeId: string | null }
  | { name: 'tickets'; state: string }
  | { name: 'ticket'; id: string };

export const TICKET_STATES = ['new', 'assigned', 'waiting', 'solved'] as const;

function decode(part: string | undefined): string | null {
  if (part === undefined || part === '') return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const qi = raw.indexOf('?');
  const path = qi >= 0 ? raw.slice(0, qi) : raw;
  const params = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '');
  const parts = path.split('/').filter((p) => p !== '');
  switch (parts[0]) {
    case 'login':
      return { name: 'login' };
    case 'customer': {
      const account = decode(parts[1]);
      if (!account) return { name: 'search', q: '' };
      return { name: 'customer', account, homeId: decode(parts[2]) };
    }
    case 'tickets': {
      const state = params.get('state') ?? 'new';
      return { name: 'tickets', state: (TICKET_STATES as readonly string[]).includes(state) ? state : 'new' };
    }
    case 'ticket': {
      const id = decode(parts[1]);
      return id ? { name: 'ticket', id } : { name: 'tickets', state: 'new' };
    }
    default:
      return { name: 'search', q: params.get('q') ?? '' };
  }
}

export function hrefFor(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'login':
      return '#/login';
    case 'search':
      return route.q ? `#/search?q=${e(route.q)}` : '#/search';
    case 'customer':
      return `#/customer/${e(route.account)}${route.homeId ? `/${e(route.homeId)}` : ''}`;
    case 'tickets':
      return `#/tickets?state=${e(route.state)}`;
    case 'ticket':
      return `#/ticket/${e(route.id)}`;
  }
}

export function go(route: Route): void {
  const href = hrefFor(route);
  if (location.hash === href) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = href;
}
