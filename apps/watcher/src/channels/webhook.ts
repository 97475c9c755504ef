import { createHmac } from "node:crypto";
import { Agent, fetch } from "undici";
import type { RenderedDigest } from "../digest/render";
import { assertPublicUrl, createGuardedLookup } from "../feed/address-guard";
import { FeedFetchError } from "../feed/errors";
import { parseRetryAfter } from "../feed/retry-after";
import { ChannelError, realSleep, type DigestChannel, type Sleep } from "./types";

/** `sha256=<hex HMAC-SHA256 of the exact body>`, the value of X-Corpus-Signature. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export interface WebhookChannelOptions {
  id: string;
  url: string;
  /** Name of the environment variable holding the HMAC secret (for messages). */
  secretEnv: string;
  /** Its value; undefined when the variable is not set (every send then fails, permanently). */
  secret: string | undefined;
  /** Per request, headers and body. */
  timeoutMs: number;
  userAgent: string;
  allowPrivateAddresses: boolean;
  /** Requests within one delivery attempt (BullMQ retries the job with backoff after that). @default 3 */
  tries?: number;
  /** Delay before the second try; doubles each time. @default 500 */
  retryDelayMs?: number;
  /** @default setTimeout-based sleep */
  sleep?: Sleep;
}

/** Statuses worth trying again: timeouts, rate limits and server errors. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Longest Retry-After honoured inside one attempt; longer waits are left to BullMQ's backoff. */
const MAX_INLINE_WAIT_MS = 10_000;

/**
 * POSTs the digest JSON, signed: `X-Corpus-Digest-Id` (stable across retries, so receivers can
 * deduplicate) and `X-Corpus-Signature: sha256=<hmac>`. Redirects are not followed; private
 * addresses are refused unless allowed, checked again at connect time (DNS rebinding).
 */
export function createWebhookChannel(options: WebhookChannelOptions): DigestChannel {
  const tries = options.tries ?? 3;
  const baseDelay = options.retryDelayMs ?? 500;
  const sleep = options.sleep ?? realSleep;
  const fail = (message: string, retryable: boolean, cause?: unknown) => new ChannelError(options.id, message, retryable, { cause });

  async function post(rendered: RenderedDigest, secret: string, dispatcher: Agent): Promise<{ ok: true } | { ok: false; error: ChannelError; waitMs?: number }> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    try {
      const res = await fetch(options.url, {
        method: "POST",
        body: rendered.json,
        redirect: "manual",
        signal,
        dispatcher,
        headers: {
          "content-type": "application/json",
          "user-agent": options.userAgent,
          "x-corpus-digest-id": rendered.digest.id,
          "x-corpus-signature": signBody(rendered.json, secret),
        },
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true };
      const where = `webhook ${options.url} answered ${res.status}`;
      if (res.status >= 300 && res.status < 400) return { ok: false, error: fail(`${where}; redirects are not followed, configure the final URL`, false) };
      const waitMs = parseRetryAfter(res.headers.get("retry-after") ?? undefined, Date.now());
      return { ok: false, error: fail(where, retryableStatus(res.status)), ...(waitMs === undefined ? {} : { waitMs }) };
    } catch (err) {
      if (err instanceof FeedFetchError) return { ok: false, error: fail(err.message, err.retryable, err) };
      const blocked = err instanceof Error && err.cause instanceof FeedFetchError ? err.cause : undefined;
      if (blocked) return { ok: false, error: fail(blocked.message, blocked.retryable, blocked) };
      const why = signal.aborted ? `timed out after ${options.timeoutMs} ms` : (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : String((err as Error).message ?? err);
      return { ok: false, error: fail(`webhook ${options.url}: ${why}`, true, err) };
    }
  }

  return {
    id: options.id,
    type: "webhook",
    describe: () => `webhook ${options.url}`,
    async send(rendered) {
      const secret = options.secret;
      if (!secret) throw fail(`the environment variable ${options.secretEnv} (webhook secret) is not set; not sending an unsigned webhook`, false);
      try {
        await assertPublicUrl(options.url, options.allowPrivateAddresses);
      } catch (err) {
        if (err instanceof FeedFetchError) throw fail(err.message.replace(/^\[watcher\] \[feed\] /, ""), err.retryable, err);
        throw err;
      }
      const dispatcher = new Agent(options.allowPrivateAddresses ? {} : { connect: { lookup: createGuardedLookup() } });
      try {
        let last: ChannelError | undefined;
        for (let attempt = 1; attempt <= tries; attempt++) {
          const result = await post(rendered, secret, dispatcher);
          if (result.ok) return { where: [options.url] };
          last = result.error;
          if (!last.retryable || attempt === tries) break;
          const backoff = baseDelay * 2 ** (attempt - 1);
          if (result.waitMs !== undefined && result.waitMs > MAX_INLINE_WAIT_MS) break;
          await sleep(Math.max(backoff, result.waitMs ?? 0));
        }
        throw last ?? fail(`webhook ${options.url}: not sent`, true);
      } finally {
        await dispatcher.close().catch(() => undefined);
      }
    },
  };
}
