import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../platform/errors/app-error.js';
import { resolveKnetConfig } from './knet.config.js';
import { encryptTrandata } from './knet.crypto.js';
import { createKnetGateway } from './knet.gateway.js';
import { buildInquiryXml, interpretInquiryAnswer } from './knet.inquiry.js';

const TERMINAL = { tranportalId: '700100', tranportalPassword: 'demo700100', resourceKey: 'TasdeedDemoKey16' };
const gateway = createKnetGateway({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL });
const config = resolveKnetConfig({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL });

// The manual's own samples (K-064 §5), as KNET URL-encodes them before encrypting.
const CAPTURED =
  'paymentid=8962225231041180&result=CAPTURED&auth=999554&avr=N&ref=411857974849&tranid=9929892231041180&postdate=0427' +
  '&trackid=632186&udf1=&udf2=&udf3=&udf4=&udf5=&amt=20.550&authResponseCode=00';
const NOT_CAPTURED = CAPTURED.replace('result=CAPTURED', 'result=NOT+CAPTURED');
const HOST_TIMEOUT = CAPTURED.replace('result=CAPTURED', 'result=HOST+TIMEOUT');
const CANCELED = 'paymentid=8962225231041180&result=CANCELED&auth=&avr=N&ref=&tranid=&postdate=&trackid=632186&udf1=&udf2=&udf3=&udf4=&udf5=&amt=20.550';

const post = (plaintext: string, extra: Record<string, string> = {}) => ({ trandata: encryptTrandata(plaintext, TERMINAL.resourceKey), ...extra });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-app-error';
  }
  return undefined;
}

describe('KNET callback', () => {
  it('reads a captured payment with every reference KNET gives', () => {
    const result = gateway.parseCallback(post(CAPTURED, { paymentid: '8962225231041180', trackid: '632186' }));
    expect(result).toEqual({
      status: 'captured',
      paymentId: '8962225231041180',
      trackId: '632186',
      amount: 20550n,
      currency: 'KWD',
      authCode: '999554',
      reference: '411857974849',
      transactionId: '9929892231041180',
      postDate: '0427',
      raw: expect.objectContaining({ result: 'CAPTURED', avr: 'N', udf1: '', authResponseCode: '00' }),
    });
  });

  it('maps each result KNET documents', () => {
    expect(gateway.parseCallback(post(NOT_CAPTURED)).status).toBe('not_captured');
    expect(gateway.parseCallback(post(HOST_TIMEOUT)).status).toBe('host_timeout');
    const canceled = gateway.parseCallback(post(CANCELED));
    expect(canceled.status).toBe('canceled');
    expect(canceled.authCode).toBeUndefined();
    expect(gateway.parseCallback(post(CAPTURED.replace('result=CAPTURED', 'result=VOIDED'))).status).toBe('unknown');
  });

  it('reads an error notification (error URL) as not captured, keeping KNET code and text', () => {
    const result = gateway.parseCallback(post('paymentid=8962225231041180&trackid=632186&amt=20.550&Error=IPAY0100249&ErrorText=Merchant+response+URL+is+down'));
    expect(result).toMatchObject({ status: 'not_captured', errorCode: 'IPAY0100249', errorText: 'Merchant response URL is down', amount: 20550n });
  });

  it('refuses a body without trandata, even when clear fields claim success', () => {
    expect(codeOf(() => gateway.parseCallback({ paymentid: '1', result: 'CAPTURED', trackid: '632186', amt: '20.550' }))).toBe('gateway_response_invalid');
  });

  it('refuses trandata made with another terminal key', () => {
    const forged = { trandata: encryptTrandata(CAPTURED, 'SomeOtherKey1234') };
    expect(codeOf(() => gateway.parseCallback(forged))).toBe('gateway_response_invalid');
  });

  it('refuses tampered trandata, whichever byte was changed', () => {
    const { trandata } = post(CAPTURED);
    for (let at = 0; at < trandata.length; at += 2) {
      const flipped = (parseInt(trandata.slice(at, at + 2), 16) ^ 0x5a).toString(16).padStart(2, '0').toUpperCase();
      const tampered = trandata.slice(0, at) + flipped + trandata.slice(at + 2);
      expect(codeOf(() => gateway.parseCallback({ trandata: tampered })), `byte ${at / 2}`).toBe('gateway_response_invalid');
    }
  });

  it('refuses messages that decrypt but are not a complete KNET result', () => {
    for (const plaintext of [
      'hello world',
      'paymentid=1&result=CAPTURED&amt=20.550', // no track id
      'paymentid=1&result=CAPTURED&trackid=632186', // no amount
      'paymentid=1&result=CAPTURED&trackid=632186&amt=20.5501', // more decimals than KWD has
      'paymentid=1&result=CAPTURED&trackid=632186&amt=0.000',
      'result=CAPTURED&trackid=632186&amt=20.550', // no payment id
      'paymentid=1&trackid=632186&amt=20.550', // neither result nor Error
      'paymentid=1&result=CAPTURED&trackid=632186&amt=20.550&amt=0.001', // a field twice
      'paymentid=1&result=CAPTURED&trackid=632-186&amt=20.550',
      'paymentid=1&result=CAPTURED\u0001&trackid=632186&amt=20.550',
    ]) {
      expect(codeOf(() => gateway.parseCallback(post(plaintext))), plaintext).toBe('gateway_response_invalid');
    }
  });

  it('refuses clear fields that disagree with the encrypted ones', () => {
    expect(codeOf(() => gateway.parseCallback(post(CAPTURED, { trackid: '999999' })))).toBe('gateway_response_invalid');
    expect(codeOf(() => gateway.parseCallback(post(CAPTURED, { paymentid: '1' })))).toBe('gateway_response_invalid');
  });
});

