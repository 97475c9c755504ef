import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isDigestId } from "../digest/id";
import type { RenderedDigest } from "../digest/render";
import { ChannelError, type DigestChannel } from "./types";

/** The file set of one digest, in write order: the `.json` comes last, so a consumer watching for it sees a complete set. */
export const DIGEST_FILES = ["md", "html", "txt", "json"] as const;

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `path` atomically: a temporary file in the same directory, fsync, rename over
 * the target. Readers see the old file or the new one, never a part. The caller fsyncs the
 * directory once at the end so the renames themselves survive a power cut.
 */
export async function writeFileAtomic(path: string, dir: string, name: string, data: string): Promise<void> {
  const tmp = join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(tmp, "wx", 0o644);
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Removes temporary files a crash left behind for this digest (names start with `.<id>.`). */
async function removeLeftovers(dir: string, id: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(`.${id}.`) && n.endsWith(".tmp")).map((n) => rm(join(dir, n), { force: true })));
}

export interface FileChannelOptions {
  id: string;
  subscriber: string;
  /** The channel's `dir`; relative paths resolve against `baseDir`. */
  dir: string;
  /** @default process working directory */
  baseDir?: string;
}

/** Writes `<dir>/<subscriber>/<digest id>.{md,html,txt,json}`, each atomically, `.json` last. */
export function createFileChannel(options: FileChannelOptions): DigestChannel {
  const root = resolve(options.baseDir ?? ".", options.dir);
  const dir = join(root, options.subscriber);
  return {
    id: options.id,
    type: "file",
    describe: () => `file ${dir}`,
    async send(rendered: RenderedDigest) {
      const id = rendered.digest.id;
      if (!isDigestId(id)) throw new ChannelError(options.id, `refusing to write a digest with the id "${id}"`, false);
      const body: Record<(typeof DIGEST_FILES)[number], string> = { md: rendered.markdown, html: rendered.html, txt: rendered.text, json: rendered.json };
      const where: string[] = [];
      try {
        await mkdir(dir, { recursive: true });
        await removeLeftovers(dir, id);
        for (const ext of DIGEST_FILES) {
          const path = join(dir, `${id}.${ext}`);
          await writeFileAtomic(path, dir, `${id}.${ext}`, body[ext]);
          where.push(path);
        }
        await fsyncDir(dir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // A full disk or a busy file system may recover; a path that cannot exist will not.
        const retryable = !["EACCES", "EPERM", "ENOTDIR", "EROFS", "EISDIR"].includes(code ?? "");
        throw new ChannelError(options.id, `cannot write digest ${id} to ${dir}: ${(err as Error).message}`, retryable, { cause: err });
      }
      return { where };
    },
  };
}
