import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_DICTS, fill, initLang, lang, setLang, st, translator } from './i18n';
import { checkDicts } from './i18n_check';

describe('staff translations', () => {
  afterEach(() => setLang('en'));

  it('have the same keys and placeholders in en, de and sv', () => {
    expect(checkDicts(STAFF_DICTS)).toEqual([]);
  });

  it('finds a broken dictionary', () => {
    const broken = { en: { a: 'x {n}', b: 'y' }, de: { a: 'x' }, sv: { a: 'x {n}', b: 'y', c: 'z' } };
    expect(checkDicts(broken)).toEqual(['de lacks b', 'sv has extra c', 'de a placeholders differ']);
  });

  it('puts the app words over the shared ones and follows the language', () => {
    const t = translator({ en: { 'x.hello': 'Hello {who}' }, de: { 'x.hello': 'Hallo {who}' }, sv: { 'x.hello': 'Hej {who}' } });
    expect(t('x.hello', { who: 'Ann' })).toBe('Hello Ann');
    expect(t('app.logout')).toBe('Log out');
    setLang('de');
    expect(t('x.hello', { who: 'Ann' })).toBe('Hallo Ann');
    expect(st('app.logout')).toBe('Abmelden');
    expect(document.documentElement.lang).toBe('de');
  });

  it('takes ?lang= first, then the stored choice', () => {
    setLang('sv');
    expect(initLang('')).toBe('sv');
    expect(initLang('?lang=de')).toBe('de');
    expect(localStorage.getItem('hearth.lang')).toBe('de');
    expect(initLang('?lang=xx')).toBe('de');
    expect(lang()).toBe('de');
  });

  it('leaves unknown placeholders as written', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
