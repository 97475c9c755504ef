import { describe, expect, it } from "vitest";
import { DigestSchema } from "@corpus/model";
import { digestId, digestStamp, isDigestId } from "./id";

const createdAt = new Date("2026-11-25T08:00:00.456Z");

describe("digest ids", () => {
  it("start with the UTC creation time and end with 10 hex digits", () => {
    const id = digestId({ subscriber: "analyst", channel: "file", createdAt, nonce: "n1" });
    expect(id).toMatch(/^20261125T080000Z-[0-9a-f]{10}$/);
    expect(isDigestId(id)).toBe(true);
    expect(DigestSchema.shape.id.safeParse(id).success).toBe(true);
    expect(digestStamp(new Date("2026-03-29T01:30:00+02:00"))).toBe("20260328T233000Z");
  });

  it("are stable for the same inputs and differ per subscriber, channel, time and nonce", () => {
    const input = { subscriber: "analyst", channel: "file", createdAt, nonce: "n1" };
    const id = digestId(input);
    expect(digestId({ ...input })).toBe(id);
    const others = [
      digestId({ ...input, subscriber: "ngo" }),
      digestId({ ...input, channel: "email" }),
      digestId({ ...input, createdAt: new Date(createdAt.getTime() + 1) }),
      digestId({ ...input, nonce: "n2" }),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it("rejects shapes that are not digest ids", () => {
    for (const bad of ["", "20261125T080000Z", "20261125T080000Z-3f2a9", "../20261125T080000Z-3f2a9c", "20261125T080000Z-3F2A9C"]) {
      expect(isDigestId(bad)).toBe(false);
    }
  });
});
