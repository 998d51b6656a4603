// /metrics under `tasdeed serve --processes N`: a scrape reaches whichever API process the port hands it to, so that
// process asks the supervisor, which collects every API process's counters and answers their sum. Prometheus thus
// sees one service, not a different process at each scrape. The background-worker process has no HTTP metrics and
// is not asked.
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

type ProcessMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

type Message =
  | { tasdeed: 'has-metrics' }
  | { tasdeed: 'metrics-request'; id: number }
  | { tasdeed: 'metrics-collect'; id: number; requester: number }
  | { tasdeed: 'metrics-part'; id: number; requester: number; metrics: ProcessMetrics }
  | { tasdeed: 'metrics-answer'; id: number; text: string };

interface Collection { id: number; requester: Worker; waiting: Set<number>; parts: ProcessMetrics[] }

/** In the supervisor: answer children's requests for the metrics of all API processes (those with a registry). */
export function acceptMetricsRequests(): void {
  const withRegistry = new Set<number>();
  const collections = new Map<string, Collection>();
  const finish = (key: string, collection: Collection) => {
    if (collection.waiting.size > 0) return;
    collections.delete(key);
    void AggregatorRegistry.aggregate(collection.parts).metrics().then((text) => {
      if (collection.requester.isConnected()) collection.requester.send({ tasdeed: 'metrics-answer', id: collection.id, text } satisfies Message);
    });
  };
  cluster.on('message', (worker: Worker, message: Message) => {
    if (message?.tasdeed === 'has-metrics') withRegistry.add(worker.id);
    else if (message?.tasdeed === 'metrics-request') {
      const key = `${worker.id}:${message.id}`;
      const asked = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && withRegistry.has(w.id) && w.isConnected());
      const collection: Collection = { id: message.id, requester: worker, waiting: new Set(asked.map((w) => w.id)), parts: [] };
      collections.set(key, collection);
      for (const w of asked) w.send({ tasdeed: 'metrics-collect', id: message.id, requester: worker.id } satisfies Message);
      finish(key, collection);
    } else if (message?.tasdeed === 'metrics-part') {
      const key = `${message.requester}:${message.id}`;
      const collection = collections.get(key);
      if (!collection) return;
      collection.parts.push(message.metrics);
      collection.waiting.delete(worker.id);
      finish(key, collection);
    }
  });
  // A process that dies mid-collection is not waited for.
  cluster.on('exit', (worker: Worker) => {
    withRegistry.delete(worker.id);
    for (const [key, collection] of collections) {
      collection.waiting.delete(worker.id);
      finish(key, collection);
    }
  });
}

/**
 * In an API process: offer `registry` to the supervisor's collections, and return how to read everyone's metrics,
 * or undefined when this process is not a child of a supervisor.
 */
export function joinClusterMetrics(registry: Registry): (() => Promise<string | undefined>) | undefined {
  if (!cluster.isWorker || !process.send) return undefined;
  const pending = new Map<number, (text: string) => void>();
  let nextId = 0;
  process.on('message', (message: Message) => {
    if (message?.tasdeed === 'metrics-collect') {
      void registry.getMetricsAsJSON().then((metrics) => process.send!({ tasdeed: 'metrics-part', id: message.id, requester: message.requester, metrics } satisfies Message));
    } else if (message?.tasdeed === 'metrics-answer') {
      pending.get(message.id)?.(message.text);
      pending.delete(message.id);
    }
  });
  process.send({ tasdeed: 'has-metrics' } satisfies Message);
  // Undefined when the supervisor did not answer in time (it is busy or is not Tasdeed's): the scrape fails with 503
  // rather than hang, or answer this process alone, whose counters would look like a reset to Prometheus.
  return () => new Promise<string | undefined>((resolve) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(undefined);
    }, CLUSTER_METRICS_WAIT_MS);
    pending.set(id, (text) => {
      clearTimeout(timer);
      resolve(text);
    });
    process.send!({ tasdeed: 'metrics-request', id } satisfies Message);
  });
}

const CLUSTER_METRICS_WAIT_MS = 5_000;
