// AppError → HTTP. Every error body is {code, message: {ar, en}}; nothing else (no stack, no SQL) leaves.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, isDefinedError } from '../platform/errors/app-error.js';
import { isDatabaseUnavailable } from '../db/multi-host.js';

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation;
    for (const issue of issues) {
      const nested = (issue.params as { params?: { appCode?: string; problem?: string } }).params;
      if (nested?.appCode && isDefinedError(nested.appCode)) return new AppError(nested.appCode, { field: issue.instancePath.slice(1) || undefined, problem: nested.problem });
    }
    const unknownKeys = issues.find((i) => i.keyword === 'unrecognized_keys');
    if (unknownKeys) {
      return new AppError('unknown_field', { fields: (unknownKeys.params as { keys?: string[] }).keys ?? [], at: unknownKeys.instancePath });
    }
    return new AppError('validation_failed', {
      issues: issues.slice(0, 10).map((i) => ({ field: i.instancePath.slice(1), problem: i.keyword, message: i.message })),
    });
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.statusCode === 429) return new AppError('rate_limited');
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fastifyError.statusCode === 400 && fastifyError.code?.startsWith('FST_ERR_CTP'))) {
    return new AppError('validation_failed', { reason: fastifyError.message });
  }
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) return new AppError('validation_failed', { reason: 'malformed request body' });
  if (fastifyError.statusCode === 413) return new AppError('validation_failed', { reason: 'request body too large' });
  // The database went away or failed over: "try again" (503), which is what a retrying client should hear.
  if (isDatabaseUnavailable(error)) return new AppError('database_unavailable');
  return new AppError('internal_error');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error, code: appError.code }, isResponseSerializationError(error) ? 'response did not match its schema' : 'request failed');
    } else {
      request.log.info({ code: appError.code }, 'request refused');
    }
    void reply.status(appError.status).header('content-type', 'application/json; charset=utf-8').send(appError.toBody());
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(new AppError('not_found', { path: request.url.split('?')[0] }).toBody());
  });
}
