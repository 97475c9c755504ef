/** Alerts and rendered digests for the digest integration tests. */
import type { Alert, ThemeMatch } from "@corpus/model";
import { buildDigest, type DigestTheme } from "../../apps/watcher/src/digest/build";
import { digestId } from "../../apps/watcher/src/digest/id";
import { renderDigest, type RenderedDigest } from "../../apps/watcher/src/digest/render";

export const TEST_THEMES: DigestTheme[] = [
  { id: "asylum-reception-crisis", label: "Asylum systems & reception", scopeNote: "Asylum procedures and reception conditions." },
  { id: "return-reintegration", label: "Return & reintegration", scopeNote: "Return policy and reintegration." },
];

export function testMatch(theme: string, score: number): ThemeMatch {
  return {
    theme,
    score,
    threshold: 0.3,
    passed: score >= 0.3,
    evidence: { matchedTerms: [{ term: "asylum", count: 1 }], topTerms: [], nearest: [{ id: "doc-1", title: "A corpus document", similarity: 0.7 }] },
  };
}

export function testAlert(n: number, subscriber = "analyst", extra: Partial<Alert> = {}): Alert {
  return {
    id: `a-test-${String(n).padStart(4, "0")}`,
    subscriber,
    documentId: `doc-test-${n}`,
    title: `Test item ${n}: asylum reception update`,
    url: `https://example.org/news/${n}`,
    publishedAt: "2026-11-20T10:00:00.000Z",
    sources: ["test-feed"],
    matches: [testMatch("asylum-reception-crisis", 0.5 + (n % 40) / 100)],
    createdAt: new Date(Date.UTC(2026, 10, 24, 8, 0, n)).toISOString(),
    ...extra,
  };
}

export function testRendered(alerts: Alert[], channel = "file", subscriber = "analyst"): RenderedDigest {
  const createdAt = new Date("2026-11-25T08:00:00Z");
  const id = digestId({ subscriber, channel, createdAt, nonce: "fixture" });
  return renderDigest(buildDigest({ id, subscriber, channel, createdAt, alerts, themes: TEST_THEMES }));
}
