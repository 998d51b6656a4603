// Counter cash from a test's set-up, as a cashier takes it: through the cashier's open drawer (opened here at C01
// with no float when there is none) and /api/v1/counter/payments. The old path, POST /api/v1/payments with channel
// counter, is refused (payment_counter_needs_drawer).
import { expect } from 'vitest';
import { csrfHeaderOf } from '../../support/app.js';

export async function takeCashAtCounter(baseUrl: string, cookie: string, input: { id: string; payableId: string; amount: string; language?: 'ar' | 'en' }): Promise<{ receiptNumber: string; paymentId: string }> {
  const headers = { 'content-type': 'application/json', cookie, ...csrfHeaderOf(cookie) };
  const current = (await (await fetch(`${baseUrl}/api/v1/counter/drawers/current`, { headers: { cookie } })).json()) as { drawer: unknown };
  if (!current.drawer) {
    const opened = await fetch(`${baseUrl}/api/v1/counter/drawers`, { method: 'POST', headers, body: JSON.stringify({ counterCode: 'C01', openingFloat: '0.000' }) });
    expect(opened.status, await opened.clone().text()).toBe(201);
  }
  const paid = await fetch(`${baseUrl}/api/v1/counter/payments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ id: input.id, items: [{ payableId: input.payableId, amount: input.amount }], tenders: [{ kind: 'cash', amount: input.amount }], language: input.language ?? 'ar' }),
  });
  expect(paid.status, await paid.clone().text()).toBe(201);
  return (await paid.json()) as { receiptNumber: string; paymentId: string };
}
