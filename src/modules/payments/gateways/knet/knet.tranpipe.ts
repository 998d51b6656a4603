// KNET's server-to-server endpoint (`/kpg/tranPipe.htm?param=tranInit`): the merchant POSTs a flat XML message
// (action 8 inquiry, action 2 refund) and reads a flat XML answer. Anything short of an HTTP 200 with a body is the
// gateway being unavailable: the message's fate is unknown and the caller asks again.
import { AppError } from '../../../../platform/errors/app-error.js';
import type { ResolvedKnetConfig } from './knet.config.js';

export async function postToTranPipe(body: string, config: ResolvedKnetConfig): Promise<string> {
  let response: Response;
  let text: string;
  try {
    response = await config.fetch(`${config.baseUrl}/kpg/tranPipe.htm?param=tranInit`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(config.inquiryTimeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new AppError('gateway_unavailable', { gateway: 'knet', reason: error instanceof Error ? error.message : String(error) });
  }
  if (response.status !== 200) throw new AppError('gateway_unavailable', { gateway: 'knet', httpStatus: response.status });
  return text;
}
