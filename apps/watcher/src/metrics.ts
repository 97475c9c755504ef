import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The watcher's Prometheus metrics, created per process (no module-level registry, so tests and
 * several apps in one process do not collide). Served on /metrics by http/server.ts.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    feedsPolled: new Counter({ name: "corpus_feeds_polled_total", help: "Feed polls finished, by outcome (changed, not_modified, failed)", labelNames: ["feed", "outcome"] as const, registers }),
    feedsFailed: new Counter({ name: "corpus_feeds_failed_total", help: "Feed polls that failed, by reason", labelNames: ["feed", "reason"] as const, registers }),
    itemsSeen: new Counter({ name: "corpus_items_seen_total", help: "Feed items read, by whether they were new", labelNames: ["feed", "new"] as const, registers }),
    alerts: new Counter({ name: "corpus_alerts_total", help: "Alerts recorded for subscribers", labelNames: ["subscriber"] as const, registers }),
    pollLatency: new Histogram({ name: "corpus_poll_duration_seconds", help: "Time to fetch, parse and process one feed", labelNames: ["feed"] as const, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
    digestsDelivered: new Counter({ name: "corpus_digests_delivered_total", help: "Digests delivered, per channel type", labelNames: ["subscriber", "channel"] as const, registers }),
    digestsFailed: new Counter({ name: "corpus_digests_failed_total", help: "Digest deliveries that failed, per channel type", labelNames: ["subscriber", "channel"] as const, registers }),
    queueDepth: new Gauge({ name: "corpus_queue_jobs", help: "Jobs per queue and state", labelNames: ["queue", "state"] as const, registers }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
