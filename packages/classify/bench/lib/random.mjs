// Seeded pseudo-random numbers so every bench run measures the same inputs.

/** mulberry32: a small, fast, well-distributed 32-bit generator. Returns floats in [0, 1). */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

/** A rank in [1, n] with P(r) ~ 1/r (Zipf, s = 1), by inverting the log-uniform CDF. */
export function zipfRank(random, n) {
  return Math.min(n, Math.floor(Math.exp(random.next() * Math.log(n + 1))));
}
