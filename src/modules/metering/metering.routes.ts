import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { getAccount } from '../accounts/index.js';
import { presentAccount, presentMeter } from '../accounts/index.js';
import { accountSchemas } from '../accounts/index.js';
import type { Expected } from './readings.decision.js';
import { openAccount, replaceMeter } from './meters.service.js';
import { heldReadings, importReadings, readingsOfAccount, reviewReading, submitReading, type ReadingView } from './readings.service.js';
import * as s from './metering.schemas.js';

export const meteringRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['readings'];
  // The meter readers' handheld export may be posted as the CSV file itself.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 }, (_request, body, done) => done(null, { csv: body as string }));

  app.post('/api/v1/readings', {
    schema: {
      tags, summary: 'Enter a meter reading by account or meter number (the owner, cashiers, administrators); the answer explains the decision',
      body: s.submitReadingBody, response: { 201: s.readingDecisionSchema, 202: s.readingDecisionSchema, ...errorResponses, 422: errorResponses[409] },
    },
  }, async (request, reply) => {
    const outcome = await submitReading(request.ctx, request.actor, { ...request.body, value: request.body.reading });
    return reply.status(outcome.decision === 'accepted' ? 201 : 202).send({
      decision: outcome.decision, code: outcome.code, message: outcome.message, reading: presentReading({ ...outcome.reading, accountNumber: outcome.account.accountNumber, meterNumber: outcome.meter.meterNumber, unit: outcome.meter.unit }), expected: presentExpected(outcome.expected),
    });
  });

  app.get('/api/v1/accounts/:accountNumber/readings', {
    schema: { tags, summary: "An account's readings, newest first", params: accountSchemas.accountParams, response: { 200: s.readingsResponse, ...errorResponses } },
  }, async (request) => {
    const { account } = await getAccount(request.ctx, request.actor, request.params.accountNumber);
    return { readings: (await readingsOfAccount(request.ctx, request.actor, account)).map(presentReading) };
  });

  app.post('/api/v1/readings/import', {
    schema: { tags, summary: 'Import the meter readers\' CSV (administrators): columns meter_number or account_number, reading, read_on', body: s.importBody, response: { 200: s.importResponse, ...errorResponses, 413: errorResponses[400] } },
  }, async (request) => importReadings(request.ctx, request.actor, request.body.csv));

  app.get('/api/v1/readings/held', {
    schema: { tags, summary: 'Readings held for review (administrators)', response: { 200: s.readingsResponse, ...errorResponses } },
  }, async (request) => {
    const held = await heldReadings(request.ctx, request.actor);
    return { readings: held.map(presentReading) };
  });

  app.post('/api/v1/readings/:id/review', {
    schema: { tags, summary: 'Accept or reject a held reading (administrators)', params: s.readingParams, body: s.reviewBody, response: { 200: s.readingDecisionSchema, ...errorResponses } },
  }, async (request) => {
    const outcome = await reviewReading(request.ctx, request.actor, request.params.id, request.body.accept);
    return { decision: outcome.decision, code: outcome.code, message: outcome.message, reading: presentReading(outcome.reading), expected: null };
  });

  app.post('/api/v1/accounts', {
    schema: { tags: ['accounts'], summary: 'Open an account with its meter and the meter\'s first reading (administrators)', body: accountSchemas.openAccountBody, response: { 201: accountSchemas.accountSchema, ...errorResponses } },
  }, async (request, reply) => {
    const opened = await openAccount(request.ctx, request.actor, request.body);
    return reply.status(201).send(presentAccount(opened.account, [opened.meter]));
  });

  app.post('/api/v1/accounts/:accountNumber/meter-replacement', {
    schema: { tags: ['accounts'], summary: 'Replace a meter: the old one\'s final reading, the new one\'s first (administrators)', params: accountSchemas.accountParams, body: accountSchemas.meterReplacementBody, response: { 200: accountSchemas.meterReplacementResponse, ...errorResponses } },
  }, async (request) => {
    const result = await replaceMeter(request.ctx, request.actor, { ...request.body, accountNumber: request.params.accountNumber });
    return { removed: presentMeter(result.removed), installed: presentMeter(result.installed) };
  });
};

type Reading = z.infer<typeof s.readingSchema>;

function presentReading(reading: ReadingView): Reading {
  return {
    id: reading.id, accountNumber: reading.accountNumber, meterNumber: reading.meterNumber, readOn: reading.readOn,
    value: reading.value.toString(), consumption: reading.consumption.toString(), unit: reading.unit as Reading['unit'], rollover: reading.rollover,
    source: reading.source as Reading['source'], status: reading.status as Reading['status'], code: reading.decisionCode,
  };
}

function presentExpected(expected: Expected | null): z.infer<typeof s.expectedSchema> | null {
  return expected ? { units: expected.units.toString(), low: expected.low.toString(), high: expected.high.toString() } : null;
}
