// The dashboard's translator: its own words (en/de/sv here) over the shared staff words.
import { translator } from '../../staff/i18n';
import { de } from './de';
import { en } from './en';
import { sv } from './sv';

export type Key = keyof typeof en;
export const DICTS = { en, de, sv };
export const t = translator<Key>(DICTS);
