import { describe, expect, it } from 'vitest';
import { changesBetween, type Preferences } from './preferences.api.js';

const loaded: Preferences = {
  preferences: { bills: { sms: true, email: true }, reminders: { sms: true, email: false }, receipts: { sms: true, email: true }, violations: { sms: true, email: true } },
  phones: [{ phone: '+96550000001', sms: true }, { phone: '+96550000002', sms: false }],
  emails: ['a@example.com'],
  language: 'ar',
};

describe('notification settings', () => {
  it('sends nothing when nothing moved', () => {
    expect(changesBetween(loaded, structuredClone(loaded))).toEqual({});
  });

  it('sends only the switches and phones that moved', () => {
    const edited = structuredClone(loaded);
    edited.preferences.reminders.sms = false;
    edited.preferences.bills.email = false;
    edited.phones[1]!.sms = true;
    expect(changesBetween(loaded, edited)).toEqual({
      preferences: { bills: { email: false }, reminders: { sms: false } },
      phones: [{ phone: '+96550000002', sms: true }],
    });
  });
});
