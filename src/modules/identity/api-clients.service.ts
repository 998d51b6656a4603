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
  // The reason is audited for the operator; the caller learns only "signature_invalid", so an unknown key and a
  // wrong signature look alike (a stranger cannot probe which key ids exist).
  const refuse = async (reason: string, clientId?: string): Promise<never> => {
    await inTransaction(ctx, (tx) => recordAudit(tx, { kind: 'anonymous', ip: ctx.ip }, {
      action: 'api_client.signature', entityType: 'api_client', entityId: clientId ?? request.keyId ?? null, outcome: 'refused',
      detail: { reason, method: request.method, path: request.pathWithQuery },
    }));
    throw new AppError('signature_invalid');
  };
  if (!request.keyId || !request.timestamp || !request.signature) return refuse('missing_headers');
  // Strict forms: Unix seconds as plain digits (no sign, fraction, exponent or spaces) and exactly 64 lowercase or
  // uppercase hex digits (Buffer.from(…, 'hex') would silently drop trailing junk).
  if (!/^\d{1,12}$/.test(request.timestamp)) return refuse('timestamp_format');
  if (!/^[0-9a-fA-F]{64}$/.test(request.signature)) return refuse('signature_format');
  const client = await findApiClientByKeyId(ctx.db, request.keyId);
  if (!client || !client.active) return refuse('unknown_key');
  const skew = Math.abs(ctx.clock.now().getTime() / 1000 - Number(request.timestamp));
  if (skew > ctx.config.HMAC_MAX_SKEW_SECONDS) return refuse('timestamp_skew', client.id);
  // Sealed under another TASDEED_SECRET (a rotated secret, a demo database from before it had its own): refused
  // like a wrong signature rather than failing the request with a 500.
  let secret: string;
  try {
    secret = decryptSecret(client.secretCiphertext, ctx.config.secret);
  } catch {
    return refuse('secret_unreadable', client.id);
  }
  const expected = signRequest(secret, request.method, request.pathWithQuery, request.timestamp, request.rawBody);
  if (!signaturesMatch(expected, request.signature)) return refuse('bad_signature', client.id);
  return { kind: 'client', id: client.id, role: client.role as Role, name: client.name };
}

/** The id of the machine client with this key id (the channels module keys a bank's billers by it). */
export async function apiClientIdOfKey(ctx: Ctx, keyId: string): Promise<string | undefined> {
  return (await findApiClientByKeyId(ctx.db, keyId))?.id;
}
