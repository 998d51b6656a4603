// Action 8, transaction inquiry: the merchant's server asks KNET what really happened to an attempt
// (K-064 §3.5.3). `udf5` names what `transid` holds (TrackID or PaymentID here); amount and track id are those of
// the original attempt. The answer is plain XML over https, not encrypted.
import { AppError } from '../../../../platform/errors/app-error.js';
import { assertGatewayResultMatches, type GatewayResult, type InquiryInput } from '../gateway.js';
import type { ResolvedKnetConfig } from './knet.config.js';
import { KNET_ACTION_INQUIRY, assertValidTrackId, knetAmount } from './knet.request.js';
import { resultFromKnetFields } from './knet.response.js';
import { postToTranPipe } from './knet.tranpipe.js';
import { parseKnetXml, toKnetXml } from './knet.xml.js';

// KNET's answers when it has no processed transaction for the attempt: the customer never reached the payment
// page, or is still on it. Neither is a failure yet, so the result is `unknown` and the caller asks again later.
const NOT_YET_KNOWN = new Set(['IPAY0100054', 'IPAY0100263', 'IPAY0200072']);

export function buildInquiryXml(input: InquiryInput, config: ResolvedKnetConfig): string {
  assertValidTrackId(input.trackId);
  const byPaymentId = input.paymentId !== undefined;
  if (byPaymentId && !/^[0-9]{1,30}$/.test(input.paymentId!)) throw new AppError('validation_failed', { field: 'paymentId' });
  return toKnetXml([
    ['id', config.tranportalId],
    ['password', config.tranportalPassword],
    ['action', KNET_ACTION_INQUIRY],
    ['amt', knetAmount(input.amount, input.currency, config)],
    ['currencycode', config.currencyCode],
    ['transid', byPaymentId ? input.paymentId! : input.trackId],
    ['trackid', input.trackId],
    ['udf5', byPaymentId ? 'PaymentID' : 'TrackID'],
  ]);
}

/** Reads KNET's inquiry answer; an error answer is `unknown` when it only means "nothing processed yet". */
export function interpretInquiryAnswer(xml: string, input: InquiryInput, config: ResolvedKnetConfig): GatewayResult {
  const fields = parseKnetXml(xml);
  const errorCode = fields.error_code_tag?.trim() || errorCodeInResult(fields.result);
  if (errorCode) {
    const errorText = fields.error_text?.trim() || fields.result?.trim() || errorCode;
    if (!NOT_YET_KNOWN.has(errorCode)) throw new AppError('gateway_inquiry_rejected', { errorCode, errorText });
    return { status: 'unknown', trackId: input.trackId, amount: input.amount, currency: input.currency, errorCode, errorText, raw: fields };
  }
  if (!fields.result?.trim()) throw new AppError('gateway_response_invalid', { reason: 'inquiry answer has no result' });
  const result = resultFromKnetFields(fields, config);
  assertGatewayResultMatches(result, input);
  if (input.paymentId !== undefined && result.paymentId !== input.paymentId) {
    throw new AppError('gateway_response_mismatch', { fields: ['paymentId'], expected: { paymentId: input.paymentId }, received: { paymentId: result.paymentId ?? null } });
  }
  return result;
}

// Some KNET versions put the error only in the result: `!ERROR!-IPAY0100015-Invalid tranportal password`.
export function errorCodeInResult(result: string | undefined): string | undefined {
  return /^!ERROR!-?(IPAY\d{7})/.exec(result?.trim() ?? '')?.[1];
}

/** Sends the inquiry and interprets the answer. Never holds anything open: call it outside a database transaction. */
export async function inquireKnet(input: InquiryInput, config: ResolvedKnetConfig): Promise<GatewayResult> {
  const body = buildInquiryXml(input, config);
  return interpretInquiryAnswer(await postToTranPipe(body, config), input, config);
}
