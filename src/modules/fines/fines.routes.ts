// HTTP for traffic violations: catalogue, recording (officers and cameras), look-up, objections, clearance,
// vehicles and licences. Validate → call the service → present; access is checked in the services.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { formatAmount } from '../../shared/money.js';
import { AppError } from '../../platform/errors/app-error.js';
import { listCatalogue, previewFine } from './catalogue.service.js';
import { checkClearance } from './clearance.service.js';
import { getViolation, lookupViolations } from './lookup.service.js';
import { decideObjection, fileObjection, getObjection, listObjections } from './objections.service.js';
import { recordViolation } from './recording.service.js';
import * as vehicles from './vehicles.service.js';
import { presentLicence, presentObjection, presentVehicle } from './fines.presenters.js';
import * as s from './fines.schemas.js';

export const finesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['fines'];
  const inquiryLimit = { rateLimit: { max: deps.config.INQUIRY_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  app.get('/api/v1/violation-types', {
    schema: { tags, summary: 'The violation catalogue: fines, speeding bands, types held for legal process', response: { 200: s.catalogueResponse } },
  }, async (request) => {
    const { types, bands } = await listCatalogue(request.ctx);
    return {
      types: types.map((t) => ({
        code: t.code, nameAr: t.nameAr, nameEn: t.nameEn, amount: formatAmount(t.amount, t.currency), currency: t.currency,
        isSpeeding: t.isSpeeding, payableOnline: t.payableOnline,
        holdReason: !t.payableOnline && t.holdReasonAr && t.holdReasonEn ? { ar: t.holdReasonAr, en: t.holdReasonEn } : null,
        speedingBands: bands.filter((b) => b.typeCode === t.code)
          .map((b) => ({ overFromKmh: b.overFromKmh, overToKmh: b.overToKmh, amount: formatAmount(b.amount, t.currency) })),
      })),
    };
  });

  app.get('/api/v1/violation-types/fine', {
    schema: { tags, summary: 'The fine recording would set for a type (and, for speeding, speed and limit): the same rule, nothing recorded', querystring: s.finePreviewQuery, response: { 200: s.finePreviewResponse, ...errorResponses } },
  }, async (request) => {
    const { type, amount, band } = await previewFine(request.ctx, request.query);
    return { typeCode: type.code, amount: formatAmount(amount, type.currency), currency: type.currency, speedingBand: band ? { overFromKmh: band.overFromKmh, overToKmh: band.overToKmh } : null };
  });

  app.post('/api/v1/violations', {
    schema: {
      tags, summary: 'Record a violation (officer session or HMAC-signed camera); idempotent on violationNumber',
      description: '201 when recorded, 200 when the same violation number was already recorded with the same content, 409 violation_conflict when with different content.',
      security: [{ hmac: [] }, { session: [] }],
      body: s.recordViolationBody, response: { 200: s.violationResponse, 201: s.violationResponse, ...errorResponses },
    },
  }, async (request, reply) => {
    const { violation, created } = await recordViolation(request.ctx, request.actor, request.body);
    return reply.status(created ? 201 : 200).send(await getViolation(request.ctx, request.actor, violation.id));
  });

  app.get('/api/v1/violations', {
    config: inquiryLimit,
    schema: {
      tags, summary: 'Violations on a plate or of a civil ID; masked unless the caller is the owner or traffic staff',
      querystring: s.lookupQuery, response: { 200: s.violationsResponse, ...errorResponses },
    },
  }, async (request) => ({ violations: await lookupViolations(request.ctx, request.actor, request.query) }));

  app.get('/api/v1/violations/:id', {
    schema: { tags, summary: 'One violation; masked unless the caller is the owner or traffic staff', params: s.violationParams, response: { 200: s.violationResponse, ...errorResponses } },
  }, async (request) => getViolation(request.ctx, request.actor, request.params.id));

  app.post('/api/v1/violations/:id/objections', {
    schema: { tags, summary: "File an objection to one's own violation", params: s.violationParams, body: s.objectionBody, response: { 201: s.objectionSchema, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentObjection(await fileObjection(request.ctx, request.actor, { violationId: request.params.id, reason: request.body.reason }))));

  app.get('/api/v1/objections', {
    schema: { tags, summary: 'Objections waiting for a decision (officer)', querystring: s.objectionsQuery, response: { 200: s.objectionsResponse, ...errorResponses } },
  }, async (request) => ({ objections: (await listObjections(request.ctx, request.actor, request.query.status)).map(presentObjection) }));

  app.get('/api/v1/objections/:id', {
    schema: { tags, summary: 'One objection (its author or an officer)', params: s.violationParams, response: { 200: s.objectionSchema, ...errorResponses } },
  }, async (request) => presentObjection(await getObjection(request.ctx, request.actor, request.params.id)));

  app.post('/api/v1/objections/:id/decision', {
    schema: {
      tags, summary: 'Uphold the violation or cancel it (officer); a cancelled violation that was paid is refunded',
      params: s.violationParams, body: s.decisionBody, response: { 200: s.decisionResponse, ...errorResponses },
    },
  }, async (request) => {
    const result = await decideObjection(request.ctx, request.actor, { objectionId: request.params.id, ...request.body });
    return { objection: presentObjection(result.objection), cancellation: result.cancellation };
  });

  app.get('/api/v1/clearance', {
    schema: {
      tags, summary: 'Does any unpaid violation block a transaction for this civil ID or plate? (officer, admin, cashier, bank); audited',
      security: [{ hmac: [] }, { session: [] }], querystring: s.clearanceQuery, response: { 200: s.clearanceResponse, ...errorResponses },
    },
  }, async (request) => checkClearance(request.ctx, request.actor, request.query));

  app.post('/api/v1/vehicles', {
    schema: { tags, summary: 'Register a vehicle (officer, admin); violations recorded on its plate earlier go to the owner', body: s.registerVehicleBody, response: { 201: s.registerVehicleResponse, ...errorResponses } },
  }, async (request, reply) => {
    const { vehicle, matchedViolations } = await vehicles.registerVehicle(request.ctx, request.actor, request.body);
    return reply.status(201).send({ vehicle: presentVehicle(vehicle), matchedViolations });
  });

  app.get('/api/v1/vehicles', {
    schema: { tags, summary: "A person's vehicles, or one plate's (the owner, or staff)", querystring: s.vehiclesQuery, response: { 200: s.vehiclesResponse, ...errorResponses } },
  }, async (request) => {
    const { civilId, plate } = request.query;
    if (plate) return { vehicles: [presentVehicle(await vehicles.findVehicle(request.ctx, request.actor, plate))] };
    const owner = civilId ?? (request.actor.kind === 'person' ? request.actor.civilId : undefined);
    if (!owner) throw new AppError('lookup_subject_required');
    return { vehicles: (await vehicles.vehiclesOf(request.ctx, request.actor, owner)).map(presentVehicle) };
  });

  app.patch('/api/v1/vehicles/:id', {
    schema: { tags, summary: 'Renew a registration, record an inspection, change colour or owner (officer, admin)', params: s.violationParams, body: s.updateVehicleBody, response: { 200: s.vehicleSchema, ...errorResponses } },
  }, async (request) => presentVehicle(await vehicles.updateVehicle(request.ctx, request.actor, request.params.id, request.body)));

  app.post('/api/v1/licences', {
    schema: { tags, summary: 'Register a driving licence (officer, admin)', body: s.registerLicenceBody, response: { 201: s.licenceSchema, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentLicence(await vehicles.registerLicence(request.ctx, request.actor, request.body))));

  app.patch('/api/v1/licences/:licenceNumber', {
    schema: { tags, summary: 'Renew a driving licence (officer, admin)', params: s.licenceParams, body: s.renewLicenceBody, response: { 200: s.licenceSchema, ...errorResponses } },
  }, async (request) => presentLicence(await vehicles.renewLicence(request.ctx, request.actor, request.params.licenceNumber, request.body.expiresOn)));

  app.get('/api/v1/licences', {
    schema: { tags, summary: "A person's driving licences (the person, or staff)", querystring: s.licencesQuery, response: { 200: s.licencesResponse, ...errorResponses } },
  }, async (request) => ({ licences: (await vehicles.licencesOf(request.ctx, request.actor, request.query.civilId)).map(presentLicence) }));
};
