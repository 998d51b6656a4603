import { describe, expect, it } from 'vitest';
import { countSegments, chooseEncoding } from './sms/sms.encoding.js';
import { AppError } from '../../platform/errors/app-error.js';
import { composeEmail, renderEmailSection, renderSms } from './render.js';
import { DEFAULT_TEMPLATES } from './templates.defaults.js';
import { measureSmsTemplate, validateTemplate } from './templates.service.js';
import { formatMoneyText, readableTime, templateValues } from './templates.values.js';
import { TOPICS, LANGUAGES } from './topics.js';
import { retryDelayMs } from './backoff.js';
import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe.js';

const KUWAIT = 'Asia/Kuwait';

const config = { publicUrl: 'https://tasdeed.example.gov.kw', SMS_MAX_SEGMENTS: 3, TZ_BUSINESS: 'Asia/Kuwait' };

describe('default templates', () => {
  it.each(TOPICS.flatMap((topic) => LANGUAGES.map((language) => [topic, language] as const)))('%s %s: the SMS fits SMS_MAX_SEGMENTS with the longest values', (topic, language) => {
    const { segments } = measureSmsTemplate(config, topic, language, DEFAULT_TEMPLATES[topic][language].sms);
    expect(segments).toBeLessThanOrEqual(3);
    expect(() => validateTemplate(config, { topic, channel: 'sms', language, body: DEFAULT_TEMPLATES[topic][language].sms })).not.toThrow();
    const email = DEFAULT_TEMPLATES[topic][language].email;
    expect(() => validateTemplate(config, { topic, channel: 'email', language, subject: email.subject, body: email.body })).not.toThrow();
  });

  it('English SMS stay GSM-7 even when a name carries an em dash or curly quotes', () => {
    const values = templateValues({ topic: 'bill.issued', language: 'en', vars: { billerEn: 'Ministry of Electricity & Water — Electricity', billNumber: '“EB-1”', amount: '1.000', currency: 'KWD' }, timeZone: KUWAIT });
    const text = renderSms(DEFAULT_TEMPLATES['bill.issued'].en.sms, values);
    expect(text).toContain('Ministry of Electricity & Water - Electricity bill "EB-1"');
    expect(chooseEncoding(text)).toBe('gsm7');
  });
});

describe('rendering', () => {
  it('writes KWD amounts as "12.500 د.ك" in Arabic and "KWD 12.500" in English', () => {
    expect(formatMoneyText('12.500', 'KWD', 'ar')).toBe('12.500 د.ك');
    expect(formatMoneyText('12.500', 'KWD', 'en')).toBe('KWD 12.500');
    expect(formatMoneyText('7.25', 'SAR', 'ar')).toBe('7.25 ر.س');
    const ar = templateValues({ topic: 'violation.recorded', language: 'ar', vars: { typeAr: 'سرعة', typeEn: 'Speeding', amount: '70.000', currency: 'KWD' }, timeZone: KUWAIT });
    expect(ar).toMatchObject({ type: 'سرعة', amount: '70.000 د.ك' });
  });

  it('shows machine timestamps as Kuwait local time', () => {
    expect(readableTime('2026-11-22T07:15:00.000Z', KUWAIT)).toBe('2026-11-22 10:15');
    expect(readableTime('2026-11-22T23:30:00+03:00', KUWAIT)).toBe('2026-11-22 23:30');
    expect(readableTime('2026-11-22', KUWAIT)).toBe('2026-11-22');
    const values = templateValues({ topic: 'payment.received', language: 'ar', vars: { paidAt: '2026-11-21T22:00:00Z' }, timeZone: KUWAIT });
    expect(values.paidAt).toBe('2026-11-22 01:00');
  });

  it('names the reminder\'s subject by kind and works out the days left', () => {
    const values = templateValues({ topic: 'violation.reminder', language: 'en', vars: { plate: '12/3456', dueDate: '2026-12-08' }, payload: { kind: 'inspection_due' }, today: '2026-11-28', timeZone: KUWAIT });
    expect(values).toMatchObject({ item: 'technical inspection of vehicle 12/3456', daysLeft: '10' });
  });

  it('leaves out an email line whose value is missing, and never prints "undefined"', () => {
    const section = renderEmailSection(DEFAULT_TEMPLATES['bill.issued'].en.email, templateValues({ topic: 'bill.issued', language: 'en', vars: { billNumber: 'EB-1', amount: '1.000', currency: 'KWD', payUrl: 'https://x/pay' }, timeZone: KUWAIT }));
    expect(section.text).not.toContain('Bill (PDF)');
    expect(section.text).toContain('Pay online: https://x/pay');
    expect(section.text).not.toMatch(/undefined|\{\{/);
  });

  it('escapes values in HTML and links only http(s) addresses', () => {
    const email = composeEmail(
      { language: 'ar', subject: 'س', text: 'المكان: <script>alert(1)</script>\nللدفع: https://tasdeed.test/pay?a=1&b=2' },
      { language: 'en', subject: 's', text: 'Place: "x" javascript:alert(1)' },
      'violations', 'https://tasdeed.test/u/tok',
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).toContain('<a href="https://tasdeed.test/pay?a=1&amp;b=2"');
    expect(email.html).not.toContain('href="javascript');
    expect(email.html.indexOf('lang="ar"')).toBeLessThan(email.html.indexOf('lang="en" dir="ltr"'));
    expect(email.text.match(/https:\/\/tasdeed\.test\/u\/tok/g)).toHaveLength(2);
  });
});

describe('saving templates', () => {
  it('refuses a text that is too long with the sample values, with the count', () => {
    const body = `${'{{biller}} '.repeat(5)}{{payUrl}}`;
    try {
      validateTemplate(config, { topic: 'bill.issued', channel: 'sms', language: 'ar', body });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('template_too_long');
      expect((error as AppError).details.segments).toBe(countSegments((error as AppError).details.sample as string));
    }
  });

  it('refuses placeholders the topic does not have', () => {
    expect(() => validateTemplate(config, { topic: 'payment.received', channel: 'sms', language: 'en', body: 'Paid {{amount}} for {{plate}}' })).toThrow(/placeholder/);
  });
});

describe('retries and links', () => {
  it('backs off exponentially with jitter, within [half, full] of the step, capped', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, () => 0.5)).toBe(6000);
    expect(retryDelayMs(40, 1000, () => 1)).toBe(3_600_000);
  });

  it('verifies its own unsubscribe tokens and no others', () => {
    const token = unsubscribeToken('s'.repeat(32), 'per_01ABC', 'bills');
    expect(verifyUnsubscribeToken('s'.repeat(32), token)).toEqual({ personId: 'per_01ABC', category: 'bills' });
    expect(verifyUnsubscribeToken('t'.repeat(32), token)).toBeNull();
    expect(verifyUnsubscribeToken('s'.repeat(32), token.replace('bills', 'receipts'))).toBeNull();
    expect(verifyUnsubscribeToken('s'.repeat(32), `${token}x`)).toBeNull();
  });
});
