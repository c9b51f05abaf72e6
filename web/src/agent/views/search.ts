// The search page: one box for a name, account number, address, gateway serial or MAC address
// (GET /api/v1/customers?q=); each result links to the customer page, one link per home.
import { errorText, get, query } from '../../staff/api';
import { badge, empty, h, loadInto, pageTitle, panel } from '../../staff/ui';
import { t, type AgentKey } from '../i18n';
import { go, hrefFor } from '../router';
import type { CustomerHit } from '../types';

const MATCH: Record<string, AgentKey> = {
  account: 'match.account', name: 'match.name', email: 'match.email',
  address: 'match.address', serial: 'match.serial', mac: 'match.mac',
};

export function matchLabel(field: string): string {
  return MATCH[field] ? t(MATCH[field]) : field;
}

function result(c: CustomerHit): HTMLElement {
  const address = [c.street, [c.postalCode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const homes = c.homes.length > 1
    ? h('ul', { class: 'plain' }, c.homes.map((home) => h('li', {},
        h('a', { href: hrefFor({ name: 'customer', account: c.account, homeId: home.id }) }, `${t('customer.home')} ${home.id}`),
        ' ', h('span', { class: 'muted' }, home.gateway ? `${home.gateway.model} ${home.gateway.serial}` : t('search.noGateway')))))
    : null;
  const gw = c.homes[0]?.gateway;
  return h('li', { class: 'result', 'data-testid': 'search-result', 'data-account': c.account },
    h('div', { class: 'result-head' },
      h('a', { class: 'result-name', href: hrefFor({ name: 'customer', account: c.account, homeId: c.homes.length === 1 ? c.homes[0].id : null }) },
        c.name || c.account),
      h('span', { class: 'mono' }, c.account),
      badge(t('search.matched', { field: matchLabel(c.matched) }), 'info')),
    h('div', { class: 'muted' }, [address, c.email].filter(Boolean).join(' · ')),
    c.homes.length === 1 ? h('div', { class: 'muted' }, gw ? `${gw.model} · ${gw.serial}` : t('search.noGateway')) : homes);
}

export function searchPage(q: string): HTMLElement {
  const input = h('input', { type: 'search', id: 'customer-search', name: 'q', value: q, autocomplete: 'off', spellcheck: false,
    'data-testid': 'customer-search', 'aria-describedby': 'customer-search-hint' });
  const form = h('form', { class: 'search-form', role: 'search' },
    h('label', { for: 'customer-search' }, t('search.label')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'btn btn-primary' }, t('search.submit'))),
    h('p', { id: 'customer-search-hint', class: 'muted small' }, t('search.short')));
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go({ name: 'search', q: input.value.trim() });
  });
  if (q.trim().length >= 2) {
    void loadInto(results,
      () => get<{ customers: CustomerHit[] }>(`/customers${query({ q: q.trim(), limit: 50 })}`),
      (r) => r.customers.length === 0
        ? empty(t('search.none', { q }))
        : [h('p', { class: 'muted' }, t('search.count', { n: r.customers.length, q })),
           h('ul', { class: 'result-list' }, r.customers.map(result))],
      errorText);
  }
  queueMicrotask(() => {
    if (!q) input.focus();
  });
  return h('div', {}, pageTitle(t('search.title')), panel(null, {}, form), results);
}
