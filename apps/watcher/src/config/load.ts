import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { ConfigSchema, type Config } from "./schema";
import { channelIds } from "./channels";
import { validateCron } from "../schedule/cron";

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`[corpus-watcher] invalid config ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Environment variables that override connection settings, so secrets stay out of the file. */
export interface ConfigEnv {
  REDIS_URL?: string | undefined;
}

function pathOf(path: PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    "",
  );
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = pathOf(issue.path) || "(top level)";
    if (issue.code === "unrecognized_keys") return `${where}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    return `${where}: ${issue.message}`;
  });
}

/** Cross-field checks a schema cannot express: unique ids, subscriber feed filters naming real feeds. */
function crossCheck(config: Config): string[] {
  const problems: string[] = [];
  const feedIds = new Set<string>();
  config.feeds.forEach((feed, i) => {
    if (feedIds.has(feed.id)) problems.push(`feeds[${i}].id: duplicate feed id "${feed.id}"`);
    feedIds.add(feed.id);
  });
  const subscriberIds = new Set<string>();
  config.subscribers.forEach((sub, i) => {
    if (subscriberIds.has(sub.id)) problems.push(`subscribers[${i}].id: duplicate subscriber id "${sub.id}"`);
    subscriberIds.add(sub.id);
    for (const feed of sub.feeds ?? []) {
      if (!feedIds.has(feed)) problems.push(`subscribers[${i}].feeds: "${feed}" is not the id of a configured feed`);
    }
    const ids = channelIds(sub.channels);
    const dup = ids.find((id, j) => ids.indexOf(id) !== j);
    if (dup) problems.push(`subscribers[${i}].channels: two channels share the id "${dup}"`);
    try {
      new Intl.DateTimeFormat("en", { timeZone: sub.timezone });
    } catch {
      problems.push(`subscribers[${i}].timezone: "${sub.timezone}" is not an IANA time zone (e.g. Europe/Vienna)`);
    }
    const cronProblem = validateCron(sub.schedule, sub.timezone);
    if (cronProblem && !cronProblem.includes("IANA time zone")) problems.push(`subscribers[${i}].schedule: ${cronProblem}`);
  });
  return problems;
}

/** Validates an already-parsed config object; `file` only names the source in errors. */
export function parseConfig(raw: unknown, file: string, env: ConfigEnv = {}): Config {
  const input = raw ?? {};
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new ConfigError(file, ["(top level): the config must be a mapping of keys (redis, feeds, subscribers, ...)"]);
  }
  const withEnv = env.REDIS_URL ? { ...input, redis: env.REDIS_URL } : input;
  const result = ConfigSchema.safeParse(withEnv);
  if (!result.success) throw new ConfigError(file, describeIssues(result.error));
  const problems = crossCheck(result.data);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return result.data;
}

/** Reads a YAML or JSON config file (JSON is YAML), validates it and applies environment overrides. */
export async function loadConfig(file: string, env: ConfigEnv = {}): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === "ENOENT" ? "file not found" : `cannot read file (${code ?? String(err)})`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new ConfigError(file, [`not valid YAML/JSON: ${(err as Error).message.split("\n")[0]}`]);
  }
  return parseConfig(raw, file, env);
}
