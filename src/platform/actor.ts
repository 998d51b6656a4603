// Who is asking. Every service function takes an Actor first and checks access itself: routes authenticate,
// services authorise, so a new channel (CLI, worker, bank API) cannot skip a check by forgetting it.
import { AppError } from './errors/app-error.js';

// supervisor: an office's counter supervisor (voids a same-day counter payment, closes the office's day); nothing else.
export const ROLES = ['citizen', 'cashier', 'supervisor', 'officer', 'service', 'bank', 'station', 'camera', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  | { kind: 'anonymous'; ip?: string }
  | { kind: 'person'; id: string; role: 'citizen'; civilId: string }
  | { kind: 'staff'; id: string; role: Role; unit?: string | null }
  | { kind: 'client'; id: string; role: Role; name: string }
  | { kind: 'system'; id: string; role: 'admin' };

export const systemActor = (purpose: string): Actor => ({ kind: 'system', id: purpose, role: 'admin' });
export const anonymousActor: Actor = { kind: 'anonymous' };

export function actorRole(actor: Actor): Role | null {
  return actor.kind === 'anonymous' ? null : actor.role;
}

/** Refuses unless the actor holds one of the roles. Anonymous callers get 401, the wrong role 403. */
export function requireRole(actor: Actor, ...roles: Role[]): asserts actor is Exclude<Actor, { kind: 'anonymous' }> {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated');
  if (!roles.includes(actor.role)) throw new AppError('forbidden', { required: roles });
}

/** A citizen may act on their own records; staff with one of `staffRoles` on anyone's. */
export function requireSelfOrRole(actor: Actor, civilId: string, ...staffRoles: Role[]): void {
  if (actor.kind === 'person' && actor.civilId === civilId) return;
  requireRole(actor, ...staffRoles);
}

export function isSignedIn(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}

/** Fields for the audit log. */
export function actorRef(actor: Actor): { actorKind: string; actorId: string | null; actorRole: string | null } {
  return {
    actorKind: actor.kind,
    actorId: actor.kind === 'anonymous' ? null : actor.id,
    actorRole: actorRole(actor),
  };
}
