import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('the configuration', () => {
  it('has working defaults for a development machine', () => {
    const config = loadConfig({});
    expect(config.TZ_BUSINESS).toBe('Asia/Kuwait');
    expect(config.PAYMENTS_INQUIRE_AFTER_MINUTES).toBe(10);
    expect(config.knet).toBeNull();
  });

  it('stops on a wrong value and names the variable, instead of quietly using a default', () => {
    for (const [name, value] of [['PAYMENTS_INQUIRE_AFTER_MINUTES', 'ten'], ['TZ_BUSINESS', 'Kuwait/Salmiya'], ['FINES_REMINDER_DAYS', 'soon'], ['KNET_BASE_URL', 'not a url']]) {
      expect(() => loadConfig({ [name!]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ [name!]: value })).toThrow(new RegExp(name!));
    }
  });

  it('wants the whole KNET terminal or none of it', () => {
    expect(() => loadConfig({ KNET_BASE_URL: 'https://www.kpaytest.com.kw' })).toThrow(/KNET_TRANPORTAL_ID: required when KNET_BASE_URL is set/);
    const config = loadConfig({ KNET_BASE_URL: 'https://www.kpaytest.com.kw', KNET_TRANPORTAL_ID: '123', KNET_TRANPORTAL_PASSWORD: 'pw', KNET_RESOURCE_KEY: '0123456789abcdef' });
    expect(config.knet).toEqual({ baseUrl: 'https://www.kpaytest.com.kw', tranportalId: '123', tranportalPassword: 'pw', resourceKey: '0123456789abcdef' });
  });
});
