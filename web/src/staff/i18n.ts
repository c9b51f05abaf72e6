// The staff apps' languages (en/de/sv, chosen as in the portal: ?lang= in the URL, else the
// stored choice in localStorage 'hearth.lang', else the browser's first of the three). Each app
// brings its own dictionaries; translator() puts them over the shared staff words of
// staff/i18n/*, so an app's t() knows both and the compiler checks every key.
import { de } from './i18n/de';
import { en } from './i18n/en';
import { sv } from './i18n/sv';

export type Lang = 'en' | 'de' | 'sv';
export type StaffKey = keyof typeof en;
export type Params = Record<string, string | number>;

export const STAFF_DICTS: Record<Lang, Record<StaffKey, string>> = { en, de, sv };
export const LANGS: { code: Lang; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'sv', name: 'Svenska' },
];
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

// Fills {name} placeholders; an unknown one stays as written.
export function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

export type Translate<K extends string> = (key: K | StaffKey, params?: Params) => string;

// An app's t(): its own words first, then the shared ones, then English, then the key itself.
export function translator<K extends string>(dicts: Record<Lang, Record<K, string>>): Translate<K> {
  return (key, params) => {
    const own = dicts[current] as Record<string, string>;
    const shared = STAFF_DICTS[current] as Record<string, string>;
    const text = own[key] ?? shared[key] ?? (dicts.en as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
    return fill(text, params);
  };
}

// The shared words alone, for staff/ modules.
export const st: Translate<never> = translator<never>({ en: {}, de: {}, sv: {} });

function stored(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;  // storage may be disabled
  }
}

function store(l: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // not stored: the choice lasts until the page is reloaded
  }
}

// ?lang= (kept for the next visit), else the stored choice, else the browser's, else English.
export function initLang(search: string = location.search): Lang {
  const asked = new URLSearchParams(search).get('lang');
  let chosen: Lang | null = isLang(asked) ? asked : null;
  if (chosen) store(chosen);
  chosen ??= stored();
  if (!chosen) {
    for (const l of navigator.languages ?? [navigator.language]) {
      const base = (l ?? '').slice(0, 2).toLowerCase();
      if (isLang(base)) {
        chosen = base;
        break;
      }
    }
  }
  current = chosen ?? 'en';
  document.documentElement.lang = current;
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  store(next);
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}

// ---- Times and numbers in the chosen language, in the browser's time zone ----

function toDate(v: string | number | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

// "14:05" today, "5 Jan, 14:05" another day.
export function formatTime(v: string | number | null | undefined, now: Date = new Date()): string {
  const d = toDate(v);
  if (!d) return '';
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(d);
  const same = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  if (same) return time;
  return `${new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short' }).format(d)}, ${time}`;
}

// "5 Jan 2026, 14:05:09": exact, for tables and tooltips.
export function formatDateTime(v: string | number | null | undefined): string {
  const d = toDate(v);
  return d ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(d) : '';
}

// "3 min ago", "2 h ago", "4 d ago" (st keys time.*).
export function formatAgo(v: string | number | null | undefined, now: number = Date.now()): string {
  const d = toDate(v);
  if (!d) return st('time.never');
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (s < 60) return st('time.justNow');
  if (s < 3600) return st('time.minutesAgo', { n: Math.floor(s / 60) });
  if (s < 86400) return st('time.hoursAgo', { n: Math.floor(s / 3600) });
  return st('time.daysAgo', { n: Math.floor(s / 86400) });
}

export function formatNumber(n: number, digits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}

// Axis labels: hours for a span of up to two days, else the day.
export function formatAxisTime(ms: number, spanMs: number): string {
  const d = new Date(ms);
  if (spanMs <= 2 * 86_400_000) return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(d);
  return new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric' }).format(d);
}
