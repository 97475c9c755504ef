import { z } from "zod";
import { SafeIdSchema, SubscriberIdSchema, ThemeIdSchema } from "@corpus/model";
import { DurationSchema, SizeSchema } from "./units";

export const FeedConfigSchema = z.strictObject({
  id: SafeIdSchema,
  url: z.url({ protocol: /^https?$/, error: "feed url must be an http(s) URL" }),
  name: z.string().optional(),
  interval: DurationSchema.default(30 * 60_000).refine((ms) => ms >= 10_000, "interval must be at least 10s"),
  tags: z.array(z.string()).default([]),
  enabled: z.boolean().default(true),
  /** Alert on what the first poll finds, instead of only recording it. */
  backfill: z.boolean().default(false),
  /** Items published longer ago than this are recorded but never alerted. */
  maxItemAge: DurationSchema.default(30 * 86_400_000),
});
export type FeedConfig = z.infer<typeof FeedConfigSchema>;

export const FileChannelSchema = z.strictObject({
  type: z.literal("file"),
  id: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
  dir: z.string().min(1),
});
export const WebhookChannelSchema = z.strictObject({
  type: z.literal("webhook"),
  id: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
  url: z.url({ protocol: /^https?$/ }),
  /** Name of the environment variable that holds the HMAC secret (the secret stays out of the file). */
  secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "secretEnv names an environment variable, e.g. CORPUS_WEBHOOK_SECRET"),
});
export const EmailChannelSchema = z.strictObject({
  type: z.literal("email"),
  id: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
  to: z.union([z.email(), z.array(z.email()).min(1)]),
  from: z.string().optional(),
  unsubscribeUrl: z.string().optional(),
});
export const ChannelSchema = z.discriminatedUnion("type", [FileChannelSchema, WebhookChannelSchema, EmailChannelSchema]);
export type ChannelConfig = z.infer<typeof ChannelSchema>;

export const SubscriberConfigSchema = z.strictObject({
  id: SubscriberIdSchema,
  name: z.string().optional(),
  themes: z.union([z.literal("all"), z.array(ThemeIdSchema).min(1)]).default("all"),
  minScore: z.number().min(0).max(1).default(0),
  /** Only items from these feed ids (default: every feed). */
  feeds: z.array(SafeIdSchema).optional(),
  /** Cron expression (5 or 6 fields) for digests, evaluated in `timezone`. */
  schedule: z.string().default("0 8 * * *"),
  timezone: z.string().default("UTC"),
  channels: z.array(ChannelSchema).default([{ type: "file", dir: "./digests" }]),
  /** Send a "nothing new" digest when there is nothing to report. */
  sendEmpty: z.boolean().optional(),
  /** Most items in one digest; the rest wait for the next one. */
  maxItems: z.number().int().positive().optional(),
});
export type SubscriberConfig = z.infer<typeof SubscriberConfigSchema>;

export const NetworkConfigSchema = z.strictObject({
  timeout: DurationSchema.default(20_000),
  maxBytes: SizeSchema.default(5_000_000),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  userAgent: z.string().min(1).default("corpus-watcher/0.1 (+https://example.invalid/corpus; feed monitor)"),
  perHostConcurrency: z.number().int().min(1).max(64).default(2),
  /** Allow feeds and webhooks on loopback and private networks (off by default: SSRF). */
  allowPrivateAddresses: z.boolean().default(false),
});

export const RetentionConfigSchema = z.strictObject({
  /** Item keys remembered per feed; at least 10x a feed's size so old items never come back as new. */
  seenPerFeed: z.number().int().min(100).default(10_000),
  /** Canonical-URL keys remembered across all feeds. */
  seenGlobal: z.number().int().min(1000).default(200_000),
  /** Classified items kept as corpus documents (for `export`). */
  documents: z.number().int().min(0).default(50_000),
  /** Finished jobs kept in BullMQ for inspection. */
  completedJobs: z.number().int().min(0).default(1000),
  failedJobs: z.number().int().min(0).default(5000),
  /** Delivered alert ids kept per subscriber (the digest stage trims `keys.delivered(sub)` to this). */
  delivered: z.number().int().min(1000).default(100_000),
  /** Digest runs kept per subscriber. */
  digestRuns: z.number().int().min(1).default(100),
});

export const DigestDefaultsSchema = z.strictObject({
  maxItems: z.number().int().positive().default(200),
  sendEmpty: z.boolean().default(false),
});

export const HttpConfigSchema = z.strictObject({
  /** Port for /healthz and /metrics; 0 turns the server off. */
  port: z.number().int().min(0).max(65535).default(9464),
  host: z.string().default("127.0.0.1"),
});

export const ConcurrencyConfigSchema = z.strictObject({
  poll: z.number().int().min(1).max(256).default(8),
  digest: z.number().int().min(1).max(64).default(2),
});

export const ConfigSchema = z.strictObject({
  redis: z.string().regex(/^rediss?:\/\//, "redis must be a redis:// or rediss:// URL").default("redis://127.0.0.1:6379"),
  /** Prefix of every BullMQ queue and key; with Redis Cluster write it as a hash tag, e.g. "{corpus}". */
  prefix: z.string().regex(/^[A-Za-z0-9_{}.-]+$/, "prefix may hold letters, digits, _ . - { }").default("corpus"),
  /** "default" for the model shipped with @corpus/classify, or a path to a model JSON file. */
  model: z.string().default("default"),
  /** Optional theme file (JSON or YAML list of Theme records) replacing the model's themes. */
  themes: z.string().optional(),
  feeds: z.array(FeedConfigSchema).default([]),
  subscribers: z.array(SubscriberConfigSchema).default([]),
  network: NetworkConfigSchema.default(NetworkConfigSchema.parse({})),
  retention: RetentionConfigSchema.default(RetentionConfigSchema.parse({})),
  digest: DigestDefaultsSchema.default(DigestDefaultsSchema.parse({})),
  http: HttpConfigSchema.default(HttpConfigSchema.parse({})),
  concurrency: ConcurrencyConfigSchema.default(ConcurrencyConfigSchema.parse({})),
  /** How long graceful shutdown may take before the process exits anyway. */
  shutdownTimeout: DurationSchema.default(30_000),
  /** Log level of the JSON logs (pino). */
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
