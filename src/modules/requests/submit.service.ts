// Submitting a request: the type's form fields and attachments are checked against the type's data, then the
// request, its files and its first history line are written together. Any refusal writes nothing.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireSelfOrRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { localDate } from '../../platform/clock.js';
import { newId } from '../../shared/ids.js';
import type { RequestAttachmentSpec, RequestFieldSpec } from '../../db/schema/requests.js';
import * as store from './requests.store.js';
import { notifyChange } from './requests.notify.js';
import { DISPUTE_TYPE, holdDisputedBill } from './dispute.service.js';

export interface AttachmentInput {
  name: string;
  filename: string;
  contentType: string;
  /** Base64 of the file. */
  content: string;
}

export interface SubmitInput {
  typeCode: string;
  civilId: string;
  personId?: string | null;
  office: string;
  fields: Record<string, string>;
  attachments: AttachmentInput[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^\d+(\.\d+)?$/;
const ACCOUNT = /^[0-9A-Za-z-]{1,20}$/;

function checkFields(specs: RequestFieldSpec[], given: Record<string, string>): Record<string, string> {
  const known = new Set(specs.map((s) => s.name));
  const unknown = Object.keys(given).find((k) => !known.has(k));
  if (unknown) throw new AppError('request_field_invalid', { field: unknown, problem: 'unknown' });
  const fields: Record<string, string> = {};
  for (const spec of specs) {
    const value = given[spec.name]?.trim() ?? '';
    if (value === '') {
      if (spec.required) throw new AppError('request_field_missing', { field: spec.name });
      continue;
    }
    const valid = spec.kind === 'date' ? DATE.test(value) && !Number.isNaN(Date.parse(value))
      : spec.kind === 'number' ? NUMBER.test(value)
        : spec.kind === 'account' ? ACCOUNT.test(value) : true;
    if (!valid || (spec.maxLength !== undefined && value.length > spec.maxLength)) throw new AppError('request_field_invalid', { field: spec.name });
    fields[spec.name] = value;
  }
  return fields;
}

/** Decoded size of each file, checked against its slot's type and size limits; every required slot filled. */
function checkAttachments(specs: RequestAttachmentSpec[], given: AttachmentInput[]): { input: AttachmentInput; sizeBytes: number }[] {
  const checked = given.map((input) => {
    const spec = specs.find((s) => s.name === input.name);
    if (!spec) throw new AppError('request_field_invalid', { attachment: input.name, problem: 'unknown' });
    if (!spec.contentTypes.includes(input.contentType)) throw new AppError('request_attachment_type_forbidden', { attachment: input.name, allowed: spec.contentTypes });
    const sizeBytes = Buffer.from(input.content, 'base64').length;
    if (sizeBytes === 0) throw new AppError('request_attachment_missing', { attachment: input.name });
    if (sizeBytes > spec.maxBytes) throw new AppError('request_attachment_too_large', { attachment: input.name, maxBytes: spec.maxBytes });
    return { input, sizeBytes };
  });
  const missing = specs.find((s) => !given.some((g) => g.name === s.name));
  if (missing) throw new AppError('request_attachment_missing', { attachment: missing.name });
  return checked;
}

export async function submitRequest(ctx: Ctx, actor: Actor, input: SubmitInput): Promise<store.RequestRow> {
  requireSelfOrRole(actor, input.civilId, 'service', 'admin');
  const type = await store.findType(ctx.db, input.typeCode);
  if (!type) throw new AppError('request_type_unknown', { typeCode: input.typeCode });
  const fields = checkFields(type.fields, input.fields);
  const files = checkAttachments(type.attachments, input.attachments);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const id = newId('srq');
    const disputed = type.code === DISPUTE_TYPE ? await holdDisputedBill(tx, fields) : null;
    const row = {
      id, number: `SR-${localDate(now, tx.config.TZ_BUSINESS).slice(0, 4)}-${id.slice(-10).toUpperCase()}`,
      typeCode: type.code, civilId: input.civilId, personId: input.personId ?? (actor.kind === 'person' ? actor.id : null),
      accountNumber: fields.accountNumber ?? null, office: input.office, status: 'submitted' as const, fields,
      feePayableId: null, disputedPayableId: disputed?.id ?? null, scheduledFor: null, statusSince: now, escalatedAt: null, decisionNote: null, createdAt: now, updatedAt: now,
    };
    await store.insertRequest(tx.db, row);
    await store.insertAttachments(tx.db, files.map(({ input: file, sizeBytes }) => ({
      id: newId('sra'), requestId: id, name: file.name, filename: file.filename, contentType: file.contentType, sizeBytes, content: file.content, createdAt: now,
    })));
    await store.insertEvent(tx.db, { id: newId('sre'), requestId: id, kind: 'status', fromStatus: null, toStatus: 'submitted', body: null, actorKind: actor.kind, actorId: actor.kind === 'anonymous' ? null : actor.id, at: now });
    await recordAudit(tx, actor, { action: 'request.submitted', entityType: 'service_request', entityId: id, detail: { typeCode: type.code, office: input.office, attachments: files.map((f) => f.input.name), heldPayableId: disputed?.id } });
    await notifyChange(tx, row, type);
    return row;
  });
}
