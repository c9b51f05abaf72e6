import { describe, expect, it } from 'vitest';
import { checkDeviceName, checkSsid, checkWifiPassword } from './validate';

describe('Wi-Fi settings', () => {
  it.each([
    ['', 'wifi.ssidEmpty'],
    ['a', null],
    ['x'.repeat(32), null],
    ['x'.repeat(33), 'wifi.ssidLong'],
    ['ä'.repeat(16), null],        // 32 bytes
    ['ä'.repeat(17), 'wifi.ssidLong'],  // 34 bytes
    ['Berg 🏠', null],
  ])('ssid %j', (ssid, expected) => {
    expect(checkSsid(ssid)).toBe(expected);
  });

  it.each([
    ['1234567', 'wifi.passwordShort'],
    ['12345678', null],
    ['correct horse battery staple', null],
    ['~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./', null],
    ['x'.repeat(63), null],
    ['x'.repeat(64), 'wifi.passwordLong'],
    ['lösenord123', 'wifi.passwordChars'],
    ['tab\there12', 'wifi.passwordChars'],
  ])('password %j', (pw, expected) => {
    expect(checkWifiPassword(pw)).toBe(expected);
  });

  it.each([
    ['', 'wifi.nameInvalid'],
    ['   ', 'wifi.nameInvalid'],
    ['TV', null],
    ['x'.repeat(40), null],
    ['x'.repeat(41), 'wifi.nameInvalid'],
  ])('device name %j', (name, expected) => {
    expect(checkDeviceName(name)).toBe(expected);
  });
});
