// Names of the remote actions as the diagnosis recommends them ('reboot', 'restart-wifi', ...).
import { t, type AgentKey } from '../i18n';

const ACTION_KEYS: Record<string, AgentKey> = {
  reboot: 'act.reboot', 'factory-reset': 'act.factoryReset', 'restart-wifi': 'act.restartWifi',
  'change-channel': 'act.changeChannel', firmware: 'act.firmware', 'speed-test': 'act.checks', ping: 'act.checks',
  checks: 'act.checks', dispatch: 'act.dispatch', none: 'act.none', 'check-line': 'act.checkLine',
  extender: 'act.extender', 'move-extender': 'act.moveExtender', 'check-wifi-password': 'act.checkWifiPassword',
  'steer-station': 'act.steerStation', 'replace-client': 'act.replaceClient',
};

export function actionLabel(action: string): string {
  return ACTION_KEYS[action] ? t(ACTION_KEYS[action]) : action;
}
