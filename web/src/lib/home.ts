// The home as last read, shared by the status banner and the pages, so that one navigation
// costs one request. Actions that change the home drop it.
import { get } from './api';
import type { Home } from './types';

const FRESH_MS = 30_000;
let cached: { at: number; lang: string; home: Promise<Home> } | null = null;

export function loadHome(lang: string, force = false): Promise<Home> {
  const now = Date.now();
  if (!force && cached && cached.lang === lang && now - cached.at < FRESH_MS) return cached.home;
  const home = get<Home>('/home');
  cached = { at: now, lang, home };
  home.catch(() => {
    if (cached?.home === home) cached = null;
  });
  return home;
}

export function dropHome(): void {
  cached = null;
}
