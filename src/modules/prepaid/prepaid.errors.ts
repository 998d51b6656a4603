import { defineErrors } from '../../platform/errors/define.js';

// Every refusal of the prepaid module. Terminal refusals are audited (prepaid.audit.ts) with the same code.
export const prepaidErrors = defineErrors({
  prepaid_operator_identity_required: { status: 400, ar: 'اذكر الرقم المدني للفرد أو رقم السجل التجاري للشركة.', en: 'Give a civil ID for a person or a commercial registration for a company.' },
  prepaid_operator_exists: { status: 409, ar: 'هذا المشغل مسجل سابقاً.', en: 'This operator is already registered.' },
  prepaid_operator_not_found: { status: 404, ar: 'المشغل غير موجود.', en: 'The operator was not found.' },
  prepaid_operator_in_debt: { status: 409, ar: 'على المشغل مديونية من تعبئة دون اتصال؛ اشحن المحفظة أولاً.', en: 'The operator owes money from offline filling; top up the wallet first.' },
  prepaid_truck_exists: { status: 409, ar: 'هذه اللوحة مسجلة لصهريج آخر.', en: 'This plate is already registered to a truck.' },
  prepaid_truck_unknown: { status: 404, ar: 'الصهريج غير مسجل.', en: 'The truck is not registered.' },
  prepaid_truck_blocked: { status: 409, ar: 'الصهريج موقوف عن التعبئة.', en: 'The truck is blocked from filling.' },
  prepaid_tank_capacity_exceeded: { status: 400, ar: 'الكمية المطلوبة أكبر من سعة الصهريج.', en: 'The gallons requested exceed the tank capacity.' },
  prepaid_insufficient_balance: { status: 409, ar: 'رصيد المحفظة لا يكفي للكمية المطلوبة.', en: 'The wallet balance does not cover the gallons requested.' },
  prepaid_station_exists: { status: 409, ar: 'رمز المحطة أو جهازها مسجل سابقاً.', en: 'This station code or terminal is already registered.' },
  prepaid_station_unknown: { status: 403, ar: 'هذا الجهاز ليس جهاز محطة مسجلة.', en: 'This terminal is not the terminal of a registered station.' },
  prepaid_station_closed: { status: 409, ar: 'المحطة مغلقة في هذا الوقت.', en: 'The station is closed at this time.' },
  prepaid_nozzle_invalid: { status: 400, ar: 'رقم المضخة غير موجود في هذه المحطة.', en: 'The station has no such nozzle.' },
  prepaid_tariff_missing: { status: 409, ar: 'لا توجد تسعيرة سارية للمياه.', en: 'No water price is in force.' },
  prepaid_dispense_not_found: { status: 404, ar: 'عملية التعبئة غير موجودة.', en: 'The dispense was not found.' },
  prepaid_dispense_conflict: { status: 409, ar: 'رقم العملية مستخدم سابقاً ببيانات مختلفة.', en: 'This dispense id was already used with different details.' },
  prepaid_dispense_settled: { status: 409, ar: 'عملية التعبئة مسوّاة سابقاً.', en: 'The dispense is already settled.' },
  prepaid_sequence_went_back: { status: 409, ar: 'الرقم التسلسلي للقراءة أقدم من آخر قراءة.', en: 'The report\'s sequence number goes back.' },
  prepaid_gallons_went_back: { status: 409, ar: 'الكمية المقاسة أقل من قراءة سابقة.', en: 'The metered gallons are less than an earlier report.' },
  prepaid_dispense_above_hold: { status: 409, ar: 'الكمية المقاسة تتجاوز الكمية المحجوزة.', en: 'The metered gallons exceed what was authorised.' },
  prepaid_settle_above_authorised: { status: 409, ar: 'كمية التسوية تتجاوز الكمية المصرّح بها.', en: 'The settled gallons exceed what was authorised.' },
  prepaid_report_range_invalid: { status: 400, ar: 'تاريخ البداية بعد تاريخ النهاية.', en: 'The start date is after the end date.' },
  prepaid_allow_list_invalid: { status: 400, ar: 'قائمة السماح غير صحيحة أو توقيعها غير صالح.', en: 'The allow-list is not valid or its signature does not match.' },
});
