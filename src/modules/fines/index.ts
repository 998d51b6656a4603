// The fines module's surface: vehicles, violations, objections, clearance and reminders.
export { finesRoutes } from './fines.routes.js';
export { finesRemindersWorker } from './reminders.worker.js';
export { finesDemoSeeder } from './fines.seed.js';
export { DEMO_PLACES, demoPlate } from './demo-data.js';
