// Events as the other modules raise them, each in its own committed transaction.
import { inTransaction, type Ctx } from '../../src/platform/context.js';
import { emitEvent, type EventPayloads, type EventTopic } from '../../src/platform/outbox.js';

export function billIssued(personId: string, n = 1): EventPayloads['bill.issued'] {
  return {
    personId, payableId: `pbl_${n}`, billId: `bill_${n}`,
    vars: {
      billNumber: `EB-2026-11-${String(n).padStart(6, '0')}`, billerAr: 'وزارة الكهرباء والماء - الكهرباء', billerEn: 'Ministry of Electricity & Water — Electricity',
      period: '2026-11', amount: '12.500', currency: 'KWD', dueDate: '2026-12-28', payUrl: `http://localhost:3000/pay/pbl_${n}`, pdfUrl: `http://localhost:3000/api/v1/bills/bill_${n}/pdf`,
    },
  };
}

export function violationRecorded(personId: string | null, civilId: string | null, n = 1): EventPayloads['violation.recorded'] {
  return {
    personId, civilId, violationId: `vio_${n}`, payableId: `pbl_v${n}`,
    vars: {
      violationNumber: `TV-2026-${String(n).padStart(6, '0')}`, typeAr: 'تجاوز الإشارة الحمراء', typeEn: 'Running a red light', occurredAt: '2026-11-22 10:15',
      placeAr: 'شارع الخليج العربي', placeEn: 'Arabian Gulf Street', amount: '150.000', currency: 'KWD', plate: '12/34567', payUrl: `http://localhost:3000/pay/pbl_v${n}`,
    },
  };
}

export async function emit<T extends EventTopic>(ctx: Ctx, topic: T, payload: EventPayloads[T]): Promise<bigint> {
  const id = await inTransaction(ctx, (tx) => emitEvent(tx, topic, payload));
  if (id === undefined) throw new Error('event not written');
  return id;
}
