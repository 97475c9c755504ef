import type { Classification } from "../index";

const TOP_TERMS = 8;
const f3 = (x: number) => x.toFixed(3);

/**
 * The human-readable explanation of `corpus-classify explain`: the assigned themes, then every
 * theme that scored above zero with the evidence behind its score.
 */
export function formatExplanation(result: Classification): string {
  const lines = [`Themes: ${result.themes.length > 0 ? result.themes.join(", ") : "(none passed its threshold)"}`];
  const scored = result.matches.filter((m) => m.score > 0);
  if (scored.length === 0) lines.push("", "No theme scored above zero.");
  for (const m of scored) {
    const assigned = result.themes.includes(m.theme);
    const verdict = assigned ? "assigned" : m.passed ? "passed, not assigned (--max-themes)" : "below threshold";
    lines.push("", `${m.theme}  score ${f3(m.score)}  threshold ${f3(m.threshold)}  ${verdict}`);
    const { matchedTerms, topTerms, nearest } = m.evidence;
    if (matchedTerms.length === 0) lines.push("  matched terms: none");
    else {
      lines.push("  matched terms:");
      for (const t of matchedTerms) {
        const where = t.field ? ` in ${t.field}` : "";
        const contribution = t.contribution === undefined ? "" : `  +${f3(t.contribution)}`;
        lines.push(`    "${t.term}"${where} x${t.count}${contribution}`);
      }
    }
    lines.push(
      `  top TF-IDF terms: ${topTerms.length === 0 ? "none" : topTerms.slice(0, TOP_TERMS).map((t) => `${t.term} (${f3(t.weight)})`).join(", ")}`,
    );
    const best = nearest[0];
    lines.push(
      best
        ? `  nearest exemplar: ${best.id}${best.title ? ` "${best.title}"` : ""} (similarity ${f3(best.similarity)})`
        : "  nearest exemplar: none",
    );
  }
  return lines.join("\n");
}
