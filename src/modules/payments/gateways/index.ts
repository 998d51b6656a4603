// What the payments module uses from the gateway adapters.
export type { GatewayResult, GatewayStatus, InquiryInput, PaymentGateway, StartPaymentInput } from './gateway.js';
export { assertGatewayResultMatches } from './gateway.js';
export { createKnetGateway, formatRedirectReply, type KnetConfig } from './knet/knet.gateway.js';
