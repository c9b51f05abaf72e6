import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, type Route } from './router';

describe('agent router', () => {
  it.each<[string, Route]>([
    ['', { name: 'search', q: '' }],
    ['#/search?q=Anna%20Berg', { name: 'search', q: 'Anna Berg' }],
    ['#/customer/A-100', { name: 'customer', account: 'A-100', homeId: null }],
    ['#/customer/A%2F1/home%201', { name: 'customer', account: 'A/1', homeId: 'home 1' }],
    ['#/customer/', { name: 'search', q: '' }],
    ['#/tickets', { name: 'tickets', state: 'new' }],
    ['#/tickets?state=waiting', { name: 'tickets', state: 'waiting' }],
    ['#/tickets?state=bogus', { name: 'tickets', state: 'new' }],
    ['#/ticket/42', { name: 'ticket', id: '42' }],
    ['#/ticket/%E0%A4%A', { name: 'tickets', state: 'new' }],
    ['#/login', { name: 'login' }],
  ])('parses %s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips every route', () => {
    const routes: Route[] = [
      { name: 'search', q: 'aa:bb:cc' },
      { name: 'customer', account: 'A 1', homeId: 'h/2' },
      { name: 'customer', account: 'A1', homeId: null },
      { name: 'tickets', state: 'solved' },
      { name: 'ticket', id: 't-9' },
      { name: 'login' },
    ];
    for (const r of routes) expect(parseHash(hrefFor(r))).toEqual(r);
  });
});
