// The channels module's surface (bank part): the biller API banks and national switches call, the banks each
// biller accepts, and the demo bank simulator's seed.
export { channelsRoutes } from './channels.routes.js';
export { allowBankForBiller, inquire, notifyPayment, reversePayment } from './banks.service.js';
export { bankDayReport, bankDayReportCsv } from './reports.service.js';
export { channelsDemoSeeder } from './channels.seed.js';
export { buildSadadRequest, readSadadResponse, type SadadRequestBody } from './sadad.adapter.js';
export { buildEfawateerRequest, readEfawateerResponse, type EfawateerRequestBody } from './efawateer.adapter.js';
export { SWITCH_PATHS } from './switch.routes.js';
// The counters (cashiers at offices): offices and counters, cash drawers, counter payments, voids and day close.
export { counterRoutes } from './counter.routes.js';
export { addCounter, createOffice, listOffices } from './counter.offices.service.js';
export { closeDrawer, currentDrawer, openDrawer, overShortAccountOf } from './counter.drawers.service.js';
export { counterDues, takeCounterPayment, type CounterPaymentInput, type CounterPaymentResult } from './counter.payments.service.js';
export { closeDay, dayReport, officeDayPayments, voidCounterPayment } from './counter.supervisor.service.js';
export { allocateReceiptBlock, RECEIPT_BLOCK_SIZE, setOfflineLimits } from './counter.offline.service.js';
export { counterDemoSeeder, DEMO_OFFICES } from './counter.seed.js';
