// Writes a batch of computed bills: billing's own rows (bills and their lines) in one statement, then the payables
// through billers' bulk issuePayables (which posts each receivable through ledger's postMany), then the bill.issued
// events through platform's emitMany (bill.due_soon is written later, at its moment: bill-reminders.ts). Every part
// goes in as INSERT … SELECT from JSON parameters, a few statements per batch of thousands; no other module's table
// is written here.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.js';
import type { Ctx } from '../../platform/context.js';
import { emitMany, type EventToEmit } from '../../platform/outbox.js';
import { issueCreditNote, issuePayables, receivableAccountOf } from '../billers/index.js';
import { creditAccountsFor } from '../payments/index.js';
import type { ComputedBill } from './bill.compute.js';

export interface BillToWrite {
  id: string;
  payableId: string;
  billNumber: string;
  accountId: string;
  accountNumber: string;
  meterNumber: string | null;
  category: string;
  ownerCivilId: string | null;
  ownerPersonId: string | null;
  /** Government accounts: issued and shown, never collected online. */
  payableOnline: boolean;
  amountText: string;
  /** kWh or imp_gal, from the account's tariff schedule. */
  unit: string;
  /** The estimated periods this bill's actual reading corrects (their payables take a credit note first). */
  correctedPeriods: string[];
  bill: ComputedBill;
}

export interface RunConstants {
  runId: string;
  billerCode: string;
  period: string;
  from: string;
  to: string;
  issuedOn: string;
  dueDate: string;
  currency: string;
  now: Date;
  descriptionAr: string;
  descriptionEn: string;
  holdReasonAr: string;
  holdReasonEn: string;
  allowsPartialPayment: boolean;
  minPartialAmount: bigint;
  billerNameAr: string;
  billerNameEn: string;
  publicUrl: string;
  /** Whether to write the bill.issued events. */
  notify: boolean;
}

export interface WriteResult {
  billed: number;
  estimated: number;
  amount: bigint;
  payableIds: string[];
}

const text = (v: bigint | null) => (v === null ? null : v.toString());

export async function writeBills(ctx: Ctx, c: RunConstants, batch: BillToWrite[]): Promise<WriteResult> {
  if (batch.length === 0) return { billed: 0, estimated: 0, amount: 0n, payableIds: [] };
  const written = new Set(await insertBillRows(ctx, c, batch));
  const fresh = batch.filter((b) => written.has(b.id));
  await issuePayables(ctx, c.billerCode, fresh.map((b) => ({
    id: b.payableId, billerCode: c.billerCode, kind: 'bill', sourceId: b.id, reference: b.billNumber, personId: b.ownerPersonId,
    civilId: b.ownerCivilId, accountNumber: b.accountNumber, meterNumber: b.meterNumber, amount: b.bill.amount, taxAmount: taxOf(b.bill), issuedOn: c.issuedOn,
    dueDate: c.dueDate, descriptionAr: c.descriptionAr, descriptionEn: c.descriptionEn, payableOnline: b.payableOnline,
    holdReasonAr: b.payableOnline ? null : c.holdReasonAr, holdReasonEn: b.payableOnline ? null : c.holdReasonEn,
    ledgerMemo: { billNumber: b.billNumber },
  })));
  for (const b of fresh) if (b.bill.creditNote > 0n) await postCreditNote(ctx, c, b);
  await recordPreviousBalances(ctx, c, fresh);
  if (c.notify) await emitMany(ctx, fresh.flatMap((b) => billEvents(c, b)));
  return {
    billed: fresh.length,
    estimated: fresh.filter((b) => b.bill.estimated).length,
    amount: fresh.reduce((sum, b) => sum + b.bill.amount, 0n),
    payableIds: fresh.map((b) => b.payableId),
  };
}

/** bill.issued for every bill with an owner. */
function billEvents(c: RunConstants, b: BillToWrite): EventToEmit[] {
  if (b.ownerPersonId === null && b.ownerCivilId === null) return [];
  return [{
    topic: 'bill.issued', dedupeKey: `bill.issued:${b.id}`,
    payload: {
      personId: b.ownerPersonId, civilId: b.ownerCivilId, payableId: b.payableId, billId: b.id,
      vars: {
        billNumber: b.billNumber, billerAr: c.billerNameAr, billerEn: c.billerNameEn, amount: b.amountText, currency: c.currency, dueDate: c.dueDate,
        payUrl: `${c.publicUrl}/?accountNumber=${b.accountNumber}`, period: c.period, pdfUrl: `${c.publicUrl}/api/v1/bills/${b.id}/pdf`,
      },
    },
  }];
}