describe('KNET inquiry messages', () => {
  const input = { trackId: '632186', amount: 20550n, currency: 'KWD' };

  it('asks by track id, or by payment id when given, with the original amount', () => {
    expect(buildInquiryXml(input, config)).toBe(
      '<id>700100</id><password>demo700100</password><action>8</action><amt>20.550</amt><currencycode>414</currencycode>' +
        '<transid>632186</transid><trackid>632186</trackid><udf5>TrackID</udf5>',
    );
    expect(buildInquiryXml({ ...input, paymentId: '8962225231041180' }, config)).toContain('<transid>8962225231041180</transid><trackid>632186</trackid><udf5>PaymentID</udf5>');
    const tricky = resolveKnetConfig({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL, tranportalPassword: 'p"w\'d' });
    expect(buildInquiryXml(input, tricky)).toContain('<password>p&quot;w&apos;d</password>');
  });

  const answer =
    '<result>CAPTURED</result><auth>999554</auth><ref>411857974849</ref><avr>N</avr><postdate>0427</postdate>' +
    '<tranid>9929892231041180</tranid><payid>8962225231041180</payid><udf1></udf1><udf2></udf2><udf3></udf3><udf4></udf4><udf5></udf5>' +
    '<trackid>632186</trackid><amt>20.550</amt>';

  it('reads a captured answer, bare or wrapped in a root element', () => {
    const result = interpretInquiryAnswer(answer, input, config);
    expect(result).toMatchObject({ status: 'captured', paymentId: '8962225231041180', amount: 20550n, reference: '411857974849', postDate: '0427' });
    expect(interpretInquiryAnswer(`<?xml version="1.0"?><response>${answer}</response>`, input, config).status).toBe('captured');
  });

  it('refuses an answer about another amount, track id or payment id', () => {
    expect(codeOf(() => interpretInquiryAnswer(answer.replace('20.550', '2.055'), input, config))).toBe('gateway_response_mismatch');
    expect(codeOf(() => interpretInquiryAnswer(answer.replace('<trackid>632186', '<trackid>632187'), input, config))).toBe('gateway_response_mismatch');
    expect(codeOf(() => interpretInquiryAnswer(answer, { ...input, paymentId: '1' }, config))).toBe('gateway_response_mismatch');
  });

  it('treats "nothing processed yet" as unknown and other KNET errors as a refusal', () => {
    const notYet = '<result>!ERROR!-IPAY0100263-Transaction details not available</result><error_code_tag>IPAY0100263</error_code_tag><error_text>Transaction details not available</error_text>';
    expect(interpretInquiryAnswer(notYet, input, config)).toMatchObject({ status: 'unknown', errorCode: 'IPAY0100263', trackId: '632186', amount: 20550n });
    expect(codeOf(() => interpretInquiryAnswer('<result>!ERROR!-IPAY0100015-Invalid tranportal password</result>', input, config))).toBe('gateway_inquiry_rejected');
  });

  it('reports an unreachable or failing gateway as unavailable, never as a result', async () => {
    const refused: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const failing: typeof fetch = () => Promise.resolve(new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    for (const fetchImpl of [refused, failing]) {
      const down = createKnetGateway({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL, fetch: fetchImpl });
      await expect(down.inquire(input)).rejects.toMatchObject({ code: 'gateway_unavailable' });
    }
  });

  it('posts the inquiry as XML to tranPipe.htm', async () => {
    let seen: { url: string; init?: RequestInit } | undefined;
    const recording: typeof fetch = (url, init) => {
      seen = { url: String(url), init };
      return Promise.resolve(new Response(answer, { status: 200 }));
    };
    const result = await createKnetGateway({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL, fetch: recording }).inquire(input);
    expect(result.status).toBe('captured');
    expect(seen?.url).toBe('https://www.kpaytest.com.kw/kpg/tranPipe.htm?param=tranInit');
    expect(seen?.init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/xml' }, body: buildInquiryXml(input, config) });
  });

  it('refuses malformed XML and document type declarations', () => {
    for (const bad of ['', 'CAPTURED', '<result>CAPTURED</result><amt>', '<!DOCTYPE r [<!ENTITY x "CAPTURED">]><result>&x;</result>', `${answer}<amt>1.000</amt>`]) {
      expect(codeOf(() => interpretInquiryAnswer(bad, input, config)), bad).toMatch(/^gateway_response_invalid$/);
    }
  });
});
