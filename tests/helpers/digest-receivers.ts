/**
 * Local receivers for digest deliveries (loopback only): a webhook endpoint that checks the HMAC
 * signature and can fail or hang on demand, and an SMTP sink (smtp-server) that parses what it gets.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { parseMime, type ParsedMail } from "./digest-mime";

export interface WebhookRequest {
  digestId: string;
  signature: string;
  body: string;
  /** The signature is the HMAC-SHA256 of the exact body with the shared secret. */
  signatureValid: boolean;
  contentType: string;
  /** The status answered (undefined while hanging). */
  status?: number;
}

/** What to do with the n-th request (1-based): answer with a status, or hang until released. */
export type WebhookBehaviour = (n: number, req: WebhookRequest) => number | "hang";

export interface WebhookReceiver {
  url: string;
  requests: WebhookRequest[];
  /** Requests answered 2xx, each body counted once per digest id. */
  accepted(): WebhookRequest[];
  /** Resolves when the n-th request has arrived. */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  behaviour: WebhookBehaviour;
  close(): Promise<void>;
}

function verify(body: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`);
  const got = Buffer.from(signature);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startWebhookReceiver(secret: string, behaviour: WebhookBehaviour = () => 200, port = 0): Promise<WebhookReceiver> {
  const requests: WebhookRequest[] = [];
  const hung: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const receiver: WebhookReceiver = {
    url: "",
    requests,
    behaviour,
    accepted: () => {
      const seen = new Set<string>();
      return requests.filter((r) => r.status !== undefined && r.status >= 200 && r.status < 300 && !seen.has(r.digestId) && seen.add(r.digestId));
    },
    waitForRequests: (n, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`webhook receiver: ${requests.length} of ${n} requests after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (requests.length >= n) {
            clearTimeout(timer);
            resolve();
            return true;
          }
          return false;
        };
        if (!check()) waiters.push(() => void check());
      }),
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const signature = String(req.headers["x-corpus-signature"] ?? "");
    const entry: WebhookRequest = {
      digestId: String(req.headers["x-corpus-digest-id"] ?? ""),
      signature,
      body,
      signatureValid: verify(body, signature, secret),
      contentType: String(req.headers["content-type"] ?? ""),
    };
    requests.push(entry);
    const action = receiver.behaviour(requests.length, entry);
    for (const wake of waiters.splice(0)) wake();
    if (action === "hang") {
      hung.push(res);
      return;
    }
    entry.status = entry.signatureValid ? action : 401;
    res.writeHead(entry.status, { "content-type": "text/plain" }).end(entry.status < 300 ? "ok" : "no");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/corpus`;
  return receiver;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** Stops listening (the "server is down" case); start() listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 accepting any sender and recipient, without TLS or required auth. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let server: SMTPServer | undefined;
  let boundPort = port;
  const listen = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          messages.push(parseMime(Buffer.concat(chunks).toString("utf8")));
          callback();
        });
      },
    });
    const s = server;
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(boundPort, "127.0.0.1", () => resolve());
    });
    boundPort = (s.server.address() as AddressInfo).port;
  };
  const stop = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    get port() {
      return boundPort;
    },
    get url() {
      return `smtp://127.0.0.1:${boundPort}`;
    },
    messages,
    stop,
    start: listen,
    close: stop,
  };
}
