import { defineErrors } from '../../platform/errors/define.js';

export const tariffsErrors = defineErrors({
  tariff_overlap: { status: 409, ar: 'توجد تعرفة أخرى سارية في نفس الفترة لهذه الفئة.', en: 'Another tariff version of this category is in force over the same dates.' },
  tariff_invalid: { status: 400, ar: 'بيانات التعرفة غير صحيحة.', en: 'The tariff is not valid.' },
  tariff_not_found: { status: 404, ar: 'التعرفة غير موجودة.', en: 'The tariff version was not found.' },
  tariff_missing: { status: 422, ar: 'لا توجد تعرفة سارية لهذه الفئة في هذه الفترة.', en: 'No tariff is in force for this category over these dates.' },
});