/**
 * An actual reading below the estimates: the difference lowers the corrected estimates' open payables (newest
 * first), the rest becomes the customer's credit; one balanced posting (billers' issueCreditNote).
 */
async function postCreditNote(ctx: Ctx, c: RunConstants, b: BillToWrite): Promise<void> {
  const rows = b.correctedPeriods.length === 0 ? [] : await queryRows<{ payable_id: string }>(ctx.db, sql`
    SELECT payable_id FROM bills WHERE account_id = ${b.accountId} AND period = ANY(${sql.param(b.correctedPeriods)}::text[]) ORDER BY period DESC`);
  const [creditAccount] = creditAccountsFor({ billerCode: c.billerCode, accountNumber: b.accountNumber, civilId: b.ownerCivilId, plate: null, id: b.payableId });
  await issueCreditNote(ctx, {
    billerCode: c.billerCode, sourceId: b.id, amount: b.bill.creditNote, taxAmount: vatGivenBack(b.bill), payableIds: rows.map((r) => r.payable_id), creditAccount: creditAccount!,
    memo: { billNumber: b.billNumber, corrects: b.correctedPeriods },
  });
}

/**
 * The previous balance, one definition: what the ledger says the account still owes on earlier bills at the moment
 * of issue (its receivable after this bill's own posting and credit note, less this bill). Stored on the bill,
 * with an informational line (not in the total), so the API, the portal and the PDF all show this one figure.
 */
async function recordPreviousBalances(ctx: Ctx, c: RunConstants, fresh: BillToWrite[]): Promise<void> {
  if (fresh.length === 0) return;
  const rows = JSON.stringify(fresh.map((b) => ({
    id: b.id, amount: b.bill.amount.toString(),
    receivable: receivableAccountOf({ billerCode: c.billerCode, accountNumber: b.accountNumber, civilId: b.ownerCivilId, plate: null, id: b.payableId }),
  })));
  await ctx.db.execute(sql`
    WITH input AS (SELECT * FROM json_to_recordset(${rows}::json) AS t(id text, amount bigint, receivable text)),
    balances AS (
      SELECT i.id, coalesce((SELECT sum(e.amount) FROM ledger_entries e WHERE e.account_code = i.receivable), 0) - i.amount AS previous
      FROM input i
    ),
    updated AS (UPDATE bills SET previous_balance = b.previous FROM balances b WHERE bills.id = b.id AND b.previous <> 0)
    INSERT INTO bill_lines (bill_id, position, kind, amount, counts_in_total)
    SELECT b.id, (SELECT coalesce(max(l.position), -1) + 1 FROM bill_lines l WHERE l.bill_id = b.id), 'previous_balance', b.previous, false
    FROM balances b WHERE b.previous <> 0`);
}

