// A due as GET /api/v1/dues answers it, for tests. It is typed by the generated API types, so a fixture that no
// longer matches what the server sends stops compiling.
import type { Payable } from './dues.api.js';

export const ELECTRICITY = { code: 'mew-electricity', nameAr: 'الكهرباء', nameEn: 'Electricity' };
export const TRAFFIC = { code: 'moi-traffic', nameAr: 'الإدارة العامة للمرور', nameEn: 'General Traffic Department' };

export function duePayable(due: Partial<Payable> & Pick<Payable, 'id'>): Payable {
  return {
    biller: ELECTRICITY,
    kind: 'bill',
    reference: 'B-1',
    description: { ar: 'فاتورة', en: 'Bill' },
    amountDue: '1.000',
    currency: 'KWD',
    dueDate: '2026-12-28',
    status: 'open',
    payableOnline: true,
    holdReason: null,
    allowsPartialPayment: false,
    minPartialAmount: '0.000',
    owner: null,
    ...due,
  };
}
