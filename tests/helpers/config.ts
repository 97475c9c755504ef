/**
 * Watcher configs for tests: written as JSON (valid YAML) into a temporary directory.
 *
 * @example
 * const dir = await tempDir();
 * const file = await writeConfig(dir, { prefix: t.prefix, feeds: [...], subscribers: [...] });
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_REDIS_URL } from "./redis";

export async function tempDir(prefix = "corpus-watcher-test-"): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Writes `config` to `<dir>/watcher.json` (or `name`) with test defaults: the test Redis, private
 * addresses allowed (the feed server is on loopback), short timeouts, no HTTP server.
 */
export async function writeConfig(dir: string, config: Record<string, unknown>, name = "watcher.json"): Promise<string> {
  const network = (config.network as Record<string, unknown> | undefined) ?? {};
  const full = {
    redis: TEST_REDIS_URL,
    http: { port: 0 },
    shutdownTimeout: "10s",
    ...config,
    network: { allowPrivateAddresses: true, timeout: "5s", ...network },
  };
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(full, null, 2));
  return file;
}
