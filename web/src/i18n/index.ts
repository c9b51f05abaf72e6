// The portal's three languages. Every visible string comes from t(); the choice is kept in
// localStorage, written to <html lang>, and sent to the API as ?lang= so that the texts the
// server writes (status, troubleshooting steps, history, help) come back in it too.
import { de } from './de';
import { en } from './en';
import { sv } from './sv';

export type Lang = 'en' | 'de' | 'sv';
export type Key = keyof typeof en;
export type Dict = Record<Key, string>;

export const DICTS: Record<Lang, Dict> = { en, de, sv };
// Each language is named in itself, so a reader finds their own whatever is shown.
export const LANGS: { code: Lang; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'sv', name: 'Svenska' },
];
// The locale for dates and numbers (24-hour clock in all three).
const LOCALES: Record<Lang, string> = { en: 'en-GB', de: 'de-DE', sv: 'sv-SE' };
const STORAGE_KEY = 'hearth.lang';

let current: Lang = 'en';
const listeners: (() => void)[] = [];

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'de' || value === 'sv';
}

export function lang(): Lang {
  return current;
}

export function locale(): string {
  return LOCALES[current];
}

// t('status.since', {time: '14:05'}); an unknown placeholder stays as written.
export function t(key: Key, params?: Record<string, string | number>): string {
  const text = DICTS[current][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

// One of two keys by the count (English, German and Swedish all have one and other).
export function tn(one: Key, other: Key, n: number): string {
  return n === 1 ? t(one, { n }) : t(other, { n });
}

function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;  // storage may be disabled
  }
}

// The stored choice, else the browser's first of en/de/sv, else English.
export function initLang(): Lang {
  let chosen: Lang = 'en';
  const stored = storedLang();
  if (stored) {
    chosen = stored;
  } else {
    for (const l of navigator.languages ?? [navigator.language]) {
      const base = (l ?? '').slice(0, 2).toLowerCase();
      if (isLang(base)) {
        chosen = base;
        break;
      }
    }
  }
  current = chosen;
  document.documentElement.lang = chosen;
  return chosen;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not stored: the choice lasts until the page is reloaded
  }
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}
