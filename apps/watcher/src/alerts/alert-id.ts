import { createHash } from "node:crypto";

/**
 * The id of the alert about `documentId` for `subscriber`: deterministic, so re-processing an item
 * after a crash produces the same id and AlertStore.record() recognises it. Safe as a Redis key part
 * and a BullMQ job id.
 *
 * @example alertId("analyst", "u-5d0c…") // "a-" + 32 hex characters
 */
export function alertId(subscriber: string, documentId: string): string {
  return `a-${createHash("sha256").update(`${subscriber}\n${documentId}`).digest("hex").slice(0, 32)}`;
}
