import { describe, expect, it } from "vitest";
import { defaultRepeatStrategy } from "bullmq";
import { nextRun, nextRuns, validateCron } from "./cron";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("nextRun / nextRuns", () => {
  it("runs 08:00 Vienna time at 07:00 UTC in winter and 06:00 UTC in summer", () => {
    expect(nextRun("0 8 * * *", "Europe/Vienna", new Date("2026-01-15T12:00:00Z")).toISOString()).toBe("2026-01-16T07:00:00.000Z");
    expect(nextRun("0 8 * * *", "Europe/Vienna", new Date("2026-07-15T12:00:00Z")).toISOString()).toBe("2026-07-16T06:00:00.000Z");
  });

  it("follows the spring-forward day in Europe/Vienna (29 March 2026)", () => {
    expect(iso(nextRuns("0 8 * * *", "Europe/Vienna", new Date("2026-03-28T12:00:00Z"), 2))).toEqual(["2026-03-29T06:00:00.000Z", "2026-03-30T06:00:00.000Z"]);
    // 02:30 does not exist that night: the run moves to 03:30 CEST, then back to 02:30 on the next days
    expect(iso(nextRuns("30 2 * * *", "Europe/Vienna", new Date("2026-03-28T12:00:00Z"), 3))).toEqual([
      "2026-03-29T01:30:00.000Z",
      "2026-03-30T00:30:00.000Z",
      "2026-03-31T00:30:00.000Z",
    ]);
  });

  it("follows the fall-back day in Europe/Vienna (25 October 2026): a repeated hour runs once", () => {
    expect(iso(nextRuns("30 2 * * *", "Europe/Vienna", new Date("2026-10-24T12:00:00Z"), 2))).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z"]);
    expect(iso(nextRuns("0 8 * * *", "Europe/Vienna", new Date("2026-10-24T12:00:00Z"), 2))).toEqual(["2026-10-25T07:00:00.000Z", "2026-10-26T07:00:00.000Z"]);
  });

  it("reads a 6-field cron with seconds first", () => {
    // weekdays at 08:00:30 Vienna time; 20 Nov 2026 is a Friday
    expect(iso(nextRuns("30 0 8 * * 1-5", "Europe/Vienna", new Date("2026-11-20T12:00:00Z"), 2))).toEqual(["2026-11-23T07:00:30.000Z", "2026-11-24T07:00:30.000Z"]);
  });

  it("is strictly after now", () => {
    expect(nextRun("0 8 * * *", "UTC", new Date("2026-11-25T08:00:00Z")).toISOString()).toBe("2026-11-26T08:00:00.000Z");
  });

  it("agrees with BullMQ's own repeat strategy for { pattern, tz }", () => {
    const cases: [string, string, string][] = [
      ["0 8 * * *", "Europe/Vienna", "2026-03-28T12:00:00Z"],
      ["30 2 * * *", "Europe/Vienna", "2026-10-24T12:00:00Z"],
      ["30 0 8 * * 1-5", "Europe/Vienna", "2026-11-20T12:00:00Z"],
      ["0 7 * * 1", "America/New_York", "2026-03-07T12:00:00Z"],
    ];
    for (const [pattern, tz, now] of cases) {
      const millis = Date.parse(now);
      const bull = defaultRepeatStrategy(millis, { pattern, tz });
      expect(bull).toBe(nextRun(pattern, tz, new Date(millis)).getTime());
    }
  });
});

describe("validateCron", () => {
  it("accepts 5- and 6-field expressions and aliases", () => {
    for (const expr of ["0 8 * * *", "0 8 * * 1-5", "30 0 8 * * MON-FRI", "@daily", "0 8 L * *"]) expect(validateCron(expr, "Europe/Vienna")).toBeUndefined();
  });

  it("rejects malformed expressions with a readable reason", () => {
    expect(validateCron("0 25 * * *", "UTC")).toMatch(/^cron "0 25 \* \* \*": Constraint error/);
    expect(validateCron("every morning", "UTC")).toMatch(/expected 5 fields/);
    expect(validateCron("", "UTC")).toMatch(/expected 5 fields/);
    expect(validateCron("0 8 * * * * *", "UTC")).toMatch(/expected 5 fields/);
    expect(validateCron("0 8 * * * extra", "UTC")).toMatch(/cannot resolve alias/);
    expect(validateCron("0 8 31 2 *", "UTC")).toMatch(/day of month/);
  });

  it("rejects schedules that run more than once a minute, and unknown time zones", () => {
    expect(validateCron("* * * * * *", "UTC")).toMatch(/more than once a minute/);
    expect(validateCron("*/10 * * * * *", "UTC")).toMatch(/more than once a minute/);
    expect(validateCron("0 8 * * *", "Europe/Atlantis")).toMatch(/not an IANA time zone/);
  });
});
