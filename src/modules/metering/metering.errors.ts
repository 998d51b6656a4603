import { defineErrors } from '../../platform/errors/define.js';

// Refusals: the reading is not stored and the answer says why. (Accepted and held decisions are in
// readings.decision.ts: they are answers, not errors.)
export const meteringErrors = defineErrors({
  reading_not_numeric: { status: 400, ar: 'القراءة يجب أن تكون أرقاماً فقط كما تظهر على العداد.', en: 'The reading must be digits only, as shown on the meter.' },
  reading_not_whole: { status: 400, ar: 'القراءة يجب أن تكون رقماً صحيحاً بدون كسور.', en: 'The reading must be a whole number, without decimals.' },
  reading_negative: { status: 400, ar: 'القراءة لا يمكن أن تكون سالبة.', en: 'A reading cannot be negative.' },
  reading_in_future: { status: 400, ar: 'تاريخ القراءة في المستقبل.', en: 'The reading date is in the future.' },
  reading_date_invalid: { status: 400, ar: 'تاريخ القراءة غير صحيح. اكتبه مثل 2026-11-21.', en: 'The reading date is not valid. Write it like 2026-11-21.' },
  reading_before_installation: { status: 400, ar: 'تاريخ القراءة قبل تركيب العداد.', en: 'The reading date is before the meter was installed.' },
  reading_exceeds_dials: { status: 400, ar: 'القراءة أكبر مما يعرضه العداد. تأكد من عدد الأرقام.', en: 'The reading is larger than the meter can show. Check the number of digits.' },
  reading_out_of_order: { status: 409, ar: 'توجد قراءة مقبولة بتاريخ أحدث لهذا العداد.', en: 'This meter already has an accepted reading on a later date.' },
  reading_duplicate_day: { status: 409, ar: 'توجد قراءة مقبولة لهذا العداد في نفس اليوم.', en: 'This meter already has an accepted reading on that day.' },
  reading_below_previous: { status: 422, ar: 'القراءة أقل من القراءة السابقة وليست دورة كاملة للعداد. تأكد من الأرقام.', en: 'The reading is below the previous one and is not a roll-over of the dials. Check the digits.' },
  reading_not_found: { status: 404, ar: 'القراءة غير موجودة.', en: 'The reading was not found.' },
  reading_not_held: { status: 409, ar: 'هذه القراءة ليست بانتظار المراجعة.', en: 'This reading is not waiting for review.' },
  reading_superseded: { status: 409, ar: 'سجلت قراءة أحدث لهذا العداد بعد هذه القراءة.', en: 'A later reading was accepted for this meter after this one.' },
  readings_file_invalid: { status: 400, ar: 'ملف القراءات غير صحيح. يجب أن يحتوي على عناوين الأعمدة.', en: 'The readings file is not valid. It needs a header row.' },
  readings_file_too_large: { status: 413, ar: 'ملف القراءات كبير جداً.', en: 'The readings file is too large.' },
});
