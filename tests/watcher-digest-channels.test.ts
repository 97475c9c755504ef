import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DigestSchema } from "@corpus/model";
import { createEmailChannel, DEFAULT_FROM } from "../apps/watcher/src/channels/email";
import { createFileChannel } from "../apps/watcher/src/channels/file";
import { ChannelError } from "../apps/watcher/src/channels/types";
import { createWebhookChannel } from "../apps/watcher/src/channels/webhook";
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from "./helpers/digest-receivers";
import { testAlert, testRendered } from "./helpers/digest-fixtures";

const SECRET = "test-secret-1234";
const noSleep = async () => undefined;
const rendered = testRendered([testAlert(1), testAlert(2)]);

function webhook(url: string, extra: Partial<Parameters<typeof createWebhookChannel>[0]> = {}) {
  return createWebhookChannel({ id: "webhook", url, secretEnv: "HOOK_SECRET", secret: SECRET, timeoutMs: 2000, userAgent: "corpus-test", allowPrivateAddresses: true, sleep: noSleep, ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChannelError);
  return err as ChannelError;
}

describe("file channel", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "corpus-digest-file-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes <dir>/<subscriber>/<id>.{md,html,txt,json}, and a re-send overwrites the same files", async () => {
    const channel = createFileChannel({ id: "file", subscriber: "analyst", dir: "out", baseDir: dir });
    const sub = join(dir, "out", "analyst");
    const id = rendered.digest.id;
    // a temporary file a crash left behind for this digest is cleaned up
    await import("node:fs/promises").then((fs) => fs.mkdir(sub, { recursive: true }));
    await writeFile(join(sub, `.${id}.json.0123456789ab.tmp`), "{partial");
    const receipt = await channel.send(rendered);
    expect(receipt.where).toEqual(["md", "html", "txt", "json"].map((ext) => join(sub, `${id}.${ext}`)));
    expect((await readdir(sub)).sort()).toEqual(["html", "json", "md", "txt"].map((ext) => `${id}.${ext}`));
    expect(DigestSchema.parse(JSON.parse(await readFile(join(sub, `${id}.json`), "utf8"))).id).toBe(id);
    expect(await readFile(join(sub, `${id}.html`), "utf8")).toBe(rendered.html);
    await channel.send(rendered);
    expect(await readdir(sub)).toHaveLength(4);
  });

  it("fails with a ChannelError when the directory cannot be created", async () => {
    await writeFile(join(dir, "blocker"), "a file, not a directory");
    const channel = createFileChannel({ id: "file", subscriber: "analyst", dir: join(dir, "blocker"), baseDir: dir });
    const err = await rejection(channel.send(rendered));
    expect(err.message).toMatch(/cannot write digest/);
  });
});

