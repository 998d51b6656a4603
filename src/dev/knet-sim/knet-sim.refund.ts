// Action 2, credit (refund), as the simulator answers it at /kpg/tranPipe.htm: the merchant names a captured
// payment (`transid`, by whichever id `udf5` says) and the amount to give back, under the refund's own `trackid`.
// KNET's rules as the merchant meets them: only a capture can be refunded, never more than was captured in total
// across partial refunds, and a refund track id is filed once — the same refund sent again gets the first answer
// (a merchant retrying after a lost answer refunds once), a different refund under a used track id is a duplicate.
import { localDate } from '../../platform/clock.js';
import { toKnetXml } from '../../modules/payments/index.js';
import { KnetSimError } from './knet-sim.protocol.js';
import { randomDigits, type SimRefund, type SimTransaction } from './knet-sim.store.js';
import type { SimContext } from './knet-sim.flow.js';

const CURRENCY_CODE = '414';
const AMOUNT = /^\d{1,6}\.\d{3}$/;
const TRACK_ID = /^[A-Za-z0-9]{1,40}$/;

/** "12.500" → 12500 fils (the format AMOUNT allows has exactly three decimals). */
function fils(amount: string): bigint {
  return BigInt(amount.replace('.', ''));
}

function formatFils(value: bigint): string {
  const text = value.toString().padStart(4, '0');
  return `${text.slice(0, -3)}.${text.slice(-3)}`;
}

/** Answers a refund message (already read from XML and authenticated as this terminal's). */
export function answerRefund(f: Record<string, string>, ctx: SimContext): string {
  try {
    return toKnetXml(refundAnswerFields(acceptRefund(f, ctx)));
  } catch (error) {
    if (!(error instanceof KnetSimError)) throw error;
    return toKnetXml([
      ['result', `!ERROR!-${error.code}-${error.text}`],
      ['error_code_tag', error.code],
      ['error_text', error.text],
    ]);
  }
}

function acceptRefund(f: Record<string, string>, ctx: SimContext): SimRefund {
  if (!f.currencycode) throw new KnetSimError('IPAY0100021');
  if (f.currencycode !== CURRENCY_CODE) throw new KnetSimError('IPAY0100022');
  if (!f.amt) throw new KnetSimError('IPAY0100023');
  if (!AMOUNT.test(f.amt) || fils(f.amt) === 0n) throw new KnetSimError('IPAY0100024');
  if (!f.trackid || !TRACK_ID.test(f.trackid)) throw new KnetSimError('IPAY0100027');
  const original = findOriginal(f, ctx);
  const filed = ctx.store.refundByTrackId(f.trackid);
  if (filed) {
    if (filed.originalPaymentId === original.paymentId && filed.amount === f.amt) return filed;
    throw new KnetSimError('IPAY0100114');
  }
  if (original.state !== 'captured') throw new KnetSimError('IPAY0100054', `${'Payment details not available'}: payment ${original.paymentId} is not captured`);
  const refundedSoFar = original.refunds.reduce((sum, refund) => sum + fils(refund.amount), 0n);
  const left = fils(original.amount) - refundedSoFar;
  // The manual's error table has no code of its own for "more than is left"; KNET refuses it as an invalid amount.
  if (fils(f.amt) > left) throw new KnetSimError('IPAY0100024', `Invalid amount: at most ${formatFils(left)} is left to refund`);
  const now = ctx.now();
  const refund: SimRefund = {
    trackId: f.trackid,
    originalPaymentId: original.paymentId,
    amount: f.amt,
    paymentId: randomDigits(18),
    tranId: randomDigits(16),
    ref: randomDigits(12),
    postDate: localDate(now, 'Asia/Kuwait').slice(5).replace('-', ''),
    createdAt: now.toISOString(),
  };
  ctx.store.addRefund(original, refund);
  original.updatedAt = refund.createdAt;
  return refund;
}

function findOriginal(f: Record<string, string>, ctx: SimContext): SimTransaction {
  const key = f.transid ?? '';
  let transaction: SimTransaction | undefined;
  switch ((f.udf5 ?? '').toLowerCase()) {
    case 'paymentid':
      transaction = ctx.store.byPaymentId(key);
      break;
    case 'trackid':
      transaction = ctx.store.byTrackId(key);
      break;
    case '':
    case 'transid':
    case 'transactionid':
      transaction = ctx.store.byTranId(key);
      break;
    default:
      throw new KnetSimError('IPAY0100032');
  }
  if (!transaction) throw new KnetSimError('IPAY0100054');
  return transaction;
}

function refundAnswerFields(refund: SimRefund): [string, string][] {
  return [
    ['result', 'CAPTURED'],
    ['auth', ''],
    ['ref', refund.ref],
    ['avr', 'N'],
    ['postdate', refund.postDate],
    ['tranid', refund.tranId],
    ['payid', refund.paymentId],
    ['trackid', refund.trackId],
    ['amt', refund.amount],
    ['udf5', 'PaymentID'],
  ];
}
