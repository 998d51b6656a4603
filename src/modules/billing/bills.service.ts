// Reading bills: a citizen sees the bills of accounts registered to them, cashiers and administrators any.
import type { AttachmentProvider } from '../../platform/attachments.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { accountsOfPerson, assertAccountAccess, findAccountById, findAccountByNumber, ACCOUNT_STAFF, type Account } from '../accounts/index.js';
import { billDocumentOf } from './bill.document.js';
import { renderBillPdf } from './billing.pdf.js';
import * as store from './bills.store.js';

export type { BillRow, BillLineRow, BillWithLines } from './bills.store.js';

/** A bill with its lines, without an access check (the bill run's and the tests' own use). */
export async function billOfAccount(ctx: Ctx, accountId: string, period: string): Promise<store.BillWithLines | undefined> {
  const bill = await store.findBillOfAccount(ctx.db, accountId, period);
  return bill ? { ...bill, lines: await store.linesOf(ctx.db, bill.id) } : undefined;
}

export async function getBill(ctx: Ctx, actor: Actor, billId: string): Promise<{ bill: store.BillWithLines; account: Account }> {
  requireRole(actor, 'citizen', ...ACCOUNT_STAFF);
  const bill = await store.findBill(ctx.db, billId);
  if (!bill) throw new AppError('bill_not_found');
  const account = (await findAccountById(ctx, bill.accountId))!;
  try {
    assertAccountAccess(actor, account);
  } catch {
    // Someone else's bill answers exactly like a missing one: bill ids say nothing about who owes what.
    throw new AppError('bill_not_found');
  }
  return { bill: { ...bill, lines: await store.linesOf(ctx.db, bill.id) }, account };
}

/**
 * An account's bill history, a page at a time, optionally one year's: every bill the account ever had is
 * reachable (the dashboard shows only the latest). Same access as the account's bills.
 */
export async function billHistory(ctx: Ctx, actor: Actor, accountNumber: string, query: { year?: number | undefined; page: number; pageSize: number }): Promise<{ account: Account; bills: store.BillRow[]; total: number; years: number[] }> {
  requireRole(actor, 'citizen', ...ACCOUNT_STAFF);
  const account = await findAccountByNumber(ctx, accountNumber);
  if (!account) throw new AppError('account_not_found');
  assertAccountAccess(actor, account);
  const [{ rows, total }, years] = await Promise.all([
    store.billsOfAccountPage(ctx.db, account.id, { year: query.year, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    store.billYearsOfAccount(ctx.db, account.id),
  ]);
  return { account, bills: rows, total, years };
}

/** The signed-in citizen's bills across all their accounts, newest first. */
export async function myBills(ctx: Ctx, actor: Actor, limit = 100): Promise<{ accounts: Account[]; bills: store.BillRow[] }> {
  requireRole(actor, 'citizen');
  if (actor.kind !== 'person') throw new AppError('forbidden');
  const accounts = (await accountsOfPerson(ctx, actor, actor.civilId)).map((a) => a.account);
  return { accounts, bills: await store.billsOfAccounts(ctx.db, accounts.map((a) => a.id), limit) };
}

export async function consumptionHistory(ctx: Ctx, bill: store.BillRow, count = 12) {
  return store.consumptionHistory(ctx.db, bill.accountId, bill.period, count);
}

/** The bill as a PDF in Arabic or English, for its owner only (staff see the bill's figures, not the document). */
export async function billPdf(ctx: Ctx, actor: Actor, billId: string, language: 'ar' | 'en'): Promise<{ pdf: Buffer; billNumber: string }> {
  requireRole(actor, 'citizen');
  const { bill, account } = await getBill(ctx, actor, billId);
  return { pdf: await renderBillPdf(await billDocumentOf(ctx, bill, account), language), billNumber: bill.billNumber };
}

/** The e-bill PDF attached to the bill.issued email, in the person's language. */
export const billEmailAttachment: AttachmentProvider<'bill.issued'> = async (ctx, event, language) => {
  const bill = await store.findBill(ctx.db, event.payload.billId);
  if (!bill) return [];
  const account = (await findAccountById(ctx, bill.accountId))!;
  const withLines = { ...bill, lines: await store.linesOf(ctx.db, bill.id) };
  const content = await renderBillPdf(await billDocumentOf(ctx, withLines, account), language);
  return [{ filename: `${bill.billNumber}-${language}.pdf`, content, contentType: 'application/pdf' }];
};
