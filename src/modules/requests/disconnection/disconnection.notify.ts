// One SMS/email per step of a disconnection case, to the account's owner, through the notifications outbox in the
// step's own transaction. The dedupe key makes a step told once however often a pass runs.
import type { Ctx } from '../../../platform/context.js';
import { emitEvent } from '../../../platform/outbox.js';
import type { CaseRow } from './disconnection.store.js';

export type ConnectionTopic = 'disconnection.warning' | 'disconnection.ordered' | 'disconnection.done' | 'reconnection.ordered' | 'reconnection.done';

export async function notifyStep(ctx: Ctx, topic: ConnectionTopic, kase: Pick<CaseRow, 'id' | 'accountNumber' | 'ownerPersonId' | 'ownerCivilId' | 'currency'>, vars: Record<string, string> = {}): Promise<void> {
  if (!kase.ownerPersonId && !kase.ownerCivilId) return; // a company's account with no person to tell
  await emitEvent(ctx, topic, {
    personId: kase.ownerPersonId, civilId: kase.ownerCivilId, caseId: kase.id, accountNumber: kase.accountNumber,
    vars: { accountNumber: kase.accountNumber, currency: kase.currency, payUrl: `${ctx.config.publicUrl}/?accountNumber=${encodeURIComponent(kase.accountNumber)}`, ...vars },
  }, { dedupeKey: `${topic}:${kase.id}` });
}
