// What admins do with notifications: look at them (by status, person, event), see the dead letters with the reason
// each one stopped, and send a dead letter again as a fresh series of attempts.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import * as store from './notifications.store.js';

export type Notification = store.NotificationRow;

export interface NotificationFilter {
  status?: string;
  personId?: string;
  outboxId?: bigint;
  limit?: number;
  /** Page backwards: rows last changed before this time. */
  before?: Date;
}

export async function listNotifications(ctx: Ctx, actor: Actor, filter: NotificationFilter): Promise<Notification[]> {
  requireRole(actor, 'admin');
  return store.listByStatus(ctx.db, { ...filter, limit: Math.min(Math.max(filter.limit ?? 50, 1), 500) });
}

export async function listDeadLetters(ctx: Ctx, actor: Actor, filter: Omit<NotificationFilter, 'status'> = {}): Promise<Notification[]> {
  return listNotifications(ctx, actor, { ...filter, status: 'dead' });
}

export async function getNotification(ctx: Ctx, actor: Actor, id: string): Promise<Notification> {
  requireRole(actor, 'admin');
  const row = await store.findNotification(ctx.db, id);
  if (!row) throw new AppError('notification_not_found', { id });
  return row;
}

/** Puts a dead letter back in the queue; the dispatcher picks it up at once (attempts start again from zero). */
export async function resendDeadLetter(ctx: Ctx, actor: Actor, id: string): Promise<Notification> {
  requireRole(actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const row = await store.findNotification(tx.db, id);
    if (!row) throw new AppError('notification_not_found', { id });
    if (!(await store.requeueDead(tx.db, id, tx.clock.now()))) throw new AppError('notification_not_dead', { id, status: row.status });
    await recordAudit(tx, actor, {
      action: 'notification.resend', entityType: 'notification', entityId: id,
      detail: { channel: row.channel, topic: row.topic, previousError: row.lastErrorCode, attempts: row.attempts },
    });
    return (await store.findNotification(tx.db, id))!;
  });
}

export async function notificationCounts(ctx: Ctx, actor: Actor): Promise<Record<string, number>> {
  requireRole(actor, 'admin');
  return store.countByStatus(ctx.db);
}
