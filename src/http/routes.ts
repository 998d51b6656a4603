// Every module's routes, in one list. A module adds one line here.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app.js';
import { identityRoutes } from '../modules/identity/index.js';
import { billersRoutes } from '../modules/billers/index.js';
import { notificationsRoutes } from '../modules/notifications/index.js';
import { finesRoutes } from '../modules/fines/index.js';
import { paymentsRoutes } from '../modules/payments/index.js';
import { reportsRoutes } from '../modules/reports/index.js';
import { utilityBillingRoutes } from '../modules/billing/index.js';
import { prepaidRoutes } from '../modules/prepaid/index.js';
import { requestsRoutes } from '../modules/requests/index.js';
import { channelsRoutes, counterRoutes } from '../modules/channels/index.js';
import { reconciliationRoutes } from '../modules/reconciliation/index.js';

export async function registerModuleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(identityRoutes, { deps });
  await app.register(billersRoutes, { deps });
  await app.register(notificationsRoutes, { deps });
  await app.register(finesRoutes, { deps });
  await app.register(paymentsRoutes, { deps });
  await app.register(reportsRoutes, { deps });
  await app.register(utilityBillingRoutes, { deps });
  await app.register(prepaidRoutes, { deps });
  await app.register(requestsRoutes, { deps });
  await app.register(channelsRoutes, { deps });
  await app.register(counterRoutes, { deps });
  await app.register(reconciliationRoutes, { deps });
}
