// The rules the API applies to Wi-Fi settings and device names, checked before sending so the
// customer sees the reason at the field. Each returns an i18n key, or null when fine.
import type { Key } from '../i18n';

export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

// An SSID is 1 to 32 bytes (IEEE 802.11).
export function checkSsid(ssid: string): Key | null {
  if (ssid.length === 0) return 'wifi.ssidEmpty';
  if (utf8Length(ssid) > 32) return 'wifi.ssidLong';
  return null;
}

// A WPA2 passphrase is 8 to 63 printable ASCII characters (IEEE 802.11i, 0x20..0x7e).
export function checkWifiPassword(pw: string): Key | null {
  if (!/^[\x20-\x7e]*$/.test(pw)) return 'wifi.passwordChars';
  if (pw.length < 8) return 'wifi.passwordShort';
  if (pw.length > 63) return 'wifi.passwordLong';
  return null;
}

export function checkDeviceName(name: string): Key | null {
  const n = name.trim();
  return n.length >= 1 && [...n].length <= 40 ? null : 'wifi.nameInvalid';
}
