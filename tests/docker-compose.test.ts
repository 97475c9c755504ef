import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadConfig } from "../apps/watcher/src/config/load";

// No Docker engine here: check docker-compose.yml and the Dockerfile against the repository and
// the watcher's own config schema instead of running them.
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const compose = parseYaml(readFileSync(join(ROOT, "docker-compose.yml"), "utf8")) as {
  services: Record<string, Record<string, unknown>>;
  volumes?: Record<string, unknown>;
};
const redis = compose.services.redis!;
const watcher = compose.services.watcher!;
const build = watcher.build as { context: string; dockerfile: string };
const context = resolve(ROOT, build.context);
const dockerfilePath = resolve(context, build.dockerfile);

/** Compose's `${VAR:-default}` with VAR unset. */
const withDefaults = (s: string) => s.replace(/\$\{[A-Z_][A-Z0-9_]*:-([^}]*)\}/g, "$1");

interface Instruction {
  op: string;
  args: string;
}
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(" ") };
    });
}
const dockerfile = instructions(readFileSync(dockerfilePath, "utf8"));
const execForm = (args: string) => (args.startsWith("[") ? (JSON.parse(args) as string[]) : args.split(/\s+/));

/** .dockerignore as (pattern, negated) pairs; a simple matcher for the patterns used there. */
const ignore = readFileSync(join(context, ".dockerignore"), "utf8")
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => ({ negated: l.startsWith("!"), re: new RegExp(`^${l.replace(/^!/, "").replace(/[.+^$()|[\]\\]/g, "\\$&").replace(/\*\*\//g, "\u0000").replace(/\*/g, "[^/]*").replace(/\u0000/g, "(.*/)?")}(/.*)?$`) }));
function ignored(path: string): boolean {
  let result = false;
  for (const rule of ignore) if (rule.re.test(path)) result = !rule.negated;
  return result;
}

describe("docker-compose.yml", () => {
  it("has redis and watcher services", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["redis", "watcher"]);
  });

  it("runs a durable, non-evicting redis with a volume and a health check", () => {
    expect(redis.image).toBe("redis:7-alpine");
    const command = (Array.isArray(redis.command) ? redis.command : String(redis.command).split(/\s+/)) as string[];
    expect(command.join(" ")).toContain("--appendonly yes");
    expect(command.join(" ")).toContain("--maxmemory-policy noeviction");
    const [volume] = redis.volumes as string[];
    expect(volume).toMatch(/^[a-z-]+:\/data$/);
    expect(Object.keys(compose.volumes ?? {})).toContain(volume!.split(":")[0]);
    expect((redis.healthcheck as { test: string[] }).test).toEqual(["CMD", "redis-cli", "ping"]);
  });

  it("builds the watcher from the repository root with apps/watcher/Dockerfile", () => {
    expect(context).toBe(resolve(ROOT));
    expect(build.dockerfile).toBe("apps/watcher/Dockerfile");
    expect(statSync(dockerfilePath).isFile()).toBe(true);
  });

  it("points the watcher at the redis service, waits for it healthy, restarts unless stopped, passes secrets through", () => {
    const env = watcher.environment as Record<string, string>;
    expect(env.REDIS_URL).toBe("redis://redis:6379");
    for (const name of ["SMTP_URL", "SMTP_FROM", "CORPUS_WEBHOOK_SECRET"]) expect(env[name]).toBe(`\${${name}:-}`);
    expect(watcher.depends_on).toEqual({ redis: { condition: "service_healthy" } });
    expect(watcher.restart).toBe("unless-stopped");
  });

  it("mounts a config that passes the watcher's schema, read-only, and a digests folder the config writes to", async () => {
    const volumes = watcher.volumes as string[];
    const configMount = volumes.map((v) => withDefaults(v).split(":")).find((parts) => parts[1] === "/config/watcher.yaml");
    expect(configMount?.[2]).toBe("ro");
    const source = resolve(context, configMount![0]!);
    expect(existsSync(source)).toBe(true);
    const config = await loadConfig(source, { REDIS_URL: "redis://redis:6379" });
    expect(config.redis).toBe("redis://redis:6379");
    expect(config.http.host).toBe("0.0.0.0");

    const digestsMount = volumes.map((v) => v.split(":")).find((parts) => parts[1] === "/digests");
    expect(digestsMount?.[0]).toBe("./digests");
    const dirs = config.subscribers.flatMap((s) => s.channels.flatMap((c) => (c.type === "file" ? [c.dir] : [])));
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) expect(dir.startsWith("/digests")).toBe(true);
    // every secret the config names is passed through by compose
    const env = watcher.environment as Record<string, string>;
    for (const sub of config.subscribers) for (const c of sub.channels) if (c.type === "webhook") expect(Object.keys(env)).toContain(c.secretEnv);

    // the published port is the config's http.port, and the image exposes it
    const ports = (watcher.ports as string[]).map((p) => p.split(":"));
    expect(ports.map((p) => Number(p.at(-1)))).toContain(config.http.port);
    const exposed = dockerfile.filter((i) => i.op === "EXPOSE").flatMap((i) => i.args.split(/\s+/).map(Number));
    expect(exposed).toContain(config.http.port);
  });
});

describe("apps/watcher/Dockerfile", () => {
  it("builds in stages on node:20-bookworm-slim with npm ci, npm run build and a prune", () => {
    const froms = dockerfile.filter((i) => i.op === "FROM").map((i) => i.args.split(/\s+/)[0]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toBe("node:20-bookworm-slim");
    const runs = dockerfile.filter((i) => i.op === "RUN").map((i) => i.args).join("\n");
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm prune --omit=dev/);
  });

  it("copies only sources that exist in the build context and are not .dockerignored", () => {
    const copies = dockerfile.filter((i) => (i.op === "COPY" || i.op === "ADD") && !/--from=/.test(i.args));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const parts = execForm(copy.args.replace(/--[a-z-]+=\S+\s*/g, ""));
      for (const src of parts.slice(0, -1)) {
        expect(existsSync(resolve(context, src)), `COPY source ${src}`).toBe(true);
        expect(ignored(src.replace(/^\.\//, "").replace(/\/$/, "")), `COPY source ${src} is excluded by .dockerignore`).toBe(false);
      }
    }
    // and what the build must not see is excluded
    for (const path of ["node_modules", "apps/watcher/dist", ".git", "digests", "tests/watcher-digest-http.test.ts"]) expect(ignored(path), path).toBe(true);
    expect(ignored("tests/package.json")).toBe(false);
  });

  it("runs the watcher's start command as a non-root user", () => {
    const users = dockerfile.filter((i) => i.op === "USER").map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0", "0:0"]).not.toContain(users.at(-1));
    const last = (op: string) => dockerfile.filter((i) => i.op === op).at(-1);
    const command = [...execForm(last("ENTRYPOINT")!.args), ...execForm(last("CMD")!.args)];
    expect(command).toEqual(["node", "apps/watcher/bin/corpus-watcher.mjs", "start", "--config", "/config/watcher.yaml"]);
    expect(existsSync(join(ROOT, "apps/watcher/bin/corpus-watcher.mjs"))).toBe(true);
  });
});
