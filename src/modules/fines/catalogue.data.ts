// Kuwait's violation catalogue, Decree-Law 5/2025 (in force 22 April 2025), as reported in the news sources
// listed in FACTS.md. This is data: a deployment (or a new decree) changes rows here or in the table, not code.
// Amounts are in fils (KWD minor units).

export interface ViolationTypeData {
  code: string;
  nameAr: string;
  nameEn: string;
  amount: bigint;
  isSpeeding?: boolean;
  payableOnline?: boolean;
  holdReasonAr?: string;
  holdReasonEn?: string;
}

export interface SpeedingBandData {
  typeCode: string;
  /** Exclusive lower end, in km/h over the limit. */
  overFromKmh: number;
  /** Inclusive upper end; null for the top band. */
  overToKmh: number | null;
  amount: bigint;
}

const LEGAL_PROCESS_AR = 'محالة للإجراءات القانونية: تُسوّى لدى الإدارة العامة للمرور بعد البت فيها، ولا تُدفع إلكترونياً.';
const LEGAL_PROCESS_EN = 'Referred for legal process: settled at the General Traffic Department once decided, not paid online.';

export const KUWAIT_VIOLATION_TYPES: ViolationTypeData[] = [
  { code: 'red-light', nameAr: 'تجاوز الإشارة الضوئية الحمراء', nameEn: 'Running a red light', amount: 150_000n },
  {
    code: 'reckless-driving', nameAr: 'القيادة بتهور', nameEn: 'Reckless driving', amount: 150_000n,
    payableOnline: false, holdReasonAr: LEGAL_PROCESS_AR, holdReasonEn: LEGAL_PROCESS_EN,
  },
  { code: 'disabled-parking', nameAr: 'الوقوف في موقف مخصص لذوي الإعاقة', nameEn: 'Parking in a disabled bay', amount: 150_000n },
  { code: 'phone-while-driving', nameAr: 'استخدام الهاتف أثناء القيادة', nameEn: 'Using a phone while driving', amount: 75_000n },
  { code: 'no-seatbelt', nameAr: 'عدم ربط حزام الأمان', nameEn: 'Not wearing a seatbelt', amount: 30_000n },
  { code: 'speeding', nameAr: 'تجاوز السرعة المقررة', nameEn: 'Speeding', amount: 70_000n, isSpeeding: true },
];

// The sources give 70–150 KD "by how far over the limit", and three bands: up to 20 km/h over → 70, 20–30 → 80,
// 30–40 → 90. They say nothing of more than 40 over; we apply the top of the stated range, 150 KD, there. Each
// band includes its upper end (exactly 20 over is the first band).
export const KUWAIT_SPEEDING_BANDS: SpeedingBandData[] = [
  { typeCode: 'speeding', overFromKmh: 0, overToKmh: 20, amount: 70_000n },
  { typeCode: 'speeding', overFromKmh: 20, overToKmh: 30, amount: 80_000n },
  { typeCode: 'speeding', overFromKmh: 30, overToKmh: 40, amount: 90_000n },
  { typeCode: 'speeding', overFromKmh: 40, overToKmh: null, amount: 150_000n },
];
