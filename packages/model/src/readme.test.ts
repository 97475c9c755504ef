import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DigestSchema } from "./alert";
import * as model from "./index";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

function section(heading: string): string {
  const start = readme.indexOf(heading);
  expect(start, `README has no "${heading}"`).toBeGreaterThanOrEqual(0);
  const next = readme.indexOf("\n## ", start + heading.length);
  return readme.slice(start, next === -1 ? undefined : next);
}

describe("README", () => {
  it("shows a digest example that DigestSchema accepts", () => {
    const example = /```json\n([\s\S]*?)```/.exec(section("## Digest JSON format"))?.[1] ?? "";
    const parsed = DigestSchema.safeParse(JSON.parse(example));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("lists exactly the runtime exports", () => {
    const values = /Values: ([\s\S]*?)\n\n/.exec(section("## Export list"))?.[1] ?? "";
    const listed = [...values.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(Object.keys(model).sort());
  });

  it("documents every runtime export somewhere above the export list", () => {
    const body = readme.slice(0, readme.indexOf("## Export list"));
    const missing = Object.keys(model).filter((name) => !body.includes(name));
    expect(missing).toEqual([]);
  });
});
