// Each request type through its workflow, its fee paid through KNET where it has one; refusals change nothing; a
// late step escalates on the test clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, serviceRequests } from '../../src/db/schema/index.js';
import { payables } from '../../src/modules/billers/index.js';
import {
  commentOnRequest, escalateLateRequests, getRequest, moveRequest, myRequests, REQUEST_TYPES, seedRequestTypes, submitRequest, workQueue,
} from '../../src/modules/requests/index.js';
import { startPaymentsHarness, type PaymentsHarness } from '../payments/harness.js';
import { expectBalancedLedger, issueTestPayable } from '../payments/support.js';
import { cashier, citizen, file, payThroughKnet, sentStatuses, serviceStaff, VALID_ATTACHMENTS, VALID_FIELDS } from './support.js';
import { refusalCode } from '../support/errors.js';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await startPaymentsHarness({ now: '2026-11-01T06:00:00.000Z' });
  await seedRequestTypes(h.ctx);
});
afterAll(async () => h?.stop());


async function requestCount(): Promise<number> {
  return (await h.ctx.db.select({ id: serviceRequests.id }).from(serviceRequests)).length;
}

describe('each request type through its workflow', () => {
  for (const type of REQUEST_TYPES) {
    it(`${type.code}: submitted → accepted → ${type.fee ? 'fee paid through KNET → ' : ''}scheduled → in progress → done`, async () => {
      const person = citizen();
      const fields = { ...VALID_FIELDS[type.code]! };
      if (type.code === 'bill_dispute') fields.billNumber = (await issueTestPayable(h.ctx, { billerCode: 'mew-services', kind: 'bill', amount: 20_000n, accountNumber: fields.accountNumber, civilId: person.civilId })).reference;
      const submitted = await submitRequest(h.ctx, person, { typeCode: type.code, civilId: person.civilId, office: 'hawalli', fields, attachments: VALID_ATTACHMENTS[type.code]! });
      expect(submitted.status).toBe('submitted');
      expect((await myRequests(h.ctx, person, person.civilId)).map((r) => r.id)).toContain(submitted.id);
      expect((await workQueue(h.ctx, serviceStaff, { office: 'hawalli', typeCode: type.code })).map((r) => r.id)).toContain(submitted.id);

      const accepted = await moveRequest(h.ctx, serviceStaff, submitted.id, { step: 'accept' });
      if (type.fee! > 0n) {
        const fee = (await payables.find(h.ctx, accepted.feePayableId!))!;
        expect(fee).toMatchObject({ billerCode: 'mew-services', amount: type.fee, status: 'open', civilId: person.civilId });
        if (type.feeBeforeWork) {
          expect(await refusalCode(moveRequest(h.ctx, serviceStaff, submitted.id, { step: 'schedule' }))).toBe('request_fee_unpaid');
          expect((await getRequest(h.ctx, person, submitted.id)).request.status).toBe('accepted');
        }
        await payThroughKnet(h, [fee.id]);
        expect((await getRequest(h.ctx, person, submitted.id)).feePaid).toBe(true);
      } else {
        expect(accepted.feePayableId).toBeNull();
      }
      await commentOnRequest(h.ctx, person, submitted.id, 'Please call before the visit.');
      await commentOnRequest(h.ctx, serviceStaff, submitted.id, 'We will call the day before.');
      await moveRequest(h.ctx, serviceStaff, submitted.id, { step: 'schedule', scheduledFor: new Date('2026-11-03T06:00:00Z') });
      await moveRequest(h.ctx, serviceStaff, submitted.id, { step: 'start' });
      await moveRequest(h.ctx, serviceStaff, submitted.id, { step: 'complete', note: 'Done on site.' });

      const view = await getRequest(h.ctx, person, submitted.id);
      expect(view.request.status).toBe('done');
      expect(view.history.filter((e) => e.kind === 'status').map((e) => e.toStatus)).toEqual(['submitted', 'accepted', 'scheduled', 'in_progress', 'done']);
      expect(view.history.filter((e) => e.kind === 'comment').map((e) => e.actorKind)).toEqual(['person', 'staff']);
      expect(view.attachments.map((a) => a.name).sort()).toEqual(VALID_ATTACHMENTS[type.code]!.map((a) => a.name).sort());
      expect(await sentStatuses(h.ctx, submitted.id)).toEqual(['submitted', 'accepted', 'scheduled', 'in_progress', 'done']);
      const audited = await h.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, submitted.id));
      expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['request.submitted', 'request.accept', 'request.commented', 'request.schedule', 'request.start', 'request.complete']));
      expect(await workQueue(h.ctx, serviceStaff, { office: 'hawalli', typeCode: type.code })).not.toContainEqual(expect.objectContaining({ id: submitted.id }));
    });
  }

  it('a rejection needs its reason and tells the citizen', async () => {
    const person = citizen();
    const request = await submitRequest(h.ctx, person, { typeCode: 'reconnection', civilId: person.civilId, office: 'ahmadi', fields: { accountNumber: '880200' }, attachments: [] });
    expect(await refusalCode(moveRequest(h.ctx, serviceStaff, request.id, { step: 'reject' }))).toBe('request_reason_required');
    await moveRequest(h.ctx, serviceStaff, request.id, { step: 'reject', note: 'The account is not disconnected.' });
    expect((await getRequest(h.ctx, person, request.id)).request).toMatchObject({ status: 'rejected', decisionNote: 'The account is not disconnected.' });
    expect(await sentStatuses(h.ctx, request.id)).toEqual(['submitted', 'rejected']);
    await expectBalancedLedger(h.ctx);
  });
});