describe("webhook channel", () => {
  let receiver: WebhookReceiver;
  afterEach(async () => {
    await receiver?.close();
  });

  it("POSTs the JSON with the digest id and a valid HMAC signature", async () => {
    receiver = await startWebhookReceiver(SECRET);
    await webhook(receiver.url).send(rendered);
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    expect(req!.signatureValid).toBe(true);
    expect(req!.digestId).toBe(rendered.digest.id);
    expect(req!.contentType).toBe("application/json");
    expect(req!.body).toBe(rendered.json);
  });

  it("retries quickly inside one attempt: fails twice, then succeeds, same id and body every time", async () => {
    receiver = await startWebhookReceiver(SECRET, (n) => (n <= 2 ? 503 : 200));
    const slept: number[] = [];
    await webhook(receiver.url, { sleep: async (ms) => void slept.push(ms) }).send(rendered);
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(receiver.requests.map((r) => r.digestId))).toEqual(new Set([rendered.digest.id]));
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(receiver.accepted()).toHaveLength(1);
    expect(slept).toEqual([500, 1000]);
  });

  it("gives up after its tries with a retryable error, and stops at once on a 4xx", async () => {
    receiver = await startWebhookReceiver(SECRET, (n) => (n <= 3 ? 500 : 400));
    expect((await rejection(webhook(receiver.url).send(rendered))).retryable).toBe(true);
    expect(receiver.requests).toHaveLength(3);
    const permanent = await rejection(webhook(receiver.url).send(rendered));
    expect(permanent.retryable).toBe(false);
    expect(receiver.requests).toHaveLength(4);
  });

  it("times out on a receiver that never answers", async () => {
    receiver = await startWebhookReceiver(SECRET, () => "hang");
    const err = await rejection(webhook(receiver.url, { timeoutMs: 300, tries: 1 }).send(rendered));
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/timed out after 300 ms/);
  });

  it("refuses a private address unless allowed, and never sends unsigned", async () => {
    receiver = await startWebhookReceiver(SECRET);
    const blocked = await rejection(webhook(receiver.url, { allowPrivateAddresses: false }).send(rendered));
    expect(blocked.retryable).toBe(false);
    expect(blocked.message).toMatch(/private, loopback or reserved address/);
    const unsigned = await rejection(webhook(receiver.url, { secret: undefined }).send(rendered));
    expect(unsigned.retryable).toBe(false);
    expect(unsigned.message).toMatch(/HOOK_SECRET/);
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("email channel", () => {
  let sink: SmtpSink;
  afterEach(async () => {
    await sink?.close();
  });

  it("sends multipart text + HTML with a Message-ID derived from the digest id", async () => {
    sink = await startSmtpSink();
    const channel = createEmailChannel({ id: "email", to: ["desk@example.org", "b@example.org"], from: "Corpus <corpus@example.org>", unsubscribeUrl: "https://example.org/unsubscribe?u=analyst", smtpUrl: sink.url, timeoutMs: 5000 });
    await channel.send(rendered);
    await channel.send(rendered);
    expect(sink.messages).toHaveLength(2);
    for (const mail of sink.messages) {
      expect(mail.headers.get("message-id")).toBe(`<${rendered.digest.id}@corpus.local>`);
      expect(mail.headers.get("x-corpus-digest-id")).toBe(rendered.digest.id);
      expect(mail.headers.get("subject")).toBe(rendered.subject);
      expect(mail.headers.get("from")).toBe("Corpus <corpus@example.org>");
      expect(mail.headers.get("to")).toBe("desk@example.org, b@example.org");
      expect(mail.headers.get("list-unsubscribe")).toBe("<https://example.org/unsubscribe?u=analyst>");
      expect(mail.headers.get("content-type")).toMatch(/^multipart\/alternative/);
      expect(mail.text?.trim()).toBe(rendered.text.trim());
      expect(mail.html?.trim()).toBe(rendered.html.trim());
    }
  });

  it("uses the default sender and no List-Unsubscribe when none is configured", async () => {
    sink = await startSmtpSink();
    await createEmailChannel({ id: "email", to: "desk@example.org", smtpUrl: sink.url, timeoutMs: 5000 }).send(rendered);
    expect(sink.messages[0]!.headers.get("from")).toBe(DEFAULT_FROM);
    expect(sink.messages[0]!.headers.has("list-unsubscribe")).toBe(false);
  });

  it("fails retryably while the server is down, permanently without SMTP_URL", async () => {
    sink = await startSmtpSink();
    await sink.stop();
    const down = await rejection(createEmailChannel({ id: "email", to: "desk@example.org", smtpUrl: sink.url, timeoutMs: 2000 }).send(rendered));
    expect(down.retryable).toBe(true);
    const missing = await rejection(createEmailChannel({ id: "email", to: "desk@example.org", smtpUrl: undefined, timeoutMs: 2000 }).send(rendered));
    expect(missing.retryable).toBe(false);
    expect(missing.message).toMatch(/SMTP_URL is not set/);
  });
});
