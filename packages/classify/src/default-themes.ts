/**
 * Ids of the sixteen default themes (a contract: alerts, digests and evaluation files use them).
 * The full definitions are in data/themes.yaml: `loadDefaultThemes()`, or `model.themes` of
 * `loadDefaultModel()`.
 */
export const DEFAULT_THEME_IDS = Object.freeze([
  "instrumentalised-migration",
  "human-rights-protection",
  "drivers-external-cooperation",
  "public-attitudes",
  "secondary-movements",
  "integration-inclusion",
  "data-forecasting-technology",
  "trafficking-smuggling",
  "border-management",
  "return-reintegration",
  "migration-development",
  "local-governance",
  "legal-pathways",
  "asylum-reception-crisis",
  "humanitarian-assistance",
  "capacity-building",
] as const);
