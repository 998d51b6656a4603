import { z } from 'zod';

export const billerSchema = z.object({
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  currency: z.string(),
  allowsPartialPayment: z.boolean(),
  minPartialAmount: z.string(),
  billDay: z.number().int(),
  dueDays: z.number().int(),
}).strict().meta({ id: 'Biller' });

export const billersResponse = z.object({ billers: z.array(billerSchema) }).strict();
