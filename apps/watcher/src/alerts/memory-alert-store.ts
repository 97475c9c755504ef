import { AlertSchema, type Alert } from "@corpus/model";
import type { AlertStore } from "../ports";

/**
 * An in-memory AlertStore with the same semantics as the Redis one (see redis-alert-store.ts for
 * the layout it mirrors), plus the two moves the digest stage makes, so tests can play them.
 */
export interface MemoryAlertStore extends AlertStore {
  /** A digest takes the alert off one channel's pending list (it is no longer "undelivered" there). */
  take(subscriber: string, channel: string, alertId: string): void;
  /** The alert was delivered everywhere: forgotten except for its id in the delivered set. */
  markDelivered(subscriber: string, alertId: string): void;
  /** Every stored (not yet deleted) alert of a subscriber. */
  alerts(subscriber: string): Alert[];
}

interface Entry {
  alert: Alert;
  channels: string[];
}

export function createMemoryAlertStore(): MemoryAlertStore {
  const alerts = new Map<string, Map<string, Entry>>();
  const pending = new Map<string, Map<string, number>>();
  const delivered = new Map<string, Set<string>>();
  const byDocument = new Map<string, Set<string>>();

  const of = <K, V>(map: Map<string, Map<K, V>>, key: string) => map.get(key) ?? map.set(key, new Map()).get(key)!;
  const pendingKey = (subscriber: string, channel: string) => `${subscriber}\u0000${channel}`;
  const isPending = (subscriber: string, entry: Entry) =>
    entry.channels.some((c) => pending.get(pendingKey(subscriber, c))?.has(entry.alert.id) ?? false);

  return {
    async record(alert, channels) {
      const valid = AlertSchema.parse(structuredClone(alert));
      const mine = of(alerts, valid.subscriber);
      if (mine.has(valid.id) || delivered.get(valid.subscriber)?.has(valid.id)) return "exists";
      mine.set(valid.id, { alert: valid, channels: [...channels] });
      for (const channel of channels) of(pending, pendingKey(valid.subscriber, channel)).set(valid.id, Date.parse(valid.createdAt));
      const index = byDocument.get(valid.documentId) ?? byDocument.set(valid.documentId, new Set()).get(valid.documentId)!;
      index.add(`${valid.subscriber}/${valid.id}`);
      return "created";
    },

    async addSource(documentId, feedId) {
      let changed = 0;
      for (const member of byDocument.get(documentId) ?? []) {
        const [subscriber = "", id = ""] = member.split("/");
        const entry = alerts.get(subscriber)?.get(id);
        if (!entry) {
          byDocument.get(documentId)?.delete(member);
          continue;
        }
        if (delivered.get(subscriber)?.has(id) || !isPending(subscriber, entry)) continue;
        if (entry.alert.sources.includes(feedId)) continue;
        entry.alert = { ...entry.alert, sources: [...entry.alert.sources, feedId] };
        changed++;
      }
      return changed;
    },

    async pending(subscriber, channel, limit = 1000) {
      const ids = [...(pending.get(pendingKey(subscriber, channel)) ?? new Map<string, number>())]
        .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, Math.max(0, limit));
      return ids.flatMap(([id]) => {
        const entry = alerts.get(subscriber)?.get(id);
        return entry ? [structuredClone(entry.alert)] : [];
      });
    },

    async countPending(subscriber, channel) {
      return pending.get(pendingKey(subscriber, channel))?.size ?? 0;
    },

    take(subscriber, channel, alertId) {
      pending.get(pendingKey(subscriber, channel))?.delete(alertId);
    },

    markDelivered(subscriber, alertId) {
      const entry = alerts.get(subscriber)?.get(alertId);
      for (const channel of entry?.channels ?? []) pending.get(pendingKey(subscriber, channel))?.delete(alertId);
      alerts.get(subscriber)?.delete(alertId);
      (delivered.get(subscriber) ?? delivered.set(subscriber, new Set()).get(subscriber)!).add(alertId);
    },

    alerts(subscriber) {
      return [...(alerts.get(subscriber)?.values() ?? [])].map((e) => structuredClone(e.alert));
    },
  };
}
