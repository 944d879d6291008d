import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type PortalMetrics = {
  registry: Registry;
  invitations: Counter<"outcome" | "code" | "lane">;
  graphDuration: Histogram<"operation" | "status">;
  graphThrottled: Counter<"operation">;
  bulkRowsProcessed: Counter;
  bulkRowsQueued: Gauge;
};

/** Asked at each scrape: queued rows of the jobs this instance holds. */
export type QueueDepthSource = () => Promise<number>;

// On globalThis: Next.js may load this module more than once, and prom-client refuses a metric
// registered twice in one registry.
const METRICS = Symbol.for("guest-invitations-portal.metrics");
const QUEUE_DEPTH = Symbol.for("guest-invitations-portal.metrics-queue-depth");
type WithMetrics = typeof globalThis & {
  [METRICS]?: PortalMetrics;
  [QUEUE_DEPTH]?: QueueDepthSource;
};

function create(): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    invitations: new Counter({
      name: "portal_invitations_total",
      help: "Invitation requests to Graph by outcome (sent, failed) and the portal's error code",
      labelNames: ["outcome", "code", "lane"],
      registers,
    }),
    graphDuration: new Histogram({
      name: "portal_graph_request_duration_seconds",
      help: "Duration of each Graph request attempt by operation and HTTP status",
      labelNames: ["operation", "status"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers,
    }),
    graphThrottled: new Counter({
      name: "portal_graph_throttled_total",
      help: "Graph attempts answered 429 Too Many Requests, by operation",
      labelNames: ["operation"],
      registers,
    }),
    bulkRowsProcessed: new Counter({
      name: "portal_bulk_rows_processed_total",
      help: "Bulk rows this instance sent and settled (rate() gives rows per second)",
      registers,
    }),
    bulkRowsQueued: new Gauge({
      name: "portal_bulk_rows_queued",
      help: "Rows still queued in the bulk jobs this instance holds",
      registers,
      async collect() {
        const source = (globalThis as WithMetrics)[QUEUE_DEPTH];
        this.set(source ? await source().catch(() => 0) : 0);
      },
    }),
  };
}

export function metrics(): PortalMetrics {
  const holder = globalThis as WithMetrics;
  holder[METRICS] ??= create();
  return holder[METRICS];
}

export function setQueueDepthSource(source: QueueDepthSource): void {
  (globalThis as WithMetrics)[QUEUE_DEPTH] = source;
}
