/**
 * A fast, strict check of the settings and themes of a model file, without zod: true only when
 * the zod schemas (ScoringSchema and @corpus/model's ThemeSchema) would accept the data AND return
 * it unchanged (every defaulted field present, no key a strict object would strip), which is what
 * `serializeModel` writes. Anything else goes through zod, which gives the error messages and
 * applies defaults; so the result of loading is the same either way, and a model file loads
 * without importing zod and the model package.
 */

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => v !== null && typeof v === "object" && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isNonEmpty = (v: unknown): boolean => typeof v === "string" && v.length > 0;
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

function exactKeys(o: Rec, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

const SCORING_KEYS = [
  "fieldWeights", "saturation", "keywordScale", "weights", "centroidCap", "nearestCap", "pseudoDocWeight",
  "minKeywordEvidence", "minCosine", "minOverlap", "relativeCut", "contextFactor", "exclusionWindow", "maxThemes",
] as const;

function isCanonicalScoring(s: unknown): boolean {
  if (!isRecord(s) || !exactKeys(s, SCORING_KEYS)) return false;
  const pos = (v: unknown): boolean => isNumber(v) && v > 0;
  const nonNeg = (v: unknown): boolean => isNumber(v) && v >= 0;
  const unit = (v: unknown): boolean => isNumber(v) && v >= 0 && v <= 1;
  const fw = s.fieldWeights;
  const w = s.weights;
  return (
    isRecord(fw) && exactKeys(fw, ["title", "summary", "text"]) && pos(fw.title) && pos(fw.summary) && pos(fw.text) &&
    isRecord(w) && exactKeys(w, ["keywords", "centroid", "nearest"]) && nonNeg(w.keywords) && nonNeg(w.centroid) && nonNeg(w.nearest) &&
    pos(s.saturation) && pos(s.keywordScale) && pos(s.centroidCap) && pos(s.nearestCap) &&
    nonNeg(s.pseudoDocWeight) && nonNeg(s.minKeywordEvidence) && nonNeg(s.minCosine) &&
    isInt(s.minOverlap) && s.minOverlap >= 0 && unit(s.relativeCut) && unit(s.contextFactor) &&
    isInt(s.exclusionWindow) && s.exclusionWindow >= 0 && isInt(s.maxThemes) && s.maxThemes > 0
  );
}

const THEME_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isWeightedTerm(v: unknown): boolean {
  return isRecord(v) && isNonEmpty(v.term) && isNumber(v.weight) && v.weight > 0 && v.weight <= 10;
}

function isExemplarText(v: unknown): boolean {
  return isRecord(v) && isNonEmpty(v.id) && isNonEmpty(v.title) && typeof v.text === "string";
}

const every = (v: unknown, ok: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(ok);
const optionalStrings = (v: unknown): boolean => v === undefined || every(v, isNonEmpty);

function isCanonicalTheme(t: unknown): boolean {
  return (
    isRecord(t) && typeof t.id === "string" && THEME_ID.test(t.id) && isNonEmpty(t.label) && typeof t.scopeNote === "string" &&
    every(t.keywords, isWeightedTerm) && every(t.phrases, isWeightedTerm) && every(t.exclusions, isNonEmpty) &&
    every(t.exemplarIds, isNonEmpty) && every(t.exemplarTexts, isExemplarText) &&
    isNumber(t.threshold) && t.threshold >= 0 && t.threshold <= 1 &&
    // The classifier's own optional fields (see themes.ts).
    optionalStrings(t.context) && optionalStrings(t.contextExclusions)
  );
}

/** True when settings and themes are exactly what the zod schemas would return for them. */
export function isCanonicalHead(data: Rec): boolean {
  return (
    isCanonicalScoring(data.scoring) &&
    (data.keepDocuments === "labelled" || data.keepDocuments === "all") &&
    every(data.themes, isCanonicalTheme)
  );
}
