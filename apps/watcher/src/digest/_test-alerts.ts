import type { Alert, ThemeMatch } from "@corpus/model";
import type { DigestTheme } from "./build";

/** Test data for the digest unit tests (not part of the service). */
export const THEMES: DigestTheme[] = [
  { id: "asylum-procedures", label: "Asylum procedures & reception", scopeNote: "Asylum systems, procedures, reception conditions." },
  { id: "return-readmission", label: "Return & readmission", scopeNote: "Return policy, readmission agreements, reintegration." },
  { id: "border-management", label: "Border management", scopeNote: "" },
];

export function match(theme: string, score: number, extra: Partial<ThemeMatch> = {}): ThemeMatch {
  return {
    theme,
    score,
    threshold: 0.3,
    passed: score >= 0.3,
    evidence: {
      matchedTerms: [{ term: `${theme.split("-")[0]}`, count: 2 }],
      topTerms: [],
      nearest: [{ id: `doc-${theme}`, title: `Nearest on ${theme}`, similarity: 0.8 }],
    },
    ...extra,
  };
}

let counter = 0;
export function alert(fields: Partial<Alert> & { matches: ThemeMatch[] }): Alert {
  counter += 1;
  const n = String(counter).padStart(3, "0");
  return {
    id: `a-${n}`,
    subscriber: "analyst",
    documentId: `doc-${n}`,
    title: `Item ${n}`,
    url: `https://example.org/news/${n}`,
    publishedAt: "2026-11-20T10:00:00Z",
    sources: ["icmpd-news"],
    createdAt: `2026-11-24T0${counter % 10}:00:00Z`,
    ...fields,
  };
}
