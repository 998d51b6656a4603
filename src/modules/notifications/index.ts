// The notifications module's surface: the worker that turns outbox events into SMS and email, and its routes.
// Other modules raise events through platform's emitEvent; they never call notifications directly.
export { notificationsWorker, startNotifications, type RunningNotifications, type SmscConnection } from './notifications.worker.js';
export { notificationsRoutes } from './notifications.routes.js';
// The SMPP wire helpers the SMS-centre simulator shares (addresses, segments, receipts).
export { displayAddress, recipientAddress } from './sms/smpp.address.js';
export { readShortMessage } from './sms/smpp.inbound.js';
export { formatReceiptDate } from './sms/smpp.receipt.js';
export { buildSegmentPayloads } from './sms/sms.encoding.js';
export { ConcatenationBuffer, concatenationInfo } from './sms/sms.reassembly.js';
