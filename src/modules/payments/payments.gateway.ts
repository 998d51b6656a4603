// Which card gateway the running server uses. `serve --demo` and tests put one into `deps.services.paymentGateway`
// (the KNET adapter pointed at the simulator); a deployment configures KNET through the environment:
// KNET_BASE_URL (https://www.kpay.com.kw), KNET_TRANPORTAL_ID, KNET_TRANPORTAL_PASSWORD, KNET_RESOURCE_KEY.
// Without either, checkout answers `payment_gateway_not_configured` and the bank and counter channels still work.
import type { AppDeps } from '../../http/app.js';
import { createKnetGateway, type PaymentGateway } from './gateways/index.js';

export const PAYMENT_GATEWAY_SERVICE = 'paymentGateway';

const fromEnvironment = new Map<string, PaymentGateway | undefined>();

export function knetGatewayFromEnv(env: NodeJS.ProcessEnv = process.env): PaymentGateway | undefined {
  const baseUrl = env.KNET_BASE_URL;
  if (!baseUrl) return undefined;
  const key = [baseUrl, env.KNET_TRANPORTAL_ID, env.KNET_RESOURCE_KEY].join('|');
  if (!fromEnvironment.has(key)) {
    fromEnvironment.set(key, createKnetGateway({
      baseUrl,
      tranportalId: env.KNET_TRANPORTAL_ID ?? '',
      tranportalPassword: env.KNET_TRANPORTAL_PASSWORD ?? '',
      resourceKey: env.KNET_RESOURCE_KEY ?? '',
    }));
  }
  return fromEnvironment.get(key);
}

export function paymentGatewayOf(deps: Pick<AppDeps, 'services'>): PaymentGateway | undefined {
  const given = deps.services?.[PAYMENT_GATEWAY_SERVICE] as PaymentGateway | undefined;
  return given ?? knetGatewayFromEnv();
}

/** Minutes a card payment may stay pending before the reconciler asks the gateway (PAYMENTS_INQUIRE_AFTER_MINUTES). */
export function inquireAfterMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.PAYMENTS_INQUIRE_AFTER_MINUTES ?? 10);
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : 10;
}
