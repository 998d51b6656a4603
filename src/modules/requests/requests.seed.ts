// The request types a utility starts with, as data. Fees are in fils (KWD minor units); the service-level hours
// are per status: how long a request may wait there before the escalation job flags it.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { seedBillers } from '../billers/index.js';
import { requestTypes, type RequestAttachmentSpec, type RequestFieldSpec } from '../../db/schema/requests.js';

export const SERVICES_BILLER = 'mew-services';

const PDF_OR_IMAGE = ['application/pdf', 'image/jpeg', 'image/png'];
const MB = 1024 * 1024;
const civilIdCopy: RequestAttachmentSpec = { name: 'civil_id', labelAr: 'صورة البطاقة المدنية', labelEn: 'Copy of the civil ID', contentTypes: PDF_OR_IMAGE, maxBytes: 2 * MB };
const account: RequestFieldSpec = { name: 'accountNumber', labelAr: 'رقم الحساب', labelEn: 'Account number', kind: 'account', required: true, maxLength: 20 };
const address: RequestFieldSpec = { name: 'address', labelAr: 'العنوان', labelEn: 'Address', kind: 'text', required: true, maxLength: 300 };
const note: RequestFieldSpec = { name: 'note', labelAr: 'ملاحظات', labelEn: 'Notes', kind: 'text', required: false, maxLength: 1000 };
const SLA = { submitted: 24, accepted: 72, scheduled: 72, in_progress: 48 };

export const REQUEST_TYPES: (typeof requestTypes.$inferInsert)[] = [
  {
    code: 'new_connection', nameAr: 'توصيل خدمة جديدة', nameEn: 'New connection', billerCode: SERVICES_BILLER,
    fields: [address, { name: 'plotNumber', labelAr: 'رقم القسيمة', labelEn: 'Plot number', kind: 'text', required: true, maxLength: 30 }, { name: 'loadKw', labelAr: 'الحمل المطلوب (ك.و)', labelEn: 'Requested load (kW)', kind: 'number', required: true }, note],
    attachments: [civilIdCopy, { name: 'building_permit', labelAr: 'رخصة البناء', labelEn: 'Building permit', contentTypes: ['application/pdf'], maxBytes: 5 * MB }],
    fee: 50_000n, feeBeforeWork: true, slaHours: SLA,
  },
  {
    code: 'reconnection', nameAr: 'إعادة توصيل الخدمة', nameEn: 'Reconnection', billerCode: SERVICES_BILLER,
    fields: [account, note], attachments: [], fee: 5_000n, feeBeforeWork: true, slaHours: { ...SLA, scheduled: 24, in_progress: 24 },
  },
  {
    code: 'bill_dispute', nameAr: 'اعتراض أو استفسار عن فاتورة', nameEn: 'Bill dispute or inquiry', billerCode: SERVICES_BILLER,
    fields: [account, { name: 'billNumber', labelAr: 'رقم الفاتورة', labelEn: 'Bill number', kind: 'text', required: true, maxLength: 40 }, { name: 'reason', labelAr: 'سبب الاعتراض', labelEn: 'Reason', kind: 'text', required: true, maxLength: 1000 }],
    attachments: [], fee: 0n, feeBeforeWork: false, slaHours: SLA,
  },
  {
    code: 'meter_inspection', nameAr: 'فحص العداد أو استبداله', nameEn: 'Meter inspection or replacement', billerCode: SERVICES_BILLER,
    fields: [account, { name: 'meterNumber', labelAr: 'رقم العداد', labelEn: 'Meter number', kind: 'text', required: true, maxLength: 30 }, note],
    attachments: [], fee: 10_000n, feeBeforeWork: true, slaHours: SLA,
  },
  {
    code: 'insulation_certificate', nameAr: 'شهادة العزل الحراري', nameEn: 'Thermal-insulation certificate', billerCode: SERVICES_BILLER,
    fields: [address, { name: 'plotNumber', labelAr: 'رقم القسيمة', labelEn: 'Plot number', kind: 'text', required: true, maxLength: 30 }],
    attachments: [civilIdCopy, { name: 'insulation_report', labelAr: 'تقرير العزل الحراري', labelEn: 'Insulation report', contentTypes: ['application/pdf'], maxBytes: 5 * MB }],
    fee: 20_000n, feeBeforeWork: true, slaHours: SLA,
  },
  {
    code: 'change_of_owner', nameAr: 'نقل ملكية الحساب', nameEn: 'Change of owner', billerCode: SERVICES_BILLER,
    fields: [account, { name: 'newOwnerCivilId', labelAr: 'الرقم المدني للمالك الجديد', labelEn: 'New owner civil ID', kind: 'text', required: true, maxLength: 12 }],
    attachments: [civilIdCopy, { name: 'title_deed', labelAr: 'وثيقة الملكية', labelEn: 'Title deed', contentTypes: PDF_OR_IMAGE, maxBytes: 5 * MB }],
    fee: 5_000n, feeBeforeWork: false, slaHours: SLA,
  },
  {
    code: 'closure', nameAr: 'إغلاق الحساب', nameEn: 'Account closure', billerCode: SERVICES_BILLER,
    fields: [account, { name: 'closeOn', labelAr: 'تاريخ الإغلاق', labelEn: 'Closing date', kind: 'date', required: true }],
    attachments: [civilIdCopy], fee: 0n, feeBeforeWork: false, slaHours: SLA,
  },
];

/** Seeds the services biller and the request types (again: updates them to these values). */
export async function seedRequestTypes(ctx: Ctx): Promise<void> {
  await seedBillers(ctx, {
    currencies: [{ code: 'KWD', minorUnits: 3, nameAr: 'دينار كويتي', nameEn: 'Kuwaiti dinar' }],
    billers: [{
      code: SERVICES_BILLER, nameAr: 'وزارة الكهرباء والماء - رسوم الخدمات', nameEn: 'Ministry of Electricity & Water — Service fees',
      kind: 'services', allowsPartialPayment: false, minPartialAmount: 0n, currency: 'KWD', billDay: 1, dueDays: 14,
    }],
  });
  for (const type of REQUEST_TYPES) {
    await ctx.db.insert(requestTypes).values(type).onConflictDoUpdate({
      target: requestTypes.code,
      set: { nameAr: sql`excluded.name_ar`, nameEn: sql`excluded.name_en`, fields: sql`excluded.fields`, attachments: sql`excluded.attachments`, fee: sql`excluded.fee`, feeBeforeWork: sql`excluded.fee_before_work`, slaHours: sql`excluded.sla_hours` },
    });
  }
}
