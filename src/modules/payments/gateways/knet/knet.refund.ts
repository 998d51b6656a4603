// Action 2, credit (refund): the merchant's server asks KNET to give back all or part of a captured payment. It
// travels like the action 8 inquiry (flat XML to tranPipe, plain XML answer): `transid` names the original
// capture by its KNET payment id (`udf5` = PaymentID), `amt` is what to give back now, and `trackid` is the
// refund's OWN track id, so KNET files each refund separately and a retry of the same one is recognised rather
// than paid twice. The original track id rides in `udf4`, where KNET's portal shows it beside the refund.
import { AppError } from '../../../../platform/errors/app-error.js';
import { parseAmount } from '../../../../shared/money.js';
import type { GatewayRefundResult, RefundInput } from '../gateway.js';
import type { ResolvedKnetConfig } from './knet.config.js';
import { errorCodeInResult } from './knet.inquiry.js';
import { KNET_ACTION_REFUND, assertValidTrackId, knetAmount } from './knet.request.js';
import { postToTranPipe } from './knet.tranpipe.js';
import { parseKnetXml, toKnetXml } from './knet.xml.js';

// The answer words of an accepted refund: KNET's kits check for CAPTURED; some terminals answer APPROVED or SUCCESS.
const REFUNDED = new Set(['CAPTURED', 'APPROVED', 'SUCCESS']);

export function buildRefundXml(input: RefundInput, config: ResolvedKnetConfig): string {
  assertValidTrackId(input.refundTrackId);
  assertValidTrackId(input.original.trackId);
  if (!/^[0-9]{1,30}$/.test(input.original.paymentId ?? '')) throw new AppError('validation_failed', { field: 'original.paymentId' });
  return toKnetXml([
    ['id', config.tranportalId],
    ['password', config.tranportalPassword],
    ['action', KNET_ACTION_REFUND],
    ['amt', knetAmount(input.amount, input.currency, config)],
    ['currencycode', config.currencyCode],
    ['transid', input.original.paymentId],
    ['trackid', input.refundTrackId],
    ['udf4', input.original.trackId],
    ['udf5', 'PaymentID'],
  ]);
}

/** Reads KNET's answer to a refund: accepted, or refused with KNET's code. An answer about another refund is refused. */
export function interpretRefundAnswer(xml: string, input: RefundInput, config: ResolvedKnetConfig): GatewayRefundResult {
  const fields = parseKnetXml(xml);
  const value = (name: string) => fields[name]?.trim() || undefined;
  const base = { refundTrackId: input.refundTrackId, amount: input.amount, currency: input.currency, raw: { ...fields } };
  const errorCode = value('error_code_tag') ?? errorCodeInResult(fields.result);
  if (errorCode) return { ...base, status: 'rejected', errorCode, errorText: value('error_text') ?? value('result') ?? errorCode };
  const result = value('result')?.toUpperCase();
  if (!result) throw new AppError('gateway_response_invalid', { reason: 'refund answer has no result' });
  if (!REFUNDED.has(result)) return { ...base, status: 'rejected', errorCode: result, errorText: value('result')! };
  let amount: bigint | undefined;
  try {
    amount = parseAmount(value('amt') ?? '', config.currency);
  } catch {
    amount = undefined;
  }
  const problems = [...(value('trackid') !== input.refundTrackId ? ['trackId'] : []), ...(amount !== input.amount ? ['amount'] : [])];
  if (problems.length > 0) {
    throw new AppError('gateway_response_mismatch', { fields: problems, expected: { trackId: input.refundTrackId }, received: { trackId: value('trackid') ?? null, amount: value('amt') ?? null } });
  }
  const optional: [keyof GatewayRefundResult, string | undefined][] = [
    ['gatewayRefundId', value('payid') ?? value('paymentid')],
    ['transactionId', value('tranid')],
    ['reference', value('ref')],
    ['postDate', value('postdate')],
  ];
  const refunded: GatewayRefundResult = { ...base, status: 'refunded' };
  for (const [key, text] of optional) if (text !== undefined) Object.assign(refunded, { [key]: text });
  return refunded;
}

/** Sends the refund and interprets the answer. Call it outside a database transaction. */
export async function refundKnet(input: RefundInput, config: ResolvedKnetConfig): Promise<GatewayRefundResult> {
  const body = buildRefundXml(input, config);
  return interpretRefundAnswer(await postToTranPipe(body, config), input, config);
}
