// The reports module's surface: read-only figures across modules (collections of the day).
export { reportsRoutes } from './reports.routes.js';
