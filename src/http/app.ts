// The Fastify application: plugins, authentication, errors, metrics, OpenAPI, and every module's routes.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { startReadAuditBuffer } from '../platform/audit.js';
import type { AttachmentProviders } from '../platform/attachments.js';
import type { Logger } from '../platform/logger.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors/app-error.js';
import { installAuthentication } from './auth.js';
import { installErrorHandling } from './errors.js';
import { installMetrics } from './metrics.js';
import { clientErrorHandler, installNoStore, installOperatorPages } from './hardening.js';
import { registerModuleRoutes } from './routes.js';
import { registerWebApp } from './web-static.js';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  /** The documents attached to emails by topic (src/workers/attachments.ts); none in tests that leave it out. */
  attachments?: AttachmentProviders;
  /** For background work (jobs, workers); each worker makes one from the configuration when it is left out. */
  logger?: Logger;
  /** Extra wiring for the running server (gateways, simulators' URLs); tests may leave it out. */
  services?: Record<string, unknown>;
}

export type App = FastifyInstance;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers["x-tasdeed-signature"]'] },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Only the configured proxies' X-Forwarded-For counts (TRUSTED_PROXIES); with none, the socket's address does.
    trustProxy: config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false,
    bodyLimit: 2 * 1024 * 1024,
    clientErrorHandler,
    // One line per request is too much at thousands a second; errors are still logged with their request id.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  installErrorHandling(app);
  installNoStore(app);
  installOperatorPages(app, { production: config.NODE_ENV === 'production', allowed: config.OPS_ALLOWED_ADDRESSES });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'script-src': ["'self'"],
        'frame-src': ["'self'", 'blob:'],
        'object-src': ["'self'", 'blob:'],
        'form-action': ["'self'", 'http:', 'https:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (request) => request.url === '/health' || request.url === '/ready' || request.url === '/metrics',
    errorResponseBuilder: (_request, context) => Object.assign(new AppError('rate_limited', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }), { statusCode: 429 }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tasdeed API', description: 'Bill presentment and payment for utilities and government fines. Amounts are decimal strings in the currency scale; every error is {code, message: {ar, en}}.', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tasdeed_session' },
          hmac: { type: 'apiKey', in: 'header', name: 'X-Tasdeed-Key', description: 'With X-Tasdeed-Timestamp and X-Tasdeed-Signature = hex HMAC-SHA256 of "METHOD\\npath?query\\ntimestamp\\nsha256(body)"' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Fills components.schemas with the zod schemas that carry a `.meta({ id })`; without it their $refs dangle.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  installMetrics(app);
  // Read-audit lines (look-ups) are written in batches, and every one still buffered on a clean stop (below).
  const readAudits = startReadAuditBuffer(deps.database.db, {
    intervalMs: config.READ_AUDIT_FLUSH_MS,
    onError: (error, dropped) => app.log.error({ err: error, dropped }, 'writing the buffered read-audit lines failed; kept for the next try'),
  });
  // The dues inquiry reads from the replica when there is one (DATABASE_REPLICA_URL, PostgreSQL only).
  const replica = config.DATABASE_REPLICA_URL && deps.database.kind === 'postgres'
    ? await openDatabase({ databaseUrl: config.DATABASE_REPLICA_URL }) : undefined;
  app.addHook('onClose', async () => {
    await readAudits.close().catch((error: unknown) => app.log.error({ err: error }, 'read-audit lines lost on close'));
    await replica?.close();
  });
  installAuthentication(app, { db: deps.database.db, readDb: replica?.db ?? deps.database.db, clock: deps.clock, config });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.database.ping();
      return { status: 'ready', database: deps.database.kind };
    } catch {
      return reply.status(503).send(new AppError('database_unavailable').toBody());
    }
  });

  await registerModuleRoutes(app, deps);
  // Last: the portal answers every other GET (its router decides), never a path the API owns.
  await registerWebApp(app, { distDir: fileURLToPath(new URL('../../dist/web', import.meta.url)) });
  return app;
}
