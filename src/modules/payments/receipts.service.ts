// Receipts: one per posted payment, numbered per issuing point (payments.store.ts). Shown as JSON to its owner and
// to staff, as a PDF in Arabic or English, and on a public verification page reached from the QR code, which
// needs no sign-in: the signature in the link proves the number and the amount belong together.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { formatAmount, parseAmount } from '../../shared/money.js';
import { maskCivilId, maskName } from '../../shared/mask.js';
import type { Actor } from '../../platform/actor.js';
import { findPersonByCivilId, findPersonById } from '../identity/index.js';
import { getBiller, payables, type Payable } from '../billers/index.js';
import { receiptSignatureMatches, receiptVerifyUrl } from './receipt-signature.js';
import { renderReceiptPdf, type ReceiptDocument, type ReceiptFormat, type ReceiptStatus } from './receipts.pdf.js';
import * as store from './payments.store.js';

const POINT_NAMES: Record<string, { ar: string; en: string }> = {
  WEB: { ar: 'البوابة الإلكترونية', en: 'Web portal' },
  BNK: { ar: 'القنوات المصرفية', en: 'Bank channel' },
  CTR: { ar: 'مكتب خدمة', en: 'Service counter' },
  CRD: { ar: 'رصيد دائن', en: 'Account credit' },
  KSK: { ar: 'جهاز الخدمة الذاتية', en: 'Self-service kiosk' },
};

const RECEIPT_STATUS: Record<string, ReceiptStatus> = { posted: 'paid', partially_refunded: 'partially_refunded', refunded: 'refunded', reversed: 'reversed' };

export interface ReceiptView {
  receiptNumber: string;
  paymentId: string;
  status: ReceiptStatus;
  channel: string;
  issuingPoint: { code: string; ar: string; en: string };
  paidAt: string;
  currency: string;
  total: string;
  credit: string;
  refunded: string;
  payer: { name: { ar: string; en: string } | null; civilId: string | null };
  items: { payableId: string; biller: { code: string; nameAr: string; nameEn: string }; reference: string; description: { ar: string; en: string }; amount: string }[];
  gateway: { name: string; paymentId: string | null; authCode: string | null; reference: string | null; transactionId: string | null; trackId: string | null } | null;
  verifyUrl: string;
}

interface LoadedReceipt {
  payment: store.PaymentRow;
  items: (store.PaymentItemRow & { payable: Payable })[];
  payer: { nameAr: string; nameEn: string; civilId: string } | undefined;
}

async function loadReceipt(ctx: Ctx, receiptNumber: string): Promise<LoadedReceipt | undefined> {
  const payment = await store.findPaymentByReceiptNumber(ctx.db, receiptNumber);
  if (!payment || !RECEIPT_STATUS[payment.status]) return undefined;
  const items = (await store.itemsOf(ctx.db, [payment.id])).filter((item) => item.amount > 0n);
  const rows = new Map((await payables.findMany(ctx, items.map((i) => i.payableId))).map((row) => [row.id, row]));
  const owner = items.map((i) => rows.get(i.payableId)).find((row) => row?.personId || row?.civilId);
  const personId = payment.personId ?? owner?.personId;
  const civilId = payment.civilId ?? owner?.civilId;
  const person = personId ? await findPersonById(ctx, personId) : civilId ? await findPersonByCivilId(ctx, civilId) : undefined;
  return {
    payment,
    items: items.filter((i) => rows.has(i.payableId)).map((i) => ({ ...i, payable: rows.get(i.payableId)! })),
    payer: person ? { nameAr: person.nameAr, nameEn: person.nameEn, civilId: person.civilId } : undefined,
  };
}

function mayReadInFull(actor: Actor, loaded: LoadedReceipt): boolean {
  if (actor.kind === 'staff' && ['admin', 'cashier', 'officer'].includes(actor.role)) return true;
  if (actor.kind === 'system') return true;
  if (actor.kind === 'client' && loaded.payment.actorId === actor.id) return true;
  if (actor.kind === 'person') {
    return loaded.payment.personId === actor.id || loaded.payer?.civilId === actor.civilId || loaded.items.some((i) => i.payable.civilId === actor.civilId);
  }
  return false;
}

function signatureValid(ctx: Ctx, payment: store.PaymentRow, sig: string | undefined): boolean {
  return receiptSignatureMatches(ctx.config.secret, payment.receiptNumber!, formatAmount(payment.amount, payment.currency), payment.currency, sig);
}

/** The receipt for its owner and staff; anyone else needs the signature from the receipt's QR code. */
async function authorisedReceipt(ctx: Ctx, actor: Actor, receiptNumber: string, sig?: string): Promise<{ loaded: LoadedReceipt; full: boolean }> {
  const loaded = await loadReceipt(ctx, receiptNumber);
  if (!loaded) throw new AppError('receipt_not_found', { receiptNumber });
  if (mayReadInFull(actor, loaded)) return { loaded, full: true };
  if (signatureValid(ctx, loaded.payment, sig)) return { loaded, full: false };
  // Same answer as a missing receipt: a stranger learns nothing from guessing numbers.
  if (actor.kind === 'anonymous') throw new AppError('receipt_not_found', { receiptNumber });
  throw new AppError('forbidden');
}

