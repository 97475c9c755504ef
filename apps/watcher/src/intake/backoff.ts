/** Longest wait between two attempts at a failing feed: it is polled again at least daily. */
export const MAX_BACKOFF_MS = 24 * 3_600_000;

/**
 * How long to wait before the next fetch of a feed that failed `failures` times in a row:
 * interval * 2^(failures-1) plus up to 20% jitter (so feeds that failed together do not retry
 * together), capped at 24 h (or the interval itself when that is longer). Never "give up": a feed down
 * for a week is still tried once a day.
 *
 * @param random a number in [0, 1) (injected so tests are deterministic)
 */
export function backoffDelay(intervalMs: number, failures: number, random: number): number {
  const cap = Math.max(MAX_BACKOFF_MS, intervalMs);
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const jittered = intervalMs * 2 ** exponent * (1 + 0.2 * Math.min(Math.max(random, 0), 1));
  return Math.round(Math.min(jittered, cap));
}