describe('bad input is refused with its code and nothing changes', () => {
  const person = citizen();
  const base = { typeCode: 'new_connection', civilId: person.civilId, office: 'hawalli' };

  it('refuses a missing field, a bad field, a missing, too large or forbidden attachment', async () => {
    const before = await requestCount();
    const { plotNumber: _plot, ...withoutPlot } = VALID_FIELDS.new_connection!;
    expect(await refusalCode(submitRequest(h.ctx, person, { ...base, fields: withoutPlot, attachments: VALID_ATTACHMENTS.new_connection! }))).toBe('request_field_missing');
    expect(await refusalCode(submitRequest(h.ctx, person, { ...base, fields: { ...VALID_FIELDS.new_connection!, loadKw: 'a lot' }, attachments: VALID_ATTACHMENTS.new_connection! }))).toBe('request_field_invalid');
    expect(await refusalCode(submitRequest(h.ctx, person, { ...base, fields: VALID_FIELDS.new_connection!, attachments: [file('civil_id')] }))).toBe('request_attachment_missing');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1).toString('base64');
    expect(await refusalCode(submitRequest(h.ctx, person, { ...base, fields: VALID_FIELDS.new_connection!, attachments: [file('civil_id'), file('building_permit', 'application/pdf', big)] }))).toBe('request_attachment_too_large');
    expect(await refusalCode(submitRequest(h.ctx, person, { ...base, fields: VALID_FIELDS.new_connection!, attachments: [file('civil_id', 'application/x-msdownload'), file('building_permit')] }))).toBe('request_attachment_type_forbidden');
    expect(await refusalCode(submitRequest(h.ctx, person, { ...base, typeCode: 'no_such_type', fields: {}, attachments: [] }))).toBe('request_type_unknown');
    expect(await requestCount()).toBe(before);
  });

  it('refuses a step by someone without the service role, and another citizen looking', async () => {
    const request = await submitRequest(h.ctx, person, { typeCode: 'reconnection', civilId: person.civilId, office: 'hawalli', fields: { accountNumber: '880300' }, attachments: [] });
    expect(await refusalCode(moveRequest(h.ctx, cashier, request.id, { step: 'accept' }))).toBe('forbidden');
    expect(await refusalCode(moveRequest(h.ctx, person, request.id, { step: 'accept' }))).toBe('forbidden');
    expect(await refusalCode(getRequest(h.ctx, citizen(), request.id))).toBe('forbidden');
    expect(await refusalCode(moveRequest(h.ctx, serviceStaff, request.id, { step: 'complete' }))).toBe('request_step_not_allowed');
    expect((await getRequest(h.ctx, person, request.id)).request.status).toBe('submitted');
    expect(await sentStatuses(h.ctx, request.id)).toEqual(['submitted']);
  });
});

