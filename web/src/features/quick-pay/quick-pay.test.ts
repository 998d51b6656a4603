// Looking up dues and starting a checkout, against a real HTTP server on loopback standing in for the API.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.js';
import { createApiClient } from '../../api/client.js';
import { lookupDues, lookupFromQuery, normaliseLookupValue, type Dues } from './dues.api.js';
import { initialSelection, selectAll, selectedIds, selectedTotal, selectionState, toggle } from './dues-selection.js';
import { duePayable, TRAFFIC } from './payable.fixture.js';
import { isFollowableRedirect, startCheckout } from './start-checkout.js';

const heldFine = duePayable({ id: 'pbl_3', biller: TRAFFIC, kind: 'violation', reference: 'V-10', amountDue: '150.000', payableOnline: false, holdReason: { ar: 'محالة للنيابة', en: 'Referred to prosecution' } });
/** As the API answers: the held fine apart, the total only what can be paid now. */
const apiBody: Dues = {
  payables: [
    duePayable({ id: 'pbl_1', reference: 'B-1', amountDue: '12.500', description: { ar: 'فاتورة نوفمبر', en: 'November bill' }, owner: { name: { ar: 'م*** ع***', en: 'M*** A***' } } }),
    duePayable({ id: 'pbl_2', biller: TRAFFIC, kind: 'violation', reference: 'V-9', amountDue: '30.000', dueDate: '2026-12-01', description: { ar: 'عدم ربط الحزام', en: 'No seatbelt' } }),
  ],
  held: [heldFine],
  total: '42.500',
  heldTotal: '150.000',
  currency: 'KWD',
};
/** As lookupDues gives it to the pages: the held items listed after the payable ones. */
const duesBody: Dues = { ...apiBody, payables: [...apiBody.payables, heldFine] };

let server: FastifyInstance;
let baseUrl: string;
const checkouts: Array<{ body: unknown; key: unknown }> = [];
const plateQueries: string[] = [];
let redirectUrl: string | null = 'http://127.0.0.1:9/knet/PaymentHTTP.htm?param=paymentInit&trandata=abc';

beforeAll(async () => {
  server = Fastify();
  server.get('/api/v1/dues', async (request) => {
    const query = request.query as { civilId?: string; plate?: string };
    if (query.plate) plateQueries.push(query.plate);
    return query.civilId === '289011200032' ? apiBody : { payables: [], held: [], total: '0.000', heldTotal: '0.000', currency: 'KWD' };
  });
  server.post('/api/v1/checkout', async (request) => {
    checkouts.push({ body: request.body, key: request.headers['idempotency-key'] });
    return { paymentId: 'pay_01JDEMO', status: redirectUrl ? 'pending' : 'posted', redirectUrl, amount: '42.500', currency: 'KWD' };
  });
  baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server.close();
});

describe('dues look-up', () => {
  it('gives the dues as the API answers them, the held items listed last', async () => {
    const dues = await lookupDues('civilId', '289011200032', { client: createApiClient({ baseUrl }) });
    expect(dues).toEqual(duesBody);
  });

  it('gives an empty list when nothing is owed', async () => {
    const dues = await lookupDues('accountNumber', '123', { client: createApiClient({ baseUrl }) });
    expect(dues.payables).toEqual([]);
  });

  it('makes what was typed ready to send, per kind of number', () => {
    expect(normaliseLookupValue('civilId', ' ٢٨٩٠١١٢٠٠٠٣٢ ')).toBe('289011200032');
    expect(normaliseLookupValue('meterNumber', 'm-55012 ')).toBe('M-55012');
    expect(normaliseLookupValue('accountNumber', '100 200 300')).toBe('100200300');
    expect(normaliseLookupValue('plate', '١٢  ٣٤٥٦٧')).toBe('12/34567');
    expect(normaliseLookupValue('plate', '12 - 34567')).toBe('12/34567');
    expect(normaliseLookupValue('plate', '12/34567')).toBe('12/34567');
  });

  it('sends a plate as it is written, with its slash', async () => {
    await lookupDues('plate', normaliseLookupValue('plate', '١٢ ٣٤٥٦٧'), { client: createApiClient({ baseUrl }) });
    expect(plateQueries.at(-1)).toBe('12/34567');
  });

  it('reads a look-up from the page address, as SMS and email links carry it', () => {
    expect(lookupFromQuery(new URLSearchParams('plate=12%2F34567'))).toEqual({ kind: 'plate', value: '12/34567' });
    expect(lookupFromQuery(new URLSearchParams('accountNumber=100%20200'))).toEqual({ kind: 'accountNumber', value: '100200' });
    expect(lookupFromQuery(new URLSearchParams('lang=en'))).toBeNull();
  });

});

