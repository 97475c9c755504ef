import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fromFeedItem } from "@corpus/model";
import { loadClassifierForConfig } from "../classifier";
import { NetworkConfigSchema, type Config } from "../config/schema";
import { createHttpFetcher, createMemoryHostLimiter, decodeBody, FeedFetchError, FeedParseError, parseFeed } from "../feed/index";
import type { Classifier } from "../intake/ports";
import { loadConfigArg, parseCommandArgs, writeLine } from "./args";
import { UsageError, type Command } from "./types";

const usage = `Usage: corpus-watcher scan [--model FILE] [--config FILE] [--allow-private] [--json] URL|FILE...

Reads feeds once and classifies every item, without Redis: for trying a feed or a model. An
argument with a scheme (https://...) is fetched; anything else is read as a file.

Options:
  --model FILE      a model file (default: the config's model, else the default model)
  --config FILE     take the model, themes and network settings from a watcher config
  --allow-private   allow feeds on loopback and private addresses
  --json            one JSON line per item {"feed","id","title","link","published","themes","scores"},
                    then {"feed","summary":{"items":N}} per argument, or {"feed","error"} if it failed
  --help            this help

Exit code 1 when any feed failed, 2 for usage or config errors.`;

interface ScanItem {
  id: string;
  title: string;
  link: string | null;
  published: string | null;
  themes: string[];
  scores: Record<string, number>;
}

interface ScanTarget {
  arg: string;
  /** The http(s) URL, or the file's file: URL (for messages and relative links). */
  url: string;
  load(): Promise<{ body: Buffer; contentType?: string; finalUrl: string }>;
}

const hasScheme = (arg: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(arg);

async function scanOne(target: ScanTarget, classifier: Classifier, now: Date): Promise<ScanItem[]> {
  const { body, contentType, finalUrl } = await target.load();
  const { text } = decodeBody(body, contentType);
  const parsed = await parseFeed(text, { url: finalUrl });
  const web = /^https?:/i.test(finalUrl) ? finalUrl : undefined;
  const feed = { id: "scan", ...(web && { url: web }), ...(parsed.title && { title: parsed.title }), ...(parsed.link && { link: parsed.link }) };
  return parsed.items.map((item) => {
    const { document } = fromFeedItem(item, feed, { fetchedAt: now.toISOString() });
    const result = classifier.classify({ title: document.title, summary: document.summary ?? document.abstract, text: document.text });
    return {
      id: document.id,
      title: document.title,
      link: document.url ?? null,
      published: document.publishedAt ? new Date(document.publishedAt).toISOString() : null,
      themes: result.themes,
      scores: result.scores,
    };
  });
}

function errorMessage(err: unknown): string {
  if (err instanceof FeedFetchError || err instanceof FeedParseError) return err.message.replace(/^\[watcher\] \[feed\] /, "");
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "file not found";
  if (code === "EISDIR") return "is a directory, not a feed file";
  return err instanceof Error ? err.message : String(err);
}

function printReadable(out: (line: string) => void, arg: string, items: ScanItem[]): void {
  out(`${arg}: ${items.length} item${items.length === 1 ? "" : "s"}`);
  for (const item of items) {
    out(`  ${(item.published ?? "").slice(0, 10).padEnd(10)}  ${item.title}`);
    if (item.link) out(`              ${item.link}`);
    const themes = item.themes.map((t) => `${t} (${(item.scores[t] ?? 0).toFixed(2)})`).join(", ");
    out(`              themes: ${themes || "none"}`);
  }
}

export const command: Command = {
  name: "scan",
  summary: "read feeds once and classify their items (no Redis)",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { model: { type: "string" }, config: { type: "string" }, "allow-private": { type: "boolean" }, json: { type: "boolean" } },
      true,
    );
    if (positionals.length === 0) throw new UsageError("give at least one feed URL or file");
    const loadedConfig = values.config ? await loadConfigArg(values.config, io) : undefined;
    const settings: Pick<Config, "model" | "themes" | "subscribers"> = {
      model: values.model ? resolve(io.cwd, values.model) : (loadedConfig?.config.model ?? "default"),
      ...(loadedConfig?.config.themes !== undefined && { themes: loadedConfig.config.themes }),
      subscribers: [],
    };
    const baseDir = loadedConfig ? dirname(loadedConfig.file) : io.cwd;
    const { classifier } = await loadClassifierForConfig(settings, values.model ?? loadedConfig?.file ?? "default model", baseDir);
    const network = loadedConfig?.config.network ?? NetworkConfigSchema.parse({});
    const fetcher = createHttpFetcher({
      timeoutMs: network.timeout,
      maxBytes: network.maxBytes,
      maxRedirects: network.maxRedirects,
      userAgent: network.userAgent,
      allowPrivateAddresses: Boolean(values["allow-private"]) || network.allowPrivateAddresses,
      hostLimiter: createMemoryHostLimiter(network.perHostConcurrency),
    });
    const out = (line: string) => writeLine(io.stdout, line);
    const now = new Date();
    let failed = 0;
    try {
      for (const arg of positionals) {
        const target: ScanTarget = hasScheme(arg)
          ? {
              arg,
              url: arg,
              async load() {
                if (!/^https?:/i.test(arg)) throw new Error(`unsupported URL scheme (use http or https, or a file path)`);
                const result = await fetcher.fetch(arg);
                if (result.kind !== "ok") throw new Error(`unexpected ${result.status} response`);
                return { body: result.body, ...(result.contentType && { contentType: result.contentType }), finalUrl: result.finalUrl };
              },
            }
          : {
              arg,
              url: pathToFileURL(resolve(io.cwd, arg)).href,
              async load() {
                return { body: await readFile(resolve(io.cwd, arg)), finalUrl: pathToFileURL(resolve(io.cwd, arg)).href };
              },
            };
        try {
          const items = await scanOne(target, classifier, now);
          if (values.json) {
            for (const item of items) out(JSON.stringify({ feed: arg, ...item }));
            out(JSON.stringify({ feed: arg, summary: { items: items.length } }));
          } else printReadable(out, arg, items);
        } catch (err) {
          failed++;
          const message = errorMessage(err);
          if (values.json) out(JSON.stringify({ feed: arg, error: message }));
          else out(`${arg}: error: ${message}`);
          writeLine(io.stderr, `corpus-watcher scan: ${arg}: ${message}`);
        }
      }
    } finally {
      await fetcher.close();
    }
    return failed > 0 ? 1 : 0;
  },
};
