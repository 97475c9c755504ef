import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";

/**
 * Domain terms Porter gets wrong, keyed by light form (after spelling normalisation): the prefix
 * rules keep concepts apart that Porter merges ("instrumentalization" and "instruments" both give
 * "instrument"; "securitization" and "security" both give "secur") and the exact rules merge
 * forms that belong together ("smugglers" ~ "smuggling", "migrant" ~ "migration").
 */
const PROTECTED_PREFIXES: readonly (readonly [string, string])[] = [
  ["instrumentaliz", "instrumentaliz"],
  ["weaponiz", "weaponiz"],
  ["externaliz", "externaliz"],
  ["securitiz", "securitiz"],
  ["criminaliz", "criminaliz"],
  ["regulariz", "regulariz"],
  ["politiciz", "politiciz"],
  ["organiz", "organiz"],
  ["xenophob", "xenophob"],
  ["smuggl", "smuggl"],
  ["communic", "communic"],
  ["digitaliz", "digitaliz"],
  ["naturaliz", "naturaliz"],
  ["biometric", "biometr"],
];
const PROTECTED_WORDS: ReadonlyMap<string, string> = new Map([
  ["news", "news"],
  ["integrity", "integrity"],
  ["community", "community"],
  ["migrant", "migrat"],
  ["migrate", "migrat"],
  ["migrated", "migrat"],
  ["migrating", "migrat"],
  ["migration", "migrat"],
  ["migratory", "migrat"],
  ["detention", "detain"],
  ["detainee", "detain"],
  ["readmission", "readmit"],
  ["returnee", "return"],
  ["deportee", "deport"],
  ["trafficker", "traffick"],
  ["data", "data"],
  ["media", "media"],
  ["arms", "arms"],
  ["aids", "aids"],
  ["asylum", "asylum"],
  ["dublin", "dublin"],
]);

/** Porter stem of a light-normalised word, with the domain protections above. Not memoised. */
export function stemLight(light: string): string {
  const exact = PROTECTED_WORDS.get(light);
  if (exact !== undefined) return exact;
  for (const [prefix, stem] of PROTECTED_PREFIXES) {
    if (light.startsWith(prefix)) return stem;
  }
  return PorterStemmer.stem(light);
}