describe('choosing what to pay', () => {
  const payables = duesBody.payables;

  it('ticks only what is due now at first (due today or earlier), and adds it up exactly', () => {
    const lastDue = payables.map((p) => p.dueDate).sort().at(-1)!;
    expect(initialSelection(payables, '2000-01-01').size).toBe(0);
    const dayBefore = new Date(Date.parse(`${lastDue}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const early = initialSelection(payables, dayBefore);
    expect([...early].every((id) => payables.find((p) => p.id === id)!.dueDate <= dayBefore)).toBe(true);
    expect(early.size).toBeLessThan(2);
    const selection = initialSelection(payables, lastDue);
    expect([...selection]).toEqual(['pbl_1', 'pbl_2']);
    expect(selectionState(payables, selection)).toBe('all');
    expect(selectedTotal(payables, selection)).toEqual([{ amount: '42.500', currency: 'KWD' }]);
  });

  it('updates the total as boxes are unticked and ticked', () => {
    let selection = toggle(selectAll(payables, true), 'pbl_2', false);
    expect(selectionState(payables, selection)).toBe('some');
    expect(selectedTotal(payables, selection)).toEqual([{ amount: '12.500', currency: 'KWD' }]);
    selection = selectAll(payables, false);
    expect(selectionState(payables, selection)).toBe('none');
    expect(selectedTotal(payables, selection)).toEqual([]);
    selection = toggle(selection, 'pbl_2', true);
    expect(selectedIds(payables, selection)).toEqual(['pbl_2']);
  });

  it('never pays a due held for legal process, even if its id is in the selection', () => {
    const selection = new Set(['pbl_1', 'pbl_3']);
    expect(selectedIds(payables, selection)).toEqual(['pbl_1']);
    expect(selectedTotal(payables, selection)).toEqual([{ amount: '12.500', currency: 'KWD' }]);
  });
});

describe('startCheckout', () => {
  it('posts the ticked ids with the idempotency key and follows the payment page it is given', async () => {
    const visited: string[] = [];
    const started = await startCheckout(['pbl_1', 'pbl_2'], { client: createApiClient({ baseUrl }), idempotencyKey: 'key-0001', language: 'en', navigate: (url) => visited.push(url) });
    expect(started.redirectUrl).toBe(redirectUrl);
    expect(visited).toEqual([redirectUrl]);
    expect(checkouts.at(-1)).toEqual({ body: { payableIds: ['pbl_1', 'pbl_2'], language: 'en' }, key: 'key-0001' });
  });

  it('shows the result page when the checkout has already finished (a replayed key)', async () => {
    redirectUrl = null;
    const visited: string[] = [];
    await startCheckout(['pbl_1'], { client: createApiClient({ baseUrl }), navigate: (url) => visited.push(url) });
    expect(visited).toEqual(['/pay/result/pay_01JDEMO']);
  });

  it('refuses to follow anything but a web address', async () => {
    redirectUrl = 'javascript:alert(1)';
    const visited: string[] = [];
    await expect(startCheckout(['pbl_1'], { client: createApiClient({ baseUrl }), navigate: (url) => visited.push(url) })).rejects.toThrow();
    expect(visited).toEqual([]);
    expect(isFollowableRedirect('https://kpay.com.kw/kpg/PaymentHTTP.htm')).toBe(true);
    expect(isFollowableRedirect('data:text/html,hi')).toBe(false);
  });

  it('passes the API refusal on as an ApiError', async () => {
    const client = createApiClient({ baseUrl });
    await expect(startCheckout(['pbl_1'], { client: { ...client, POST: () => Promise.reject(new ApiError({ status: 409, code: 'payable_already_paid', message: { ar: 'مدفوع', en: 'Paid' } })) }, navigate: () => undefined })).rejects.toBeInstanceOf(ApiError);
  });
});
