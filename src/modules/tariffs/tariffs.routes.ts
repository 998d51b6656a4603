import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { formatAmount, parseAmount } from '../../shared/money.js';
import { createTariffVersion, listTariffVersions, type TariffWithTiers, type Unit } from './tariffs.service.js';
import * as s from './tariffs.schemas.js';

export const tariffsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['tariffs'];

  app.get('/api/v1/tariffs', {
    schema: { tags, summary: 'Tariff versions (public): rates per block, fixed charges, effective dates', querystring: s.tariffListQuery, response: { 200: s.tariffListResponse, ...errorResponses } },
  }, async (request) => ({
    tariffs: (await listTariffVersions(request.ctx, { billerCode: request.query.biller, category: request.query.category })).map(presentTariff),
  }));

  app.post('/api/v1/tariffs', {
    schema: { tags, summary: 'Add a tariff version (admin); overlapping versions are refused', body: s.createTariffBody, response: { 201: s.tariffVersionSchema, ...errorResponses } },
  }, async (request, reply) => {
    const body = request.body;
    const created = await createTariffVersion(request.ctx, request.actor, {
      billerCode: body.billerCode, category: body.category, effectiveFrom: body.effectiveFrom, effectiveTo: body.effectiveTo ?? null,
      currency: body.currency, unit: body.unit as Unit, fixedMonthly: parseAmount(body.fixedMonthly, body.currency), vatRateBps: basisPointsOf(body.vatRate),
      nameAr: body.name.ar, nameEn: body.name.en, source: body.source, supersede: body.supersede,
      tiers: body.tiers.map((t) => ({ upTo: t.upTo === null ? null : BigInt(t.upTo), rate: { minor: parseAmount(t.price, body.currency), perUnits: BigInt(t.perUnits) } })),
    });
    return reply.status(201).send(presentTariff(created));
  });
};

export function presentTariff(row: TariffWithTiers): z.infer<typeof s.tariffVersionSchema> {
  return {
    id: row.id, billerCode: row.billerCode, category: row.category, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo,
    currency: row.currency, unit: row.unit as Unit, fixedMonthly: formatAmount(row.fixedMonthly, row.currency), vatRate: percentOf(row.vatRateBps),
    name: { ar: row.nameAr, en: row.nameEn }, source: row.source,
    tiers: row.tiers.map((t) => ({ upTo: t.upTo === null ? null : t.upTo.toString(), price: formatAmount(t.rateMinor, row.currency), perUnits: t.perUnits.toString() })),
  };
}

/** "15" or "15.5" or "0.25" percent as basis points (the schema allows two decimals at most). */
function basisPointsOf(percent: string): number {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function percentOf(bps: number): string {
  return bps % 100 === 0 ? String(bps / 100) : `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0').replace(/0$/, '')}`;
}
