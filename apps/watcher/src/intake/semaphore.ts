/** A counting semaphore: at most `slots` holders at once, the others wait in order. */
export interface Semaphore {
  acquire(): Promise<() => void>;
}

export function createSemaphore(slots: number): Semaphore {
  let free = Math.max(1, slots);
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    acquire() {
      let released = false;
      const once = () => {
        if (!released) {
          released = true;
          release();
        }
      };
      if (free > 0) {
        free--;
        return Promise.resolve(once);
      }
      return new Promise((resolve) => waiting.push(() => resolve(once)));
    },
  };
}
