import { describe, expect, it } from 'vitest';
import { STAFF_DICTS } from '../staff/i18n';
import { checkDicts } from '../staff/i18n_check';
import { AGENT_DICTS } from './i18n';

describe('agent translations', () => {
  it('have the same keys and placeholders in en, de and sv', () => {
    expect(checkDicts(AGENT_DICTS)).toEqual([]);
  });

  it('do not hide shared words under other texts by accident', () => {
    const shared = new Set(Object.keys(STAFF_DICTS.en));
    expect(Object.keys(AGENT_DICTS.en).filter((k) => shared.has(k))).toEqual([]);
  });
});
