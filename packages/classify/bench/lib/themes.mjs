// The sixteen default themes (keywords, phrases, exclusions, exemplar texts) as shipped in the
// package (data/themes.yaml), so the library and the natural baseline see the same definitions.

export async function loadBenchThemes() {
  const lib = await import("@corpus/classify");
  return lib.loadDefaultThemes();
}
