import { createHash } from "node:crypto";

/** How many hex digits of the hash end a digest id (the model requires at least 6). */
export const DIGEST_ID_HEX = 10;

/**
 * The UTC creation time as it starts a digest id, so ids sort by time.
 *
 * @example digestStamp(new Date("2026-11-25T08:00:00.123Z")) // "20261125T080000Z"
 */
export function digestStamp(createdAt: Date): string {
  return createdAt.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/**
 * What a digest id is derived from. The id is computed before the claim and stored durably with the
 * claimed alerts (inflight key + digest record), so a retry after a crash finds and re-sends it.
 */
export interface DigestIdInput {
  subscriber: string;
  channel: string;
  createdAt: Date;
  /** A random value, so two digests created in the same millisecond still differ. */
  nonce: string;
}

/** The text whose SHA-1 names a digest: one field per line. */
export function digestIdSeed(input: DigestIdInput): string {
  return [input.subscriber, input.channel, String(input.createdAt.getTime()), input.nonce].join("\n");
}

/**
 * A digest id, fixed when the digest is claimed and re-used by every retry: the UTC creation time,
 * a dash and the first {@link DIGEST_ID_HEX} hex digits of the SHA-1 of {@link digestIdSeed}.
 *
 * @example digestId({ subscriber: "analyst", channel: "file", createdAt, nonce }) // "20261125T080000Z-3f2a9c51d0"
 */
export function digestId(input: DigestIdInput): string {
  const hash = createHash("sha1").update(digestIdSeed(input)).digest("hex");
  return `${digestStamp(input.createdAt)}-${hash.slice(0, DIGEST_ID_HEX)}`;
}

/** True for strings shaped like a digest id (safe to use in file names and Redis keys). */
export function isDigestId(value: string): boolean {
  return /^\d{8}T\d{6}Z-[0-9a-f]{6,}$/.test(value);
}
