import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { AppError } from '../../platform/errors/app-error.js';
import { accountsOfPerson, changeAccountStatus, getAccount, meters } from './accounts.service.js';
import { presentAccount } from './accounts.present.js';
import * as s from './accounts.schemas.js';

// Opening an account and replacing a meter also record meter readings: those routes are in metering.routes.ts.
export const accountsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['accounts'];

  app.get('/api/v1/me/accounts', {
    schema: { tags, summary: "The signed-in citizen's electricity and water accounts with their meters", response: { 200: s.accountsResponse, ...errorResponses } },
  }, async (request) => {
    if (request.actor.kind !== 'person') throw new AppError(request.actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
    const found = await accountsOfPerson(request.ctx, request.actor, request.actor.civilId);
    return { accounts: found.map((a) => presentAccount(a.account, a.meters)) };
  });

  app.get('/api/v1/accounts', {
    schema: { tags, summary: "A person's accounts by civil ID (cashiers, administrators)", querystring: s.accountsQuery, response: { 200: s.accountsResponse, ...errorResponses } },
  }, async (request) => {
    const found = await accountsOfPerson(request.ctx, request.actor, request.query.civilId);
    return { accounts: found.map((a) => presentAccount(a.account, a.meters)) };
  });

  app.get('/api/v1/accounts/:accountNumber', {
    schema: { tags, summary: 'An account with its meters (its owner, cashiers, administrators)', params: s.accountParams, response: { 200: s.accountSchema, ...errorResponses } },
  }, async (request) => {
    const { account, meters: found } = await getAccount(request.ctx, request.actor, request.params.accountNumber);
    return presentAccount(account, found);
  });

  app.put('/api/v1/accounts/:accountNumber/status', {
    schema: { tags, summary: 'Disconnect, reconnect or close an account (administrators)', params: s.accountParams, body: s.accountStatusBody, response: { 200: s.accountSchema, ...errorResponses } },
  }, async (request) => {
    const account = await changeAccountStatus(request.ctx, request.actor, request.params.accountNumber, request.body.status);
    return presentAccount(account, await meters.ofAccounts(request.ctx, [account.id]));
  });
};
