// Which card gateway the running server uses. `serve --demo` and tests put one into `deps.services.paymentGateway`
// (the KNET adapter pointed at the simulator); a deployment configures KNET through the environment:
// KNET_BASE_URL (https://www.kpay.com.kw), KNET_TRANPORTAL_ID, KNET_TRANPORTAL_PASSWORD, KNET_RESOURCE_KEY.
// Without either, checkout answers `payment_gateway_not_configured` and the bank and counter channels still work.
import type { AppDeps } from '../../http/app.js';
import type { Config } from '../../config.js';
import { createKnetGateway, type PaymentGateway } from './gateways/index.js';

export const PAYMENT_GATEWAY_SERVICE = 'paymentGateway';

const configured = new Map<string, PaymentGateway>();

/** The KNET adapter for the terminal the configuration names (KNET_*), made once per terminal. */
export function knetGatewayOf(config: Config): PaymentGateway | undefined {
  const knet = config.knet;
  if (!knet) return undefined;
  const key = [knet.baseUrl, knet.tranportalId, knet.resourceKey].join('|');
  if (!configured.has(key)) configured.set(key, createKnetGateway(knet));
  return configured.get(key);
}

export function paymentGatewayOf(deps: Pick<AppDeps, 'services' | 'config'>): PaymentGateway | undefined {
  const given = deps.services?.[PAYMENT_GATEWAY_SERVICE] as PaymentGateway | undefined;
  return given ?? knetGatewayOf(deps.config);
}
