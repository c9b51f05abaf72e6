import { describe, expect, it } from 'vitest';
import { hrefFor, isPublic, parseHash, type Route } from './router';

describe('parseHash', () => {
  const cases: [string, Route][] = [
    ['', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/home', { name: 'home' }],
    ['#/nonsense/page', { name: 'home' }],
    ['#/troubleshoot', { name: 'troubleshoot' }],
    ['#/troubleshoot/', { name: 'troubleshoot' }],
    ['#/troubleshoot/ts-42', { name: 'run', id: 'ts-42' }],
    ['#/wifi', { name: 'wifi' }],
    ['#/history', { name: 'history' }],
    ['#/help', { name: 'help', q: '' }],
    ['#/help?q=wifi%20slow', { name: 'help', q: 'wifi slow' }],
    ['#/help/wifi-channel', { name: 'article', id: 'wifi-channel' }],
    ['#/tickets', { name: 'tickets' }],
    ['#/login', { name: 'login' }],
    ['#/forgot', { name: 'forgot' }],
    ['#/reset/abc%2Bdef', { name: 'reset', token: 'abc+def' }],
    ['#/reset', { name: 'forgot' }],
    ['#/help/%E0%A4%A', { name: 'help', q: '' }],
  ];
  it.each(cases)('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips through hrefFor', () => {
    for (const [, route] of cases) expect(parseHash(hrefFor(route))).toEqual(route);
  });

  it('knows the pages that need no login', () => {
    expect(isPublic({ name: 'login' })).toBe(true);
    expect(isPublic({ name: 'reset', token: 'x' })).toBe(true);
    expect(isPublic({ name: 'home' })).toBe(false);
    expect(isPublic({ name: 'run', id: 'x' })).toBe(false);
  });
});
