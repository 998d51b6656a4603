import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor, Role } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { findApiClientByKeyId } from './identity.store.js';
import { decryptSecret, signRequest, signaturesMatch } from './secrets.js';

export interface SignedRequest {
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  method: string;
  pathWithQuery: string;
  rawBody: string | Buffer;
}

/**
 * Checks an HMAC-signed request from a bank, station or camera. The timestamp must be within the allowed skew, so
 * a captured request cannot be replayed later; money-moving calls are also idempotent on their own ids.
 * A refusal is audited (outside any transaction the caller may roll back) and answered 401.
 */
export async function actorFromSignedRequest(ctx: Ctx, request: SignedRequest): Promise<Actor> {
  const refuse = async (reason: string, clientId?: string): Promise<never> => {
    await inTransaction(ctx, (tx) => recordAudit(tx, { kind: 'anonymous', ip: ctx.ip }, {
      action: 'api_client.signature', entityType: 'api_client', entityId: clientId ?? request.keyId ?? null, outcome: 'refused',
      detail: { reason, method: request.method, path: request.pathWithQuery },
    }));
    throw new AppError('signature_invalid', { reason });
  };
  if (!request.keyId || !request.timestamp || !request.signature) return refuse('missing_headers');
  const client = await findApiClientByKeyId(ctx.db, request.keyId);
  if (!client || !client.active) return refuse('unknown_key');
  const timestamp = Number(request.timestamp);
  const skew = Math.abs(ctx.clock.now().getTime() / 1000 - timestamp);
  if (!Number.isFinite(timestamp) || skew > ctx.config.HMAC_MAX_SKEW_SECONDS) return refuse('timestamp_skew', client.id);
  const secret = decryptSecret(client.secretCiphertext, ctx.config.secret);
  const expected = signRequest(secret, request.method, request.pathWithQuery, request.timestamp, request.rawBody);
  if (!signaturesMatch(expected, request.signature)) return refuse('bad_signature', client.id);
  return { kind: 'client', id: client.id, role: client.role as Role, name: client.name };
}
