import { afterEach, describe, expect, it } from 'vitest';
import { DICTS, initLang, lang, setLang, t, tn, type Key } from './index';

// Words that are the same in every language: brand and product names, units, language names.
const SAME_EVERYWHERE = new Set([
  'Hearth', 'Internet', 'Router', '{n} ms', '{ms} ms', '{mbps} Mbit/s', 'Download', 'Name: {ssid}',
  '{manufacturer} {model}', 'Firmware {version}',
]);
// Allowed per language (the word is a loan word there, or a cognate spelled alike).
const SAME_IN: Record<string, Set<string>> = {
  de: new Set([]),
  sv: new Set([]),
};

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const keys = Object.keys(DICTS.en) as Key[];

  it('have every key in every language and nothing more', () => {
    for (const code of ['de', 'sv'] as const) {
      expect(Object.keys(DICTS[code]).sort()).toEqual([...keys].sort());
    }
  });

  it('leave no string empty and keep the placeholders', () => {
    for (const code of ['en', 'de', 'sv'] as const) {
      for (const k of keys) {
        expect(DICTS[code][k].trim(), `${code} ${k}`).not.toBe('');
        expect(placeholders(DICTS[code][k]), `${code} ${k}`).toEqual(placeholders(DICTS.en[k]));
      }
    }
  });

  it('leave nothing in English in German or Swedish but names', () => {
    const untranslated: string[] = [];
    for (const code of ['de', 'sv'] as const) {
      for (const k of keys) {
        const english = DICTS.en[k];
        if (DICTS[code][k] !== english) continue;
        if (SAME_EVERYWHERE.has(english) || SAME_IN[code].has(english)) continue;
        untranslated.push(`${code} ${k}: ${english}`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});

describe('t', () => {
  afterEach(() => setLang('en'));

  it('fills placeholders and follows the language', () => {
    expect(t('status.since', { time: '14:05' })).toBe('Since 14:05.');
    setLang('de');
    expect(t('status.since', { time: '14:05' })).toBe('Seit 14:05.');
    expect(document.documentElement.lang).toBe('de');
    setLang('sv');
    expect(tn('home.devicesOne', 'home.devicesOther', 1)).toBe('1 enhet');
    expect(tn('home.devicesOne', 'home.devicesOther', 3)).toBe('3 enheter');
  });

  it('keeps the choice across page loads', () => {
    setLang('sv');
    expect(initLang()).toBe('sv');
    expect(lang()).toBe('sv');
    localStorage.setItem('hearth.lang', 'xx');
    expect(initLang()).toBe(navigator.language.startsWith('de') ? 'de' : navigator.language.startsWith('sv') ? 'sv' : 'en');
  });
});
