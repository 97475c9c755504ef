import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_NAMES, jsonSchemas } from "./json-schema";

type Json = Record<string, unknown> & { properties?: Record<string, Json>; required?: string[] };

describe("jsonSchemas", () => {
  const schemas = jsonSchemas() as Record<string, Json>;

  it("describes the seven published records", () => {
    expect(JSON_SCHEMA_NAMES).toEqual(["document", "theme", "theme-match", "alert", "digest", "feed-source", "subscriber"]);
    for (const name of JSON_SCHEMA_NAMES) {
      expect(schemas[name]).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" });
      expect(typeof schemas[name]?.title).toBe("string");
    }
  });

  it("makes fields with defaults optional, as writers may leave them out", () => {
    expect(schemas.document?.required).toEqual(["id", "kind", "title"]);
    expect(schemas.document?.properties?.language).toMatchObject({ default: "en" });
    expect(schemas.theme?.required).toEqual(["id", "label"]);
    expect(schemas.digest?.properties?.counts?.required).toEqual(["items", "themes"]);
  });

  it("restates the never-all-digits rule of ids", () => {
    expect(schemas.document?.properties?.id).toMatchObject({ pattern: "^[A-Za-z0-9._~-]+$", not: { pattern: "^[0-9]+$" } });
    expect(schemas.subscriber?.properties?.id).toMatchObject({ not: { pattern: "^[0-9]+$" } });
    expect(schemas.alert?.properties?.documentId).toMatchObject({ not: { pattern: "^[0-9]+$" } });
  });

  it("keeps records open to extra fields, like the zod schemas", () => {
    expect(schemas.document?.additionalProperties).toEqual({});
  });
});
