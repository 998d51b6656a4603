// Helpers for the requests tests: actors, valid forms and attachments per type, and paying a fee through KNET.
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import type { Actor } from '../../src/platform/actor.js';
import type { AttachmentInput } from '../../src/modules/requests/index.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import type { Ctx } from '../../src/platform/context.js';
import { chooseOnHostedPage, openHostedPage, type PaymentsHarness } from '../payments/harness.js';

let counter = 0;

export function citizen(): Extract<Actor, { kind: 'person' }> {
  counter += 1;
  return { kind: 'person', id: `per_req_${counter}`, role: 'citizen', civilId: String(289_000_000_000 + counter) };
}

export const serviceStaff: Actor = { kind: 'staff', id: 'stf_req_service', role: 'service', unit: 'hawalli' };
export const cashier: Actor = { kind: 'staff', id: 'stf_req_cashier', role: 'cashier' };

/** A form every field of which is valid for the type. */
export const VALID_FIELDS: Record<string, Record<string, string>> = {
  new_connection: { address: 'Block 4, Street 12, House 7, Salmiya', plotNumber: '1234', loadKw: '45' },
  reconnection: { accountNumber: '880101' },
  bill_dispute: { accountNumber: '880102', billNumber: 'EB-2026-11-000123', reason: 'The reading is higher than the meter shows.' },
  meter_inspection: { accountNumber: '880103', meterNumber: 'M-55012' },
  insulation_certificate: { address: 'Block 2, Street 5, House 1, Jabriya', plotNumber: '77' },
  change_of_owner: { accountNumber: '880104', newOwnerCivilId: '290010100123' },
  closure: { accountNumber: '880105', closeOn: '2026-12-31' },
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');

export function file(name: string, contentType = 'application/pdf', content = PDF): AttachmentInput {
  return { name, filename: `${name}.pdf`, contentType, content };
}

export const VALID_ATTACHMENTS: Record<string, AttachmentInput[]> = {
  new_connection: [file('civil_id'), file('building_permit')],
  reconnection: [],
  bill_dispute: [],
  meter_inspection: [],
  insulation_certificate: [file('civil_id'), file('insulation_report')],
  change_of_owner: [file('civil_id'), file('title_deed')],
  closure: [file('civil_id')],
};

/** Pays payables through checkout and the KNET simulator's hosted page (approve), like a citizen in the portal. */
export async function payThroughKnet(h: PaymentsHarness, payableIds: string[]): Promise<void> {
  const started = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: payableIds.map((payableId) => ({ payableId })), language: 'en' }, headers: { 'idempotency-key': randomUUID() } });
  expect(started.statusCode, started.body).toBe(200);
  const body = started.json() as { paymentId: string; redirectUrl: string };
  const row = await findPayment(h.ctx.db, body.paymentId);
  const knetPaymentId = await openHostedPage(h.sim, body.redirectUrl, row!.trackId!);
  const outcome = await chooseOnHostedPage(h.sim, knetPaymentId, 'approve');
  expect(outcome.transaction.state).toBe('captured');
  expect((await findPayment(h.ctx.db, body.paymentId))!.status).toBe('posted');
}

/** The statuses sent to the citizen for a request, in order (the outbox rows the notifications worker sends). */
export async function sentStatuses(ctx: Ctx, requestId: string): Promise<string[]> {
  const rows = await ctx.db.select().from(outbox).where(eq(outbox.topic, 'request.updated')).orderBy(asc(outbox.id));
  return rows.map((r) => r.payload as { requestId: string; status: string }).filter((p) => p.requestId === requestId).map((p) => p.status);
}
