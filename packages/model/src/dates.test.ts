import { describe, expect, it } from "vitest";
import { toIsoDateTime } from "./dates";

describe("toIsoDateTime", () => {
  it.each([
    ["RFC 822 GMT", "Tue, 25 Nov 2025 08:00:00 GMT", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 numeric offset", "Tue, 25 Nov 2025 09:00:00 +0100", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 negative offset", "Tue, 25 Nov 2025 03:00:00 -0500", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 named US zone", "25 Nov 2025 03:00 EST", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 CET (not understood by Date.parse)", "Tue, 25 Nov 2025 09:00:00 CET", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 CEST", "Wed, 02 Jul 2025 10:00:00 CEST", "2025-07-02T08:00:00.000Z"],
    ["RFC 822 without weekday", "25 Nov 2025 08:00:00 Z", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 full month name", "Tuesday, 25 November 2025 08:00:00 GMT", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 two-digit year", "Tue, 25 Nov 25 08:00:00 GMT", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 without zone read as UTC", "Tue, 25 Nov 2025 08:00:00", "2025-11-25T08:00:00.000Z"],
    ["RFC 822 date only", "25 Nov 2025", "2025-11-25T00:00:00.000Z"],
    ["ISO 8601 Z", "2025-11-25T08:00:00Z", "2025-11-25T08:00:00.000Z"],
    ["ISO 8601 offset", "2025-11-25T10:00:00+02:00", "2025-11-25T08:00:00.000Z"],
    ["ISO 8601 offset without colon", "2025-11-25T10:00:00+0200", "2025-11-25T08:00:00.000Z"],
    ["ISO 8601 fraction", "2025-11-25T08:00:00.123456Z", "2025-11-25T08:00:00.123Z"],
    ["ISO 8601 no zone read as UTC", "2025-11-25T08:00:00", "2025-11-25T08:00:00.000Z"],
    ["ISO 8601 space separator", "2025-11-25 08:00", "2025-11-25T08:00:00.000Z"],
    ["ISO 8601 date only", "2025-11-25", "2025-11-25T00:00:00.000Z"],
    ["offset crossing midnight", "2025-11-25T00:30:00+01:00", "2025-11-24T23:30:00.000Z"],
    ["slashed date with time", "2020/1/10 14:33:00", "2020-01-10T14:33:00.000Z"],
    ["long-form English date", "November 25, 2025", "2025-11-25T00:00:00.000Z"],
    ["padded with whitespace", "  2025-11-25T08:00:00Z \n", "2025-11-25T08:00:00.000Z"],
  ])("%s", (_name, input, expected) => {
    expect(toIsoDateTime(input)).toBe(expected);
  });

  it.each([
    ["a word", "yesterday"],
    ["a lone number", "1"],
    ["empty", ""],
    ["31 February", "2025-02-31"],
    ["month 13", "2025-13-01"],
    ["hour 25", "2025-11-25T25:00:00Z"],
    ["malformed offset", "2017-06-13T03:18:00+00:0"],
    ["unknown zone", "Tue, 25 Nov 2025 08:00:00 XYZ"],
    ["placeholder year", "0001-01-01T00:00:00Z"],
    ["far future", "9999-12-31T23:59:59Z"],
    ["not a string", { _: "2025-11-25" }],
    ["NaN", Number.NaN],
    ["invalid Date", new Date("nope")],
  ])("rejects %s", (_name, input) => {
    expect(toIsoDateTime(input)).toBeUndefined();
  });

  it("accepts Date objects and epoch milliseconds", () => {
    expect(toIsoDateTime(new Date(Date.UTC(2025, 10, 25, 8)))).toBe("2025-11-25T08:00:00.000Z");
    expect(toIsoDateTime(Date.UTC(2025, 10, 25, 8))).toBe("2025-11-25T08:00:00.000Z");
  });
});
