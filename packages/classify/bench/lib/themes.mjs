// The sixteen default themes (keywords, phrases, exclusions, exemplar texts) as shipped in the
// package (data/themes.yaml), so the library and the natural baseline see the same definitions.

export async function loadBenchThemes() {
  const lib = await import("@corpus/classify");
  return lib.loadDefaultThemes();
}

/** Every multi-word keyword and phrase of the themes: what the text pipeline matches as phrases. */
export function themePhrases(themes) {
  return themes.flatMap((t) => [...t.keywords, ...t.phrases].map((k) => k.term).filter((term) => /\s/.test(term.trim())));
}
