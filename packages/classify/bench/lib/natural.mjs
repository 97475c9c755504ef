// natural-only baselines, loaded through deep imports: `require('natural')` would load 1,269
// modules, read ./.env and print to stdout (see /work/shared/notes/classifier.md).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { PorterStemmer, TfIdf } = {
  PorterStemmer: require("natural/lib/natural/stemmers/porter_stemmer"),
  TfIdf: require("natural/lib/natural/tfidf/tfidf"),
};

export { PorterStemmer, TfIdf };

/** The text natural sees for a theme: its label, scope note, keywords, phrases and exemplar texts. */
export function themeText(theme) {
  const terms = [...(theme.keywords ?? []), ...(theme.phrases ?? [])].map((t) => (typeof t === "string" ? t : t.term));
  const exemplars = (theme.exemplarTexts ?? []).map((e) => `${e.title} ${e.text ?? ""}`);
  return [theme.label ?? "", theme.scopeNote ?? "", ...terms, ...exemplars].join(" ");
}

/** One TfIdf document per theme, from its stemmed keywords and exemplar text. */
export function buildThemeIndex(themes) {
  const tfidf = new TfIdf();
  for (const theme of themes) tfidf.addDocument(PorterStemmer.tokenizeAndStem(themeText(theme)), theme.id);
  return tfidf;
}

/** The baseline classifier: stem the item, then one `tfidfs` call scores it against every theme. */
export function classifyWithNatural(tfidf, item) {
  const tokens = PorterStemmer.tokenizeAndStem(`${item.title} ${item.description ?? ""} ${item.text ?? ""}`);
  return tfidf.tfidfs(tokens);
}
