// Payables and payments for the payments tests: issued through the billers service, as a biller module would.
import { randomBytes } from 'node:crypto';
import { issuePayable, type Payable as PayableRow, type PayableKind } from '../../src/modules/billers/index.js';
import { inTransaction, type Ctx } from '../../src/platform/context.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';

export interface TestPayableInput {
  billerCode?: string;
  amount: bigint;
  civilId?: string | null;
  personId?: string | null;
  accountNumber?: string | null;
  meterNumber?: string | null;
  plate?: string | null;
  dueDate?: string;
  payableOnline?: boolean;
  kind?: PayableKind;
}

/** Issues a payable (which posts its receivable in the ledger: debit receivable, credit revenue), as billing does. */
export async function issueTestPayable(ctx: Ctx, input: TestPayableInput): Promise<PayableRow> {
  const billerCode = input.billerCode ?? 'mew-electricity';
  const sourceId = `src-${randomBytes(6).toString('hex')}`;
  return inTransaction(ctx, async (tx) => {
    const { payable } = await issuePayable(tx, {
      billerCode,
      kind: input.kind ?? (billerCode === 'moi-traffic' ? 'fine' : 'bill'),
      sourceId,
      reference: `REF-${sourceId.slice(4, 12).toUpperCase()}`,
      personId: input.personId ?? null,
      civilId: input.civilId ?? null,
      accountNumber: input.accountNumber ?? null,
      meterNumber: input.meterNumber ?? null,
      plate: input.plate ?? null,
      amount: input.amount,
      issuedOn: '2026-10-28',
      dueDate: input.dueDate ?? '2026-11-27',
      descriptionAr: 'فاتورة الكهرباء أكتوبر 2026',
      descriptionEn: 'Electricity bill October 2026',
      payableOnline: input.payableOnline ?? true,
      ...(input.payableOnline === false ? { holdReasonAr: 'محجوز لإجراء قانوني', holdReasonEn: 'Held for legal process' } : {}),
    });
    return payable;
  });
}

export async function expectBalancedLedger(ctx: Ctx): Promise<void> {
  const rows = await ledger.trialBalance(ctx);
  for (const row of rows) {
    if (row.total !== 0n || row.unbalancedTransactions !== 0) throw new Error(`ledger not balanced: ${JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  }
}
