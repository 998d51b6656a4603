import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor, Role } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { findApiClientByKeyId, type ApiClientRow } from './identity.store.js';
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
  const signedBy = (secret: string) => signaturesMatch(signRequest(secret, request.method, request.pathWithQuery, request.timestamp!, request.rawBody), request.signature!);
  // A client seen a moment ago is checked without a trip to the database (every bank payment is signed). A signature
  // the remembered secret does not match is checked again against the database, so a re-sealed secret works at once.
  const remembered = rememberedClient(ctx, request.keyId);
  if (remembered && withinSkew(ctx, request.timestamp) && signedBy(remembered.secret)) return actorOf(remembered.client);
  forgetClient(ctx, request.keyId);
  const client = await findApiClientByKeyId(ctx.db, request.keyId);
  if (!client || !client.active) return refuse('unknown_key');
  if (!withinSkew(ctx, request.timestamp)) return refuse('timestamp_skew', client.id);
  // Sealed under another TASDEED_SECRET (a rotated secret, a demo database from before it had its own): refused
  // like a wrong signature rather than failing the request with a 500.
  let secret: string;
  try {
    secret = decryptSecret(client.secretCiphertext, ctx.config.secret);
  } catch {
    return refuse('secret_unreadable', client.id);
  }
  if (!signedBy(secret)) return refuse('bad_signature', client.id);
  rememberClient(ctx, client, secret);
  return actorOf(client);
}

function withinSkew(ctx: Ctx, timestamp: string): boolean {
  return Math.abs(ctx.clock.now().getTime() / 1000 - Number(timestamp)) <= ctx.config.HMAC_MAX_SKEW_SECONDS;
}

function actorOf(client: ApiClientRow): Actor {
  return { kind: 'client', id: client.id, role: client.role as Role, name: client.name };
}

// Clients that signed correctly in the last API_CLIENT_CACHE_SECONDS, per database handle, with their secret opened.
// A client deactivated in the database is refused by this process at most that many seconds later.
type Remembered = { client: ApiClientRow; secret: string; until: number };
const remembered = new WeakMap<object, Map<string, Remembered>>();

function rememberedClient(ctx: Ctx, keyId: string): Remembered | undefined {
  const entry = remembered.get(ctx.db)?.get(keyId);
  return entry && entry.until > Date.now() ? entry : undefined;
}

function rememberClient(ctx: Ctx, client: ApiClientRow, secret: string): void {
  const seconds = ctx.config.API_CLIENT_CACHE_SECONDS;
  if (seconds === 0) return;
  const byKey = remembered.get(ctx.db) ?? new Map<string, Remembered>();
  remembered.set(ctx.db, byKey);
  byKey.set(client.keyId, { client, secret, until: Date.now() + seconds * 1000 });
}

function forgetClient(ctx: Ctx, keyId: string): void {
  remembered.get(ctx.db)?.delete(keyId);
}

/** The id of the machine client with this key id (the channels module keys a bank's billers by it). */
export async function apiClientIdOfKey(ctx: Ctx, keyId: string): Promise<string | undefined> {
  return (await findApiClientByKeyId(ctx.db, keyId))?.id;
}
