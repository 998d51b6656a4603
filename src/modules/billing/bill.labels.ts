// Bill line labels in Arabic and English, built from a line's kind and figures when a bill is shown (a million
// bills do not each store the same sentence twice). Digits stay Western (as on MEW bills) in both languages.
import { formatAmount } from '../../shared/money.js';
import type { BillLineRow } from './bills.store.js';

const UNIT_NAMES: Record<string, { ar: string; en: string }> = {
  kWh: { ar: 'ك.و.س', en: 'kWh' },
  imp_gal: { ar: 'جالون', en: 'gallons' },
};

export function unitName(unit: string): { ar: string; en: string } {
  return UNIT_NAMES[unit] ?? { ar: unit, en: unit };
}

const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function lineLabel(line: Pick<BillLineRow, 'kind' | 'tierFrom' | 'tierTo' | 'detail'>, unit: string, singleBlock: boolean): { ar: string; en: string } {
  const u = unitName(unit);
  const list = (line.detail as { periods?: string[] } | null)?.periods ?? [];
  // Arabic counts the periods rather than listing them: dates joined inside a right-to-left line reorder and
  // break at their hyphens. The bill's detail lists them in the API.
  const periods = arabicPeriods(list.length);
  const periodsEn = list.join(', ');
  switch (line.kind) {
    case 'consumption': {
      const over = periodsEn ? { ar: ` عن ${periods}`, en: ` (over ${periodsEn})` } : { ar: '', en: '' };
      if (singleBlock || line.tierFrom === null) return { ar: `قيمة الاستهلاك${over.ar}`, en: `Consumption${over.en}` };
      const from = grouped(line.tierFrom + 1n);
      if (line.tierTo === null) return { ar: `الاستهلاك فوق ${grouped(line.tierFrom)} ${u.ar}${over.ar}`, en: `Consumption above ${grouped(line.tierFrom)} ${u.en}${over.en}` };
      return { ar: `الاستهلاك من ${from} إلى ${grouped(line.tierTo)} ${u.ar}${over.ar}`, en: `Consumption ${from}–${grouped(line.tierTo)} ${u.en}${over.en}` };
    }
    case 'fixed':
      return { ar: 'الرسم الشهري الثابت', en: 'Fixed monthly charge' };
    case 'estimate_correction':
      return { ar: `يخصم: الاستهلاك التقديري المفوتر سابقاً عن ${periods}`, en: `Less: estimated consumption already billed (${periodsEn})` };
    case 'vat': {
      const bps = (line.detail as { rateBps?: number } | null)?.rateBps ?? 0;
      const rate = `${bps / 100}%`;
      return { ar: `ضريبة القيمة المضافة ${rate}`, en: `VAT ${rate}` };
    }
    case 'credit_brought_forward':
      return { ar: 'رصيد دائن من الفاتورة السابقة', en: 'Credit from the previous bill' };
    case 'credit_carried_forward':
      return { ar: 'رصيد دائن يرحل إلى الفاتورة القادمة', en: 'Credit carried to the next bill' };
    case 'previous_balance':
      return { ar: 'الرصيد السابق غير المسدد (غير مشمول في هذه الفاتورة)', en: 'Unpaid previous balance (not included in this bill)' };
    default:
      return { ar: line.kind, en: line.kind };
  }
}

/** Arabic number agreement: فترة واحدة، فترتين، 3–10 فترات، 11 فترة فأكثر. */
function arabicPeriods(n: number): string {
  if (n === 1) return 'فترة واحدة';
  if (n === 2) return 'فترتين';
  return n <= 10 ? `${n} فترات` : `${n} فترة`;
}

/** "0.002 KWD per kWh", "1.250 KWD per 1,000 gallons". */
export function rateLabel(rateMinor: bigint, perUnits: bigint, currency: string, unit: string): { ar: string; en: string } {
  const u = unitName(unit);
  const per = perUnits === 1n ? '' : `${grouped(perUnits)} `;
  const price = formatAmount(rateMinor, currency);
  return { ar: `${price} لكل ${per}${u.ar}`, en: `${price} ${currency} per ${per}${u.en}` };
}
