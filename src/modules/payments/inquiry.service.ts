// Inquiry: everything open for a civil ID, account, meter or plate, across every biller, in one indexed query.
// Anyone may ask (the way people pay a relative's bill), so a stranger sees only what paying needs: the biller,
// the description (the period of a bill, the type of a violation), the amount and the due date, with the owner's
// name as initials; no reference (a bill's holds the account number) and no address. The citizen who owns the payables, and staff, see names in full. Each look-up is audited
// with one insert; the route is rate limited per client so civil IDs cannot be enumerated.
import { readerOf, type Ctx } from '../../platform/context.js';
import { formatAmount } from '../../shared/money.js';
import { maskName } from '../../shared/mask.js';
import type { Actor } from '../../platform/actor.js';
import { recordReadAudit } from '../../platform/audit.js';
import { findPersonByCivilId, findPersonById, type PersonSummary } from '../identity/index.js';
import { amountDue, getBiller, listBillers, payables, type PayableLookup, type Payable } from '../billers/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import { normalizePlate, plateFormatOf } from '../../shared/plates.js';

export type DuesLookup = Pick<PayableLookup, 'civilId' | 'accountNumber' | 'meterNumber' | 'plate'>;

export interface DuesPayable {
  id: string;
  biller: { code: string; nameAr: string; nameEn: string };
  kind: string;
  reference: string | null;
  description: { ar: string; en: string };
  amountDue: string;
  currency: string;
  dueDate: string;
  status: string;
  payableOnline: boolean;
  holdReason: { ar: string; en: string } | null;
  allowsPartialPayment: boolean;
  minPartialAmount: string;
  owner: { name: { ar: string; en: string } } | null;
}

/** Held items (not payable now) are apart from the payable ones, and `total` is only what can be paid now. */
export interface Dues {
  payables: DuesPayable[];
  held: DuesPayable[];
  total: string;
  heldTotal: string;
  currency: string;
}

const STAFF_KINDS = new Set(['staff', 'system']);

function sees(actor: Actor, payable: Payable): 'full' | 'masked' {
  if (STAFF_KINDS.has(actor.kind)) return 'full';
  if (actor.kind === 'person' && ((payable.civilId && payable.civilId === actor.civilId) || payable.personId === actor.id)) return 'full';
  return 'masked';
}

function lookupKind(lookup: DuesLookup): [string, string] {
  for (const key of ['civilId', 'accountNumber', 'meterNumber', 'plate'] as const) if (lookup[key]) return [key, lookup[key]!];
  throw new AppError('lookup_required');
}

export async function findDues(ctx: Ctx, actor: Actor, lookup: DuesLookup): Promise<Dues> {
  const [kind, given] = lookupKind(lookup);
  // Payables store the canonical plate (see src/shared/plates.ts), so the look-up must use it too.
  const value = kind === 'plate' ? normalizePlate(given, plateFormatOf(ctx.config.TASDEED_COUNTRY)) : given;
  // Reads go to the replica when there is one; by civil ID, the owner is looked up beside the payables (not after).
  const reader = readerOf(ctx);
  const [rows, owner] = await Promise.all([
    payables.findOpen(reader, { [kind]: value }),
    kind === 'civilId' ? findPersonByCivilId(reader, value) : undefined,
    listBillers(ctx), // warms the biller cache once for the presentation below
  ]);
  // The audit line is buffered and written with others a moment later (recordReadAudit), never waited for here.
  const [names] = await Promise.all([
    ownerNames(reader, rows, owner),
    recordReadAudit(ctx, actor, { action: 'dues.inquiry', entityType: 'lookup', entityId: `${kind}:${value}`, detail: { found: rows.length } }),
  ]);
  const currency = rows[0]?.currency ?? ctx.config.TASDEED_CURRENCY;
  let total = 0n;
  let heldTotal = 0n;
  const presented: DuesPayable[] = [];
  const held: DuesPayable[] = [];
  for (const row of rows) {
    const biller = await getBiller(ctx, row.billerCode);
    if (row.currency === currency && row.payableOnline) total += amountDue(row);
    if (row.currency === currency && !row.payableOnline) heldTotal += amountDue(row);
    const name = names.get(row.personId ?? '') ?? names.get(`cid:${row.civilId ?? ''}`);
    const full = sees(actor, row) === 'full';
    (row.payableOnline ? presented : held).push({
      id: row.id,
      biller: { code: biller.code, nameAr: biller.nameAr, nameEn: biller.nameEn },
      kind: row.kind,
      // A bill's reference holds the account number: only its owner (or staff) sees it. A fine's is its violation
      // number, which names no account, place or time, and is what a stranger paying it at a counter quotes.
      reference: full || row.kind === 'fine' ? row.reference : null,
      description: { ar: row.descriptionAr, en: row.descriptionEn },
      amountDue: formatAmount(amountDue(row), row.currency),
      currency: row.currency,
      dueDate: row.dueDate,
      status: row.status,
      payableOnline: row.payableOnline,
      holdReason: row.payableOnline ? null : { ar: row.holdReasonAr ?? '', en: row.holdReasonEn ?? '' },
      allowsPartialPayment: row.allowsPartialPayment,
      minPartialAmount: formatAmount(row.minPartialAmount, row.currency),
      owner: name ? { name: full ? { ar: name.ar, en: name.en } : { ar: maskName(name.ar), en: maskName(name.en) } } : null,
    });
  }
  return { payables: presented, held, total: formatAmount(total, currency), heldTotal: formatAmount(heldTotal, currency), currency };
}

/**
 * Owner names for the rows, one look-up per distinct owner not already `known` (an inquiry by civil ID finds its
 * owner beside the payables, so it usually needs none).
 */
async function ownerNames(ctx: Ctx, rows: Payable[], known?: PersonSummary): Promise<Map<string, { ar: string; en: string }>> {
  const names = new Map<string, { ar: string; en: string }>();
  if (known) {
    names.set(known.id, { ar: known.nameAr, en: known.nameEn });
    names.set(`cid:${known.civilId}`, { ar: known.nameAr, en: known.nameEn });
  }
  const byId = [...new Set(rows.map((r) => r.personId).filter((v): v is string => Boolean(v) && !names.has(v!)))];
  const byCivilId = [...new Set(rows.filter((r) => !r.personId && r.civilId && !names.has(`cid:${r.civilId}`)).map((r) => r.civilId!))];
  await Promise.all([
    ...byId.map(async (id) => {
      const person = await findPersonById(ctx, id);
      if (person) names.set(id, { ar: person.nameAr, en: person.nameEn });
    }),
    ...byCivilId.map(async (civilId) => {
      const person = await findPersonByCivilId(ctx, civilId);
      if (person) names.set(`cid:${civilId}`, { ar: person.nameAr, en: person.nameEn });
    }),
  ]);
  return names;
}
