// What the payments module uses from the gateway adapters.
export type { GatewayRefundResult, GatewayResult, GatewayStatus, InquiryInput, PaymentGateway, RefundInput, StartPaymentInput } from './gateway.js';
export { assertGatewayResultMatches } from './gateway.js';
export { createKnetGateway, formatRedirectReply, type KnetConfig } from './knet/knet.gateway.js';
