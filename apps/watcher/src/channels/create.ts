import { channelId } from "../config/channels";
import type { Config, SubscriberConfig } from "../config/schema";
import { createEmailChannel } from "./email";
import { createFileChannel } from "./file";
import type { DigestChannel, Sleep } from "./types";
import { createWebhookChannel } from "./webhook";

export interface ChannelDeps {
  /** Where SMTP_URL, SMTP_FROM and webhook secrets (`secretEnv`) are read from. */
  env: Readonly<Record<string, string | undefined>>;
  network: Pick<Config["network"], "timeout" | "userAgent" | "allowPrivateAddresses">;
  /** Relative file-channel dirs resolve against this. @default process working directory */
  baseDir?: string;
  /** Quick retries inside one webhook delivery attempt (tests shorten them). */
  webhook?: { tries?: number; retryDelayMs?: number; sleep?: Sleep };
}

/** The channels of one subscriber, in config order, each with its stable channel id. */
export function createChannels(subscriber: SubscriberConfig, deps: ChannelDeps): DigestChannel[] {
  return subscriber.channels.map((channel, index) => {
    const id = channelId(subscriber.channels, index);
    switch (channel.type) {
      case "file":
        return createFileChannel({ id, subscriber: subscriber.id, dir: channel.dir, ...(deps.baseDir ? { baseDir: deps.baseDir } : {}) });
      case "webhook":
        return createWebhookChannel({
          id,
          url: channel.url,
          secretEnv: channel.secretEnv,
          secret: deps.env[channel.secretEnv],
          timeoutMs: deps.network.timeout,
          userAgent: deps.network.userAgent,
          allowPrivateAddresses: deps.network.allowPrivateAddresses,
          ...deps.webhook,
        });
      case "email":
        return createEmailChannel({
          id,
          to: channel.to,
          from: channel.from ?? deps.env.SMTP_FROM,
          unsubscribeUrl: channel.unsubscribeUrl,
          smtpUrl: deps.env.SMTP_URL,
          timeoutMs: deps.network.timeout,
        });
    }
  });
}
