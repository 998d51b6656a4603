// The requests module's surface: service request types (data), submitting and following a request, the staff
// workflow and queues, the escalation of late steps, and disconnection for debt with reconnection on payment.
import { onPaymentApplied } from '../../platform/payment-listeners.js';
import { reconnectOnPayment, reconnectionProbe } from './disconnection/reconnection.service.js';

export { seedRequestTypes, REQUEST_TYPES, SERVICES_BILLER } from './requests.seed.js';
export { submitRequest, type SubmitInput, type AttachmentInput } from './submit.service.js';
export { moveRequest, commentOnRequest, getRequest, myRequests, workQueue, type Step, type StepInput } from './workflow.service.js';
export { escalateLateRequests } from './escalation.service.js';
export { requestsWorker } from './requests.worker.js';
export { requestsRoutes } from './requests.routes.js';
export { runDisconnectionCycle, type CycleResult } from './disconnection/list.service.js';
export { completeOrder, listOrders } from './disconnection/orders.service.js';
export { ensureDisconnectionRules, listDisconnectionRules, saveDisconnectionRule, DEFAULT_RULES, type RuleInput } from './disconnection/rules.service.js';
export { disconnectionDemoSeeder } from './disconnection/disconnection.seed.js';
export { disconnectionWorker } from './disconnection/disconnection.worker.js';

// A payment that clears a disconnected account's debt issues its reconnection order in the payment's own
// transaction (platform/payment-listeners.ts): registered when this module loads, which every process that serves
// payments does (the routes of the API, the workers, the CLI all import it).
onPaymentApplied('requests.reconnection', reconnectOnPayment, { probe: reconnectionProbe });
