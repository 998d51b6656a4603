import { defineErrors } from '../../platform/errors/define.js';

export const finesErrors = defineErrors({
  violation_type_unknown: { status: 400, ar: 'نوع المخالفة غير معروف.', en: 'The violation type is not known.' },
  violation_time_in_future: { status: 400, ar: 'وقت المخالفة في المستقبل.', en: 'The time of the violation is in the future.' },
  violation_speed_required: { status: 400, ar: 'مخالفة السرعة تحتاج السرعة المرصودة والسرعة المقررة، والأولى أكبر من الثانية.', en: 'A speeding violation needs the measured speed and the limit, the speed above the limit.' },
  violation_coordinates_invalid: { status: 400, ar: 'إحداثيات الموقع غير صحيحة.', en: 'The coordinates of the place are not valid.' },
  violation_conflict: { status: 409, ar: 'رقم المخالفة مسجل سابقاً ببيانات مختلفة.', en: 'This violation number was already recorded with different details.' },
  violation_not_found: { status: 404, ar: 'المخالفة غير موجودة.', en: 'The violation was not found.' },
  violation_cancelled: { status: 409, ar: 'هذه المخالفة ملغاة.', en: 'This violation has been cancelled.' },
  vehicle_exists: { status: 409, ar: 'هذه اللوحة مسجلة لمركبة أخرى.', en: 'This plate is already registered to a vehicle.' },
  vehicle_not_found: { status: 404, ar: 'المركبة غير موجودة.', en: 'The vehicle was not found.' },
  licence_exists: { status: 409, ar: 'رقم الرخصة مسجل سابقاً.', en: 'This licence number is already registered.' },
  objection_exists: { status: 409, ar: 'قُدّم اعتراض على هذه المخالفة من قبل.', en: 'An objection to this violation was already filed.' },
  objection_not_found: { status: 404, ar: 'الاعتراض غير موجود.', en: 'The objection was not found.' },
  objection_already_decided: { status: 409, ar: 'تم البت في هذا الاعتراض من قبل.', en: 'This objection has already been decided.' },
  clearance_subject_required: { status: 400, ar: 'اذكر الرقم المدني أو رقم اللوحة.', en: 'Give a civil ID or a plate number.' },
  lookup_subject_required: { status: 400, ar: 'اذكر الرقم المدني أو رقم اللوحة.', en: 'Give a civil ID or a plate number.' },
});