async function presentReceipt(ctx: Ctx, { payment, items, payer }: LoadedReceipt, full: boolean): Promise<ReceiptView> {
  const c = payment.currency;
  const point = payment.receiptPoint ?? payment.receiptNumber!.split('-')[0]!;
  const presentedItems = await Promise.all(items.map(async (item) => {
    const biller = await getBiller(ctx, item.payable.billerCode);
    return {
      payableId: item.payableId,
      biller: { code: biller.code, nameAr: biller.nameAr, nameEn: biller.nameEn },
      reference: item.payable.reference,
      description: { ar: item.payable.descriptionAr, en: item.payable.descriptionEn },
      amount: formatAmount(item.amount, c),
    };
  }));
  const raw = (payment.gatewayResult ?? {}) as Record<string, string>;
  return {
    receiptNumber: payment.receiptNumber!,
    paymentId: payment.id,
    status: RECEIPT_STATUS[payment.status]!,
    channel: payment.channel,
    issuingPoint: { code: point, ...(POINT_NAMES[point] ?? { ar: point, en: point }) },
    paidAt: (payment.postedAt ?? payment.createdAt).toISOString(),
    currency: c,
    total: formatAmount(payment.amount, c),
    credit: formatAmount(payment.creditAmount, c),
    refunded: formatAmount(payment.refundedAmount, c),
    payer: {
      name: payer ? (full ? { ar: payer.nameAr, en: payer.nameEn } : { ar: maskName(payer.nameAr), en: maskName(payer.nameEn) }) : null,
      civilId: payer ? (full ? payer.civilId : maskCivilId(payer.civilId)) : null,
    },
    items: presentedItems,
    gateway: payment.gateway
      ? { name: payment.gateway.toUpperCase(), paymentId: payment.gatewayPaymentId, authCode: raw.auth || null, reference: raw.ref || null, transactionId: raw.tranid || null, trackId: payment.trackId }
      : null,
    verifyUrl: receiptVerifyUrl(ctx.config, payment.receiptNumber!, formatAmount(payment.amount, c), c),
  };
}

export async function getReceipt(ctx: Ctx, actor: Actor, receiptNumber: string, sig?: string): Promise<ReceiptView> {
  const { loaded, full } = await authorisedReceipt(ctx, actor, receiptNumber, sig);
  return presentReceipt(ctx, loaded, full);
}

export async function receiptPdf(ctx: Ctx, actor: Actor, receiptNumber: string, language: 'ar' | 'en', sig?: string, format: ReceiptFormat = 'a4'): Promise<Buffer> {
  const { loaded, full } = await authorisedReceipt(ctx, actor, receiptNumber, sig);
  return renderReceiptPdf(receiptDocument(await presentReceipt(ctx, loaded, full), loaded.payment, ctx.config.TZ_BUSINESS), language, format);
}

/** The PDF's view model, from the presented receipt (so the PDF never shows more than the JSON would). */
export function receiptDocument(view: ReceiptView, payment: store.PaymentRow, timeZone: string): ReceiptDocument {
  const c = view.currency;
  return {
    receiptNumber: view.receiptNumber,
    issuingPoint: { ar: view.issuingPoint.ar, en: view.issuingPoint.en },
    paidAt: new Date(view.paidAt),
    timeZone,
    payer: { ...(view.payer.name ? { name: view.payer.name } : {}), ...(view.payer.civilId ? { idNumber: view.payer.civilId } : {}) },
    channel: view.channel as Extract<ReceiptDocument['channel'], string>,
    ...(view.gateway ? { gateway: Object.fromEntries(Object.entries(view.gateway).filter(([, v]) => v !== null)) as NonNullable<ReceiptDocument['gateway']> } : {}),
    items: view.items.map((item) => ({
      biller: { ar: item.biller.nameAr, en: item.biller.nameEn },
      reference: item.reference,
      description: item.description,
      amount: parseAmount(item.amount, c),
    })),
    total: payment.amount,
    currency: c,
    credit: payment.creditAmount,
    status: view.status,
    refunded: payment.refundedAmount,
    ...(payment.refundedAmount > 0n ? { statusChangedAt: payment.updatedAt } : {}),
    verifyUrl: view.verifyUrl,
  };
}

export interface ReceiptVerification {
  genuine: boolean;
  receipt?: ReceiptView;
}

/** The public check behind the QR code: genuine only when the number exists and the signature matches its amount. */
export async function verifyReceipt(ctx: Ctx, receiptNumber: string, sig: string | undefined): Promise<ReceiptVerification> {
  const loaded = await loadReceipt(ctx, receiptNumber);
  if (!loaded || !signatureValid(ctx, loaded.payment, sig)) return { genuine: false };
  return { genuine: true, receipt: await presentReceipt(ctx, loaded, false) };
}
