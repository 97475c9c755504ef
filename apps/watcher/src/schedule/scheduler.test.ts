import { describe, expect, it } from "vitest";
import { schedulerFor, staleSchedulers } from "./scheduler";

describe("schedulerFor", () => {
  it("hands BullMQ the subscriber's cron and time zone, and a digest job for that subscriber", () => {
    const s = schedulerFor({ id: "analyst", schedule: " 0 8 * * 1-5 ", timezone: "Europe/Vienna" });
    expect(s.id).toBe("digest-analyst");
    expect(s.repeat).toEqual({ pattern: "0 8 * * 1-5", tz: "Europe/Vienna" });
    expect(s.template.name).toBe("digest");
    expect(s.template.data).toEqual({ subscriber: "analyst" });
    expect(s.template.opts).toEqual({ attempts: 8, backoff: { type: "exponential", delay: 30_000 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } });
    expect(schedulerFor({ id: "a", schedule: "@daily", timezone: "UTC" }, { completedJobs: 10, failedJobs: 20 }).template.opts).toMatchObject({ removeOnComplete: { count: 10 }, removeOnFail: { count: 20 } });
  });

  it("finds the schedulers of removed subscribers, and only digest schedulers", () => {
    expect(staleSchedulers(["digest-analyst", "digest-gone", "poll-icmpd"], [{ id: "analyst" }])).toEqual(["digest-gone"]);
  });
});
