// The metering module's surface: meter readings (customer, staff, import), their decisions, and meter changes.
export { importReadings, recordHistoricReading, type ImportResult } from './readings.service.js';
export { openAccount } from './meters.service.js';
export { meteringRoutes } from './metering.routes.js';
