import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../staff/i18n';
import { DICTS, t, type Key } from './index';

// Words that are the same in every language: names, units, numbers.
const SAME_EVERYWHERE = new Set([
  '{pct} %', '{from}–{to}', 'Online', 'Version', 'Modell', 'Plan', 'Region {name}', 'Standard: {value}',
  'Ja', 'Aktiv', 'Status',
]);
const SAME_IN: Record<'de' | 'sv', Set<string>> = {
  de: new Set(['Webhooks', 'Tickets', 'Name', 'Text ({lang})']),
  sv: new Set(['region {region}', 'Id', 'Id (a-z, 0-9, -)', 'firmware']),
};

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dashboard translations', () => {
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
        if (DICTS[code][k] !== english || SAME_EVERYWHERE.has(english) || SAME_IN[code].has(english)) continue;
        untranslated.push(`${code} ${k}: ${english}`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});

describe('t', () => {
  afterEach(() => setLang('en'));

  it('follows the language and falls back to the shared staff words', () => {
    expect(t('fleet.online', { online: 3, total: 5 })).toBe('3 of 5 informed in the last 2 hours');
    setLang('de');
    expect(t('fleet.online', { online: 3, total: 5 })).toBe('3 von 5 meldeten sich in den letzten 2 Stunden');
    setLang('sv');
    expect(t('campaign.state.halted')).toBe('stoppad');
    expect(t('app.logout')).not.toBe('app.logout');
  });
});
