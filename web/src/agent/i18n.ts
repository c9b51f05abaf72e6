// The agent console's t(): its own words (agent/i18n/*) over the shared staff words.
import { translator } from '../staff/i18n';
import { de } from './i18n/de';
import { en } from './i18n/en';
import { sv } from './i18n/sv';

export type AgentKey = keyof typeof en;
export const AGENT_DICTS = { en, de, sv };
export const t = translator<AgentKey>(AGENT_DICTS);