/** The bills and their lines; a bill that exists for the account and period is skipped. Returns the new bill ids. */
async function insertBillRows(ctx: Ctx, c: RunConstants, batch: BillToWrite[]): Promise<string[]> {
  const bills = JSON.stringify(batch.map((b) => ({
    id: b.id, payable_id: b.payableId, bill_number: b.billNumber, account_id: b.accountId,
    account_number: b.accountNumber, meter_number: b.meterNumber, category: b.category, owner_civil_id: b.ownerCivilId,
    owner_person_id: b.ownerPersonId, unit: b.unit,
    estimated: b.bill.estimated, consumption: text(b.bill.consumption), previous_value: text(b.bill.previousValue),
    previous_read_on: b.bill.previousReadOn, current_value: text(b.bill.currentValue), current_read_on: b.bill.currentReadOn,
    basis_read_on: b.bill.basisReadOn, pending_estimates: b.bill.pendingEstimates, energy_amount: text(b.bill.energyAmount),
    amount: text(b.bill.amount), previous_balance: text(b.bill.previousBalance), credit_brought_forward: text(b.bill.creditBroughtForward),
    credit_carried_forward: text(b.bill.creditCarriedForward), credit_note: text(b.bill.creditNote),
  })));
  const lines = JSON.stringify(batch.flatMap((b) => b.bill.lines.map((l, position) => ({
    bill_id: b.id, position, kind: l.kind, tariff_version_id: l.tariffVersionId, tier_from: text(l.tierFrom), tier_to: text(l.tierTo),
    quantity: text(l.quantity), rate_minor: text(l.rateMinor), per_units: text(l.perUnits), amount: text(l.amount),
    counts_in_total: l.countsInTotal, detail: l.detail,
  }))));
  const now = c.now.toISOString();
  const rows = await queryRows<{ id: string }>(ctx.db, sql`
    WITH input AS (
      SELECT * FROM json_to_recordset(${bills}::json) AS t(
        id text, payable_id text, bill_number text, account_id text, account_number text, meter_number text,
        category text, owner_civil_id text, owner_person_id text, unit text,
        estimated boolean, consumption bigint, previous_value bigint, previous_read_on date, current_value bigint,
        current_read_on date, basis_read_on date, pending_estimates jsonb, energy_amount bigint, amount bigint,
        previous_balance bigint, credit_brought_forward bigint, credit_carried_forward bigint, credit_note bigint)
    ),
    new_bills AS (
      INSERT INTO bills (id, bill_number, run_id, biller_code, account_id, account_number, meter_number, category, owner_civil_id,
        owner_person_id, period, period_from, period_to, issued_on, due_date, currency, unit, estimated, consumption, previous_value,
        previous_read_on, current_value, current_read_on, basis_read_on, pending_estimates, energy_amount, amount, previous_balance,
        credit_brought_forward, credit_carried_forward, credit_note, payable_id, created_at)
      SELECT id, bill_number, ${c.runId}, ${c.billerCode}, account_id, account_number, meter_number, category, owner_civil_id,
        owner_person_id, ${c.period}, ${c.from}::date, ${c.to}::date, ${c.issuedOn}::date, ${c.dueDate}::date, ${c.currency}, unit,
        estimated, consumption, previous_value, previous_read_on, current_value, current_read_on, basis_read_on, pending_estimates,
        energy_amount, amount, previous_balance, credit_brought_forward, credit_carried_forward, credit_note, payable_id, ${now}::timestamptz
      FROM input
      ON CONFLICT (account_id, period) DO NOTHING
      RETURNING id, account_id
    ),
    new_lines AS (
      INSERT INTO bill_lines (bill_id, position, kind, tariff_version_id, tier_from, tier_to, quantity, rate_minor, per_units, amount, counts_in_total, detail)
      SELECT l.bill_id, l.position, l.kind, l.tariff_version_id, l.tier_from, l.tier_to, l.quantity, l.rate_minor, l.per_units, l.amount, l.counts_in_total, l.detail
      FROM json_to_recordset(${lines}::json) AS l(bill_id text, position int, kind text, tariff_version_id text, tier_from bigint,
        tier_to bigint, quantity bigint, rate_minor bigint, per_units bigint, amount bigint, counts_in_total boolean, detail jsonb)
      JOIN new_bills nb ON nb.id = l.bill_id
    ),
    cleared_failures AS (
      DELETE FROM bill_run_failures WHERE run_id = ${c.runId} AND account_id IN (SELECT account_id FROM new_bills)
    )
    SELECT id FROM new_bills`);
  return rows.map((r) => r.id);
}

const vatOf = (bill: BillToWrite['bill']) => bill.lines.filter((l) => l.kind === 'vat').reduce((sum, l) => sum + l.amount, 0n);

/** The VAT inside a bill's amount (VAT is on the net charges, so a positive bill has VAT of the same sign or none). */
function taxOf(bill: BillToWrite['bill']): bigint {
  const vat = vatOf(bill);
  return bill.amount > 0n && vat > 0n ? vat : 0n;
}

/** A correction larger than the charges: the bill is zero and the VAT of the difference goes back with the credit note. */
function vatGivenBack(bill: BillToWrite['bill']): bigint {
  const vat = vatOf(bill);
  return bill.creditNote > 0n && vat < 0n ? -vat : 0n;
}
