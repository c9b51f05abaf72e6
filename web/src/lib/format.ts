// Dates, times and numbers in the chosen language, in the browser's time zone.
import { locale } from '../i18n';

function parse(iso: string | number | null | undefined): Date | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

// "14:05" today, "5 Jan, 14:05" on another day. `now` for tests.
export function formatTime(iso: string | number | null | undefined, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(d);
  if (sameDay(d, now)) return time;
  const day = new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short' }).format(d);
  return `${day}, ${time}`;
}

// "5 Jan 2026" (the weekday of a chart axis: "Mon").
export function formatDate(iso: string | number | null | undefined): string {
  const d = parse(iso);
  return d ? new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(d) : '';
}

export function formatWeekday(ms: number): string {
  return new Intl.DateTimeFormat(locale(), { weekday: 'short' }).format(new Date(ms));
}

export function formatNumber(n: number, digits = 0): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
}
