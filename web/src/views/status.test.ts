import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../i18n';
import type { HomeStatus } from '../lib/types';
import { statusBanner } from './status';

// The tests run in Europe/Stockholm (vite.config.ts): 13:05Z is 14:05 there in January.
const NOW = new Date('2026-01-05T15:00:00Z');
const base: HomeStatus = {
  kind: 'ok', title: 'All good', text: 'Your internet and Wi-Fi work normally.', since: null, etr: null,
  incidentId: null, maintenance: null, primary: null, restartAdvised: true,
};

describe('status banner', () => {
  afterEach(() => setLang('en'));

  it('says all good', () => {
    const el = statusBanner(base, NOW);
    expect(el.dataset.testid).toBe('status-banner');
    expect(el.dataset.kind).toBe('ok');
    expect(el.textContent).toContain('All good');
    expect(el.querySelector('a')).toBeNull();
  });

  it('gives a disturbance in the area with since and until, and no restart', () => {
    const el = statusBanner({ ...base, kind: 'area', title: 'Disturbance in your area', text: '',
      since: '2026-01-05T13:05:00Z', etr: '2026-01-05T17:00:00Z', incidentId: '12', restartAdvised: false }, NOW);
    expect(el.textContent).toContain('Since 14:05. Expected to be fixed by 18:00.');
    expect(el.textContent).toContain('No need to restart your router');
    expect(el.querySelector('a')).toBeNull();
  });

  it('does not repeat what the server\'s text of a disturbance already says', () => {
    const text = 'There is a disturbance in your area since 14:05; we are working on it. No need to restart your router.';
    const el = statusBanner({ ...base, kind: 'area', title: 'Disturbance in your area', text,
      since: '2026-01-05T13:05:00Z', etr: null, incidentId: '12', restartAdvised: false }, NOW);
    expect(el.textContent).toContain(text);
    expect(el.textContent?.match(/restart/g)?.length).toBe(1);
    expect(el.textContent).not.toContain('Since 14:05.');
  });

  it('names the problem in the home and offers to fix it', () => {
    const el = statusBanner({ ...base, kind: 'home', title: 'Problem in your home',
      primary: { code: 'WIFI-CHAN-1', title: 'Crowded Wi-Fi channel', text: 'Many networks nearby use the same channel.', severity: 'warning' } }, NOW);
    expect(el.textContent).toContain('Crowded Wi-Fi channel');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('#/troubleshoot');
  });

  it('shows the date of a time on another day, in the chosen language', () => {
    setLang('de');
    const el = statusBanner({ ...base, kind: 'area', title: 'Störung', text: '', since: '2026-01-04T13:05:00Z', etr: null }, NOW);
    expect(el.textContent).toMatch(/Seit 4\. Jan\.?, 14:05\./);
  });

  it('asks to log in without a status', () => {
    expect(statusBanner(null).textContent).toBe('Log in to see the status of your connection.');
  });
});
