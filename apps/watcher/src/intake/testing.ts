/**
 * In-memory fakes for the poll pipeline's unit tests: a keyword classifier, a scripted feed reader,
 * a settable clock, a silent logger, and `createTestPipeline` wiring them to the memory stores.
 * Not used by the app.
 */
import type { ThemeMatch } from "@corpus/model";
import { createMemoryAlertStore, type MemoryAlertStore } from "../alerts/memory-alert-store";
import type { Logger } from "../ports";
import { createMemoryDocumentStore, createMemoryFeedLock, createMemoryFeedStateStore, createMemorySeenStore } from "../stores/memory";
import type { SubscriberRule } from "./match";
import type { PollDeps } from "./poll-feed";
import type { Classifier, FetchResult, ParsedFeed, Validators } from "./ports";

/** Themes by keyword: score 0.9 when the keyword is in the title, 0.4 in the text, else 0. */
export function keywordClassifier(themes: Record<string, string>, threshold = 0.3): Classifier {
  return {
    themeIds: Object.keys(themes),
    classify({ title, summary, text }) {
      const matches: ThemeMatch[] = Object.entries(themes).map(([theme, word]) => {
        const inTitle = title.toLowerCase().includes(word);
        const inText = `${summary ?? ""} ${text ?? ""}`.toLowerCase().includes(word);
        const score = inTitle ? 0.9 : inText ? 0.4 : 0;
        return {
          theme,
          score,
          threshold,
          passed: score >= threshold,
          evidence: { matchedTerms: score > 0 ? [{ term: word, count: 1 }] : [], topTerms: [], nearest: [] },
        };
      });
      matches.sort((a, b) => b.score - a.score);
      return {
        themes: matches.filter((m) => m.passed).map((m) => m.theme),
        scores: Object.fromEntries(matches.map((m) => [m.theme, m.score])),
        matches,
      };
    },
  };
}

/** An rss-parser style item. */
export interface TestItem {
  title?: string;
  link?: string;
  guid?: string;
  isoDate?: string;
  content?: string;
}

type Response = { items: TestItem[]; etag?: string } | { notModified: true } | { error: Error };

/** A feed reader whose next responses the test sets per URL; counts fetches and parses. */
export function scriptedReader() {
  const responses = new Map<string, Response>();
  const calls = { fetch: 0, read: 0, validators: [] as Validators[] };
  return {
    calls,
    respond(url: string, response: Response) {
      responses.set(url, response);
    },
    async fetch(url: string, validators: Validators): Promise<FetchResult> {
      calls.fetch++;
      calls.validators.push(validators);
      const response = responses.get(url);
      if (!response) throw new Error(`no scripted response for ${url}`);
      if ("error" in response) throw response.error;
      if ("notModified" in response) return { kind: "not-modified" };
      const body = Buffer.from(JSON.stringify(response.items));
      return { kind: "ok", body, finalUrl: url, status: 200, bytes: body.length, ...(response.etag && { etag: response.etag }) };
    },
    async read(result: Extract<FetchResult, { kind: "ok" }>): Promise<ParsedFeed> {
      calls.read++;
      return { items: JSON.parse(result.body.toString("utf8")) as unknown[], warnings: [] };
    },
  };
}

export function settableClock(start = "2025-11-25T08:00:00.000Z") {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    set: (iso: string) => void (now = Date.parse(iso)),
    advance: (ms: number) => void (now += ms),
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

export interface TestPipeline {
  deps: PollDeps;
  alerts: MemoryAlertStore;
  reader: ReturnType<typeof scriptedReader>;
  clock: ReturnType<typeof settableClock>;
  seen: ReturnType<typeof createMemorySeenStore>;
  documents: ReturnType<typeof createMemoryDocumentStore>;
}

export function createTestPipeline(subscribers: SubscriberRule[], options: { seenPerFeed?: number; random?: number } = {}): TestPipeline {
  const alerts = createMemoryAlertStore();
  const reader = scriptedReader();
  const clock = settableClock();
  const seen = createMemorySeenStore({ globalKeep: 10_000 });
  const documents = createMemoryDocumentStore({ keep: 10_000 });
  const deps: PollDeps = {
    seen,
    documents,
    alerts,
    classifier: keywordClassifier({ "asylum-procedures": "asylum", "human-trafficking": "trafficking", "labour-migration": "labour" }),
    subscribers,
    seenPerFeed: options.seenPerFeed ?? 1000,
    logger: silentLogger,
    reader,
    states: createMemoryFeedStateStore(),
    lock: createMemoryFeedLock(),
    clock,
    random: () => options.random ?? 0.5,
    lockTtlMs: 60_000,
  };
  return { deps, alerts, reader, clock, seen, documents };
}
