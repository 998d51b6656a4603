// HTTP for prepaid water filling: the registry (admins), wallets and top-ups (operators, cashiers), and the
// terminal protocol (HMAC-signed station terminals). Validate → call the service → present.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { formatAmount } from '../../shared/money.js';
import type { Ctx } from '../../platform/context.js';
import * as registry from './registry.service.js';
import * as wallet from './wallet.service.js';
import * as dispensing from './dispensing.service.js';
import * as offline from './offline.service.js';
import { stationReport } from './reports.service.js';
import { monthlyReport, monthlyReportCsv } from './monthly-report.js';
import * as store from './prepaid.store.js';
import * as s from './prepaid.schemas.js';

const signed = [{ hmac: [] }];

async function dispenseView(ctx: Ctx, dispense: store.DispenseRow) {
  const truck = await store.findTruck(ctx.db, dispense.truckId);
  return dispensing.presentDispense(dispense, truck?.plate ?? '');
}

const presentTruck = (t: store.TruckRow) => ({ id: t.id, operatorId: t.operatorId, plate: t.plate, tankCapacityGallons: t.tankCapacityGallons, blocked: t.blocked });
const presentStation = (st: store.StationRow) => ({
  id: st.id, code: st.code, nameAr: st.nameAr, nameEn: st.nameEn, latitude: st.latitude, longitude: st.longitude, nozzles: st.nozzles, opensAt: st.opensAt, closesAt: st.closesAt,
});

