/** Redis could not be reached at start-up: a setup problem, reported without a stack trace (exit 2). */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
  constructor(
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach Redis at ${url}: start one with \`redis-server --daemonize yes\` or set REDIS_URL`, options);
  }
}
