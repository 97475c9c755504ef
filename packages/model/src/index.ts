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
export { canonicalUrl, TRACKING_PARAMS } from "./url";
export { documentId, urlKey, isTrustworthyGuid, contentHash } from "./ids";
export type { DocumentIdentity, DocumentIdOptions } from "./ids";
export { htmlToText } from "./html";
export { toIsoDateTime } from "./dates";
export { fromFeedItem } from "./feed-item";
export type { FeedRef, FromFeedItemOptions, FromFeedItemResult } from "./feed-item";
export { parseCorpusJsonl, parseJsonLines, formatRecordErrors, formatFieldPath } from "./corpus-file";
export type { RecordError, JsonLinesResult } from "./corpus-file";
export { jsonSchemas, JSON_SCHEMA_NAMES } from "./json-schema";
export type { JsonSchemaName } from "./json-schema";