export const prepaidRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['prepaid'];

  app.post('/api/v1/prepaid/operators', {
    schema: { tags, summary: 'Register a tanker operator (admin)', body: s.createOperatorBody, response: { 201: s.operatorResponse, ...errorResponses } },
  }, async (request, reply) => {
    const operator = await registry.registerOperator(request.ctx, request.actor, request.body);
    return reply.status(201).send(await wallet.presentOperator(request.ctx, operator));
  });

  app.get('/api/v1/prepaid/my-operators', {
    schema: { tags, summary: 'The wallets of the signed-in person: the operators registered with their civil ID', response: { 200: s.myOperatorsResponse, ...errorResponses } },
  }, async (request) => ({ operators: await Promise.all((await registry.operatorsOfSignedInPerson(request.ctx, request.actor)).map((o) => wallet.presentOperator(request.ctx, o))) }));

  app.get('/api/v1/prepaid/operators/:id', {
    schema: { tags, summary: 'An operator and its wallet (admin, cashier, or the operator)', params: s.idParams, response: { 200: s.operatorResponse, ...errorResponses } },
  }, async (request) => wallet.presentOperator(request.ctx, await registry.operatorFor(request.ctx, request.actor, request.params.id)));

  app.post('/api/v1/prepaid/operators/:id/trucks', {
    schema: { tags, summary: 'Register a truck of an operator (admin)', params: s.idParams, body: s.createTruckBody, response: { 201: s.truckResponse, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentTruck(await registry.registerTruck(request.ctx, request.actor, request.params.id, request.body))));

  app.put('/api/v1/prepaid/trucks/:id/blocked', {
    schema: { tags, summary: 'Block or unblock a truck by plate (admin)', params: s.idParams, body: s.blockTruckBody, response: { 200: s.truckResponse, ...errorResponses } },
  }, async (request) => presentTruck(await registry.setTruckBlocked(request.ctx, request.actor, request.params.id, request.body.blocked)));

  app.post('/api/v1/prepaid/stations', {
    schema: { tags, summary: 'Register a filling station and its terminal (admin)', body: s.createStationBody, response: { 201: s.stationResponse, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentStation(await registry.registerStation(request.ctx, request.actor, request.body))));

  app.get('/api/v1/prepaid/stations', {
    schema: { tags, summary: 'The filling stations', response: { 200: s.stationsResponse } },
  }, async (request) => ({ stations: (await registry.listStations(request.ctx)).map(presentStation) }));

  app.post('/api/v1/prepaid/tariffs', {
    schema: { tags, summary: 'A new water price from a moment on (admin)', body: s.createTariffBody, response: { 201: s.tariffResponse, ...errorResponses } },
  }, async (request, reply) => {
    const row = await registry.addTariffVersion(request.ctx, request.actor, request.body);
    return reply.status(201).send({ id: row.id, effectiveFrom: row.effectiveFrom.toISOString(), currency: row.currency, pricePerThousandGallons: formatAmount(row.pricePerThousandGallons, row.currency) });
  });

  app.post('/api/v1/prepaid/operators/:id/topups', {
    schema: { tags, summary: 'Ask for a wallet top-up: a payable to pay through any channel', params: s.idParams, body: s.topupBody, response: { 201: s.topupResponse, ...errorResponses } },
  }, async (request, reply) => {
    const { topup, payable } = await wallet.requestTopup(request.ctx, request.actor, request.params.id, request.body.amount);
    return reply.status(201).send({ topupId: topup.id, payableId: payable.id, reference: payable.reference, amount: formatAmount(topup.amount, topup.currency), currency: topup.currency });
  });

  app.get('/api/v1/prepaid/operators/:id/statement', {
    schema: { tags, summary: 'The wallet statement: balances and the latest dispenses', params: s.idParams, response: { 200: s.statementResponse, ...errorResponses } },
  }, async (request) => wallet.walletStatement(request.ctx, request.actor, request.params.id));

  // ── the terminal protocol ──
  app.post('/api/v1/prepaid/dispenses', {
    schema: {
      tags, summary: 'Authorise a dispense (signed station terminal): holds its price on the wallet; idempotent on dispenseId', security: signed,
      body: s.authoriseBody, response: { 200: s.dispenseResponse, 201: s.dispenseResponse, ...errorResponses },
    },
  }, async (request, reply) => {
    const { dispense, created } = await dispensing.authoriseDispense(request.ctx, request.actor, request.body);
    return reply.status(created ? 201 : 200).send(await dispenseView(request.ctx, dispense));
  });

  app.post('/api/v1/prepaid/dispenses/:dispenseId/reports', {
    schema: { tags, summary: 'Report metered gallons with a sequence number (signed station terminal)', security: signed, params: s.dispenseParams, body: s.reportBody, response: { 200: s.dispenseResponse, ...errorResponses } },
  }, async (request) => dispenseView(request.ctx, await dispensing.reportDispense(request.ctx, request.actor, request.params.dispenseId, request.body)));

  app.post('/api/v1/prepaid/dispenses/:dispenseId/settle', {
    schema: { tags, summary: 'Settle: charge the final gallons, release the rest of the hold (signed station terminal)', security: signed, params: s.dispenseParams, body: s.settleBody, response: { 200: s.dispenseResponse, ...errorResponses } },
  }, async (request) => dispenseView(request.ctx, await dispensing.settleByTerminal(request.ctx, request.actor, request.params.dispenseId, request.body.gallons)));

  // ── offline ──
  app.get('/api/v1/prepaid/allow-list', {
    schema: { tags, summary: 'The signed allow-list a station fills from while its link is down (signed station terminal)', security: signed, response: { 200: s.allowListResponse, ...errorResponses } },
  }, async (request) => offline.allowListFor(request.ctx, request.actor));

  app.post('/api/v1/prepaid/offline-dispenses', {
    schema: {
      tags, summary: 'Upload dispenses made offline: each recorded exactly once; what the wallet cannot cover becomes a debt', security: signed,
      body: s.offlineUploadBody, response: { 200: s.offlineUploadResponse, ...errorResponses },
    },
  }, async (request) => ({ results: await offline.uploadOfflineDispenses(request.ctx, request.actor, request.body) }));

  app.get('/api/v1/prepaid/reports/stations', {
    schema: { tags, summary: 'Gallons and KD by station and day, with the headline total and the price obtained (admin)', querystring: s.reportQuery, response: { 200: s.stationReportResponse, ...errorResponses } },
  }, async (request) => stationReport(request.ctx, request.actor, request.query.from, request.query.to, request.query.by));

  app.get('/api/v1/prepaid/reports/monthly', {
    schema: { tags, summary: 'The month\'s gallons, dispenses and KD per station and per operator (admin)', querystring: s.monthlyReportQuery, response: { 200: s.monthlyReportResponse, ...errorResponses } },
  }, async (request) => monthlyReport(request.ctx, request.actor, request.query.month));

  app.get('/api/v1/prepaid/reports/monthly.csv', {
    schema: { tags, summary: 'The monthly report as CSV (admin)', querystring: s.monthlyReportQuery, produces: ['text/csv'], response: { 200: z.string(), ...errorResponses } },
  }, async (request, reply) => {
    const report = await monthlyReport(request.ctx, request.actor, request.query.month);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="prepaid-${report.month}.csv"`)
      .send(monthlyReportCsv(report));
  });
};
