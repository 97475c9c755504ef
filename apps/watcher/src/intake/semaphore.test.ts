import { describe, expect, it } from "vitest";
import { createSemaphore } from "./semaphore";

describe("createSemaphore", () => {
  it("lets at most `slots` holders in, then the waiters in order", async () => {
    const sem = createSemaphore(2);
    const order: string[] = [];
    const a = await sem.acquire();
    const b = await sem.acquire();
    const c = sem.acquire().then((release) => (order.push("c"), release));
    const d = sem.acquire().then((release) => (order.push("d"), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    a(); // a second release of the same slot is ignored
    const releaseC = await c;
    expect(order).toEqual(["c"]);
    b();
    await d;
    expect(order).toEqual(["c", "d"]);
    releaseC();
    const e = await sem.acquire();
    expect(e).toBeTypeOf("function");
  });
});
