// Prometheus metrics: request counts and latencies by route, plus Node's own (event loop, memory).
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { joinClusterMetrics } from './metrics-cluster.js';

export function installMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tasdeed_' });
  const requests = new Counter({
    name: 'tasdeed_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers: [registry],
  });
  const latency = new Histogram({
    name: 'tasdeed_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, so ids do not explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // Under `serve --processes N` the answer is the sum over every API process (src/http/metrics-cluster.ts).
  const allProcesses = joinClusterMetrics(registry);
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', registry.contentType);
    if (!allProcesses) return registry.metrics();
    const text = await allProcesses();
    if (text === undefined) return reply.code(503).header('content-type', 'text/plain; charset=utf-8').send('metrics of the other processes did not arrive in time\n');
    return text;
  });
  return registry;
}
