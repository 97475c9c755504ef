import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "./intake/testing";
import { installShutdown } from "./shutdown";

// Signals are delivered with process.emit, which runs the handlers without signalling the process.
const SIGNAL = "SIGUSR2" as NodeJS.Signals;

describe("installShutdown", () => {
  let remove: (() => void) | undefined;
  afterEach(() => {
    remove?.();
    vi.useRealTimers();
  });

  function install(close: (o: { force: boolean }) => Promise<void>, timeoutMs = 1_000) {
    const exits: number[] = [];
    const calls: boolean[] = [];
    remove = installShutdown({
      close: (o) => (calls.push(o.force), close(o)),
      timeoutMs,
      logger: silentLogger,
      exit: (code) => void exits.push(code),
      signals: [SIGNAL],
    });
    return { exits, calls };
  }

  it("closes gracefully and exits 0", async () => {
    const { exits, calls } = install(async () => {});
    process.emit(SIGNAL, SIGNAL);
    await vi.waitFor(() => expect(exits).toEqual([0]));
    expect(calls).toEqual([false]);
  });

  it("exits at once with 130 on a second signal", async () => {
    const { exits } = install(() => new Promise(() => {}));
    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL);
    expect(exits).toEqual([130]);
  });

  it("forces the close and exits 1 when the deadline passes", async () => {
    vi.useFakeTimers();
    const { exits, calls } = install(({ force }) => (force ? Promise.resolve() : new Promise(() => {})), 5_000);
    process.emit(SIGNAL, SIGNAL);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual([false, true]);
    expect(exits).toEqual([1]);
  });

  it("exits 1 when closing fails", async () => {
    const { exits } = install(async () => {
      throw new Error("redis gone");
    });
    process.emit(SIGNAL, SIGNAL);
    await vi.waitFor(() => expect(exits).toEqual([1]));
  });
});