describe('escalation of late steps', () => {
  it('flags a step once it passes its service-level time, and again only after it moves', async () => {
    const person = citizen();
    const request = await submitRequest(h.ctx, person, { typeCode: 'reconnection', civilId: person.civilId, office: 'jahra', fields: { accountNumber: '880400' }, attachments: [] });
    h.clock.advance(23 * 3_600_000);
    expect(await escalateLateRequests(h.ctx)).not.toContain(request.id);
    h.clock.advance(2 * 3_600_000);
    expect(await escalateLateRequests(h.ctx)).toContain(request.id);
    expect(await escalateLateRequests(h.ctx)).not.toContain(request.id);
    const view = await getRequest(h.ctx, person, request.id);
    expect(view.request.escalatedAt).not.toBeNull();
    expect(view.history.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    await moveRequest(h.ctx, serviceStaff, request.id, { step: 'accept' });
    expect((await getRequest(h.ctx, person, request.id)).request.escalatedAt).toBeNull();
  });
});

describe('a bill dispute', () => {
  async function checkoutStatus(payableId: string): Promise<number> {
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId }], language: 'en' }, headers: { 'idempotency-key': `dispute-${payableId}-${Date.now()}` } });
    return response.statusCode;
  }

  it('holds the bill until decided, then lowers it by a credit note and releases it', async () => {
    const person = citizen();
    const bill = await issueTestPayable(h.ctx, { billerCode: 'mew-services', kind: 'bill', amount: 40_000n, accountNumber: '881001', civilId: person.civilId });
    const request = await submitRequest(h.ctx, person, { typeCode: 'bill_dispute', civilId: person.civilId, office: 'hawalli', fields: { accountNumber: '881001', billNumber: bill.reference, reason: 'Estimated reading too high.' }, attachments: [] });
    expect((await payables.find(h.ctx, bill.id))).toMatchObject({ payableOnline: false, holdReasonEn: 'The bill is under dispute' });
    expect(await checkoutStatus(bill.id)).not.toBe(200);
    for (const step of ['accept', 'schedule', 'start'] as const) await moveRequest(h.ctx, serviceStaff, request.id, { step });
    expect(await refusalCode(moveRequest(h.ctx, serviceStaff, request.id, { step: 'complete', adjustment: 50_000n }))).toBe('request_adjustment_too_large');
    expect((await payables.find(h.ctx, bill.id))).toMatchObject({ payableOnline: false, amount: 40_000n });
    await moveRequest(h.ctx, serviceStaff, request.id, { step: 'complete', adjustment: 15_000n, note: 'Reading corrected.' });
    expect((await payables.find(h.ctx, bill.id))).toMatchObject({ payableOnline: true, holdReasonEn: null, amount: 25_000n });
    await payThroughKnet(h, [bill.id]);
    expect((await payables.find(h.ctx, bill.id))!.status).toBe('paid');
    await expectBalancedLedger(h.ctx);
  });

  it('releases the bill unchanged when the dispute is rejected', async () => {
    const person = citizen();
    const bill = await issueTestPayable(h.ctx, { billerCode: 'mew-services', kind: 'bill', amount: 12_000n, accountNumber: '881002', civilId: person.civilId });
    const request = await submitRequest(h.ctx, person, { typeCode: 'bill_dispute', civilId: person.civilId, office: 'hawalli', fields: { accountNumber: '881002', billNumber: bill.reference, reason: 'Not mine.' }, attachments: [] });
    expect((await payables.find(h.ctx, bill.id))!.payableOnline).toBe(false);
    await moveRequest(h.ctx, serviceStaff, request.id, { step: 'reject', note: 'The reading was verified.' });
    expect((await payables.find(h.ctx, bill.id))).toMatchObject({ payableOnline: true, amount: 12_000n, status: 'open' });
  });

  it('refuses a dispute of a bill that is not open on the account, holding nothing', async () => {
    const person = citizen();
    const before = await requestCount();
    expect(await refusalCode(submitRequest(h.ctx, person, { typeCode: 'bill_dispute', civilId: person.civilId, office: 'hawalli', fields: { accountNumber: '881003', billNumber: 'EB-NONE', reason: 'x' }, attachments: [] }))).toBe('request_disputed_bill_not_found');
    expect(await requestCount()).toBe(before);
  });
});
