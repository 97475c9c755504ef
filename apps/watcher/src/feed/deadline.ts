/**
 * A time budget whose signal aborts once it is spent. It can be paused, so time spent waiting for a
 * host slot (other requests' time) does not count against a request's timeout.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Starts or continues spending the budget. */
  resume(): void;
  /** Stops spending; also the way to dispose of it. */
  pause(): void;
}

export function createDeadline(ms: number): Deadline {
  const controller = new AbortController();
  let remaining = ms;
  let startedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  return {
    signal: controller.signal,
    resume() {
      if (startedAt !== undefined || controller.signal.aborted) return;
      startedAt = performance.now();
      timer = setTimeout(() => controller.abort(new Error(`deadline of ${ms} ms passed`)), Math.max(0, remaining));
    },
    pause() {
      if (startedAt === undefined) return;
      clearTimeout(timer);
      remaining -= performance.now() - startedAt;
      startedAt = undefined;
    },
  };
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (error) => (signal.removeEventListener("abort", onAbort), reject(error)),
    );
  });
}
