// A router on the URL hash (#/home, #/troubleshoot/<id>, ...): the server serves one page, and
// links keep working when copied or reloaded.

export type Route =
  | { name: 'home' }
  | { name: 'troubleshoot' }
  | { name: 'run'; id: string }
  | { name: 'wifi' }
  | { name: 'history' }
  | { name: 'help'; q: string }
  | { name: 'article'; id: string }
  | { name: 'tickets' }
  | { name: 'login' }
  | { name: 'forgot' }
  | { name: 'reset'; token: string };

// Pages that need no login.
export function isPublic(route: Route): boolean {
  return route.name === 'login' || route.name === 'forgot' || route.name === 'reset';
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '');
  const [first, second] = parts;
  const arg = second !== undefined ? decode(second) : null;
  switch (first) {
    case 'troubleshoot':
      return arg ? { name: 'run', id: arg } : { name: 'troubleshoot' };
    case 'wifi':
      return { name: 'wifi' };
    case 'history':
      return { name: 'history' };
    case 'help':
      if (arg) return { name: 'article', id: arg };
      return { name: 'help', q: new URLSearchParams(query).get('q') ?? '' };
    case 'tickets':
      return { name: 'tickets' };
    case 'login':
      return { name: 'login' };
    case 'forgot':
      return { name: 'forgot' };
    case 'reset':
      return arg ? { name: 'reset', token: arg } : { name: 'forgot' };
    default:
      return { name: 'home' };
  }
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'run':
      return `#/troubleshoot/${encodeURIComponent(route.id)}`;
    case 'article':
      return `#/help/${encodeURIComponent(route.id)}`;
    case 'help':
      return route.q ? `#/help?q=${encodeURIComponent(route.q)}` : '#/help';
    case 'reset':
      return `#/reset/${encodeURIComponent(route.token)}`;
    default:
      return `#/${route.name}`;
  }
}

export function go(route: Route): void {
  const href = hrefFor(route);
  if (location.hash === href) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = href;
  }
}
