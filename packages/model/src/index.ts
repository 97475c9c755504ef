export { ThemeIdSchema, SafeIdSchema, IsoDateTimeSchema, ScoreSchema } from "./common";
export {
  DOCUMENT_KINDS,
  DocumentKindSchema,
  AuthorSchema,
  IdentifiersSchema,
  ThemeAssignmentSchema,
  ProvenanceSchema,
  DocumentSchema,
} from "./document";
export type {
  DocumentKind,
  Author,
  Identifiers,
  ThemeAssignment,
  Provenance,
  Document,
  DocumentInput,
} from "./document";
export { WeightedTermSchema, ExemplarTextSchema, ThemeSchema, ThemeListSchema } from "./theme";
export type { WeightedTerm, ExemplarText, Theme, ThemeInput } from "./theme";
export {
  MatchedTermSchema,
  ContributingTermSchema,
  NearestExemplarSchema,
  ThemeMatchSchema,
} from "./match";
export type { MatchedTerm, ContributingTerm, NearestExemplar, ThemeMatch } from "./match";
export { FeedSourceSchema, SubscriberIdSchema, SubscriberSchema } from "./feed";
export type { FeedSource, Subscriber } from "./feed";
export {
  AlertSchema,
  DigestWhySchema,
  DigestItemSchema,
  DigestSectionSchema,
  DigestSchema,
} from "./alert";
export type { Alert, DigestItem, DigestSection, Digest } from "./alert";
