// The requests module's surface: service request types (data), submitting and following a request, the staff
// workflow and queues, and the escalation of late steps.
export { seedRequestTypes, REQUEST_TYPES, SERVICES_BILLER } from './requests.seed.js';
export { submitRequest, type SubmitInput, type AttachmentInput } from './submit.service.js';
export { moveRequest, commentOnRequest, getRequest, myRequests, workQueue, type Step, type StepInput } from './workflow.service.js';
export { escalateLateRequests } from './escalation.service.js';
export { requestsWorker } from './requests.worker.js';
export { requestsRoutes } from './requests.routes.js';
