// Utility billing's HTTP routes, in one plugin so the application's route list needs one line: accounts and
// meters, readings, tariffs, bills and bill runs.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { accountsRoutes } from '../accounts/index.js';
import { meteringRoutes } from '../metering/index.js';
import { tariffsRoutes } from '../tariffs/index.js';
import { billingRoutes } from './billing.routes.js';

export const utilityBillingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, options) => {
  await app.register(accountsRoutes, options);
  await app.register(meteringRoutes, options);
  await app.register(tariffsRoutes, options);
  await app.register(billingRoutes, options);
};
