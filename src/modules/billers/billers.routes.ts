import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../http/app.js';
import { formatAmount } from '../../shared/money.js';
import { listBillers, type BillerRow } from './billers.service.js';
import { billersResponse, type billerSchema } from './billers.schemas.js';

export const billersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  app.get('/api/v1/billers', {
    schema: { tags: ['billers'], summary: 'Billers whose payables Tasdeed presents and collects', response: { 200: billersResponse } },
  }, async (request) => ({ billers: (await listBillers(request.ctx)).filter((b) => b.active).map(presentBiller) }));
};

export function presentBiller(biller: BillerRow): z.infer<typeof billerSchema> {
  return {
    code: biller.code, nameAr: biller.nameAr, nameEn: biller.nameEn, kind: biller.kind, currency: biller.currency,
    allowsPartialPayment: biller.allowsPartialPayment, minPartialAmount: formatAmount(biller.minPartialAmount, biller.currency),
    billDay: biller.billDay, dueDays: biller.dueDays,
  };
}
