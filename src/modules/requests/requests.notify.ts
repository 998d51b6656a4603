// One SMS/email per change of a request, through the notifications outbox, in the change's transaction.
import type { Ctx } from '../../platform/context.js';
import { emitEvent } from '../../platform/outbox.js';
import type { RequestRow, RequestTypeRow } from './requests.store.js';

export const STATUS_NAMES: Record<RequestRow['status'], { ar: string; en: string }> = {
  submitted: { ar: 'تم الاستلام', en: 'received' },
  accepted: { ar: 'تم القبول', en: 'accepted' },
  scheduled: { ar: 'تمت الجدولة', en: 'scheduled' },
  in_progress: { ar: 'قيد التنفيذ', en: 'in progress' },
  done: { ar: 'مكتمل', en: 'done' },
  rejected: { ar: 'مرفوض', en: 'rejected' },
};

export async function notifyChange(ctx: Ctx, request: Pick<RequestRow, 'id' | 'number' | 'status' | 'civilId' | 'personId'>, type: Pick<RequestTypeRow, 'nameAr' | 'nameEn'>, note = ''): Promise<void> {
  const status = STATUS_NAMES[request.status];
  await emitEvent(ctx, 'request.updated', {
    personId: request.personId, civilId: request.civilId, requestId: request.id, status: request.status,
    vars: { requestNumber: request.number, typeAr: type.nameAr, typeEn: type.nameEn, statusAr: status.ar, statusEn: status.en, note },
  }, { dedupeKey: `request.updated:${request.id}:${request.status}` });
}
