// The national switches' endpoints: one URL per switch taking its XML messages (the message type is inside, as the
// switches send it), HMAC-signed like the JSON API (the signature covers the exact XML bytes). Every answer —
// refusals included, even a body the parser never read — is the switch's own XML with its result code; the HTTP
// status follows the refusal (4xx) so monitoring sees it, and X-Tasdeed-Code names this project's stable code.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { toAppError } from '../../http/errors.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { auditedBankRefusals } from './channels.audit.js';
import { answerSwitchMessage, firstRefusal, MAX_SWITCH_MESSAGE_BYTES, type AnswerClock, type SwitchAdapter } from './switch.messages.js';
import { sadadAdapter } from './sadad.adapter.js';
import { efawateerAdapter } from './efawateer.adapter.js';

const signed = [{ hmac: [] }];
const XML_TYPES = ['application/xml', 'text/xml'];

export const SWITCH_PATHS = { sadad: '/api/v1/channels/sadad/messages', efawateer: '/api/v1/channels/efawateer/messages' } as const;

const clockOf = (ctx: Ctx | undefined): AnswerClock => ({ now: ctx?.clock.now() ?? new Date(), timeZone: ctx?.config.TZ_BUSINESS ?? 'UTC' });

function send(reply: FastifyReply, xml: string, error: AppError | null) {
  if (error) void reply.header('x-tasdeed-code', error.code);
  return reply.status(error ? error.status : 200).header('content-type', 'application/xml; charset=utf-8').send(xml);
}

function switchRoutes<H>(adapter: SwitchAdapter<H>, summary: string) {
  return async (app: FastifyInstance): Promise<void> => {
    // The body limit is above the message limit, so an oversized message reaches the adapter and gets its code.
    app.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit: MAX_SWITCH_MESSAGE_BYTES * 4 }, (request, body, done) => {
      request.rawBody = body as string;
      done(null, body);
    });
    // Errors before the handler (signature, body too large, wrong content type) answer in the switch's XML too.
    app.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error, code: appError.code }, 'switch request failed');
      return send(reply, adapter.render(null, clockOf(request.ctx), { error: appError }), appError);
    });

    app.post(SWITCH_PATHS[adapter.name], { schema: { tags: ['banks'], summary, security: signed } }, async (request, reply) => {
      const { ctx, actor } = request;
      const parsed = adapter.parse(typeof request.body === 'string' ? request.body : '');
      try {
        // The caller is a bank before anything it sent is read; a refused message is audited with its code.
        const message = await auditedBankRefusals(ctx, actor, `bank.${adapter.name}`, null, { header: parsed.header }, async () => {
          if (actor.kind !== 'client' || actor.role !== 'bank') throw new AppError('forbidden', { channel: 'bank' });
          if ('error' in parsed) throw parsed.error;
          return parsed.message;
        });
        const answer = await answerSwitchMessage(ctx, actor, message);
        return await send(reply, adapter.render(parsed.header, clockOf(ctx), { answer }), firstRefusal(answer));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return send(reply, adapter.render(parsed.header, clockOf(ctx), { error }), error);
      }
    });
  };
}

/** Each switch in its own encapsulated scope: its XML parser and error handler touch no other route. */
export async function registerSwitchRoutes(app: FastifyInstance): Promise<void> {
  await app.register(switchRoutes(sadadAdapter, 'SADAD-style XML messages from a bank or the switch: BINQRQ inquiry, PNOTRQ payment notification, PREVRQ reversal, BLRCRQ reconciliation'));
  await app.register(switchRoutes(efawateerAdapter, 'eFAWATEERcom-style XML (MFEP) messages: BILPULRQ bill pull, BLRPMTNTFRQ payment notification, PMTRVSLRQ reversal, BLRRCNRQ reconciliation'));
}
