/** Sublinear term frequency: 1 + ln(tf) from tf = 1, linear below (fractional field weights). */
export function sublinear(tf: number): number {
  return tf >= 1 ? 1 + Math.log(tf) : tf;
}

/** Sparse vector: parallel term ids and weights. */
export interface Sparse {
  readonly ids: Int32Array;
  readonly values: Float32Array;
}

/** Term lists in compressed-sparse-row form: row r is `targets/weights[offsets[r] .. offsets[r+1])`. */
export interface Postings {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
}

/** Inverts row vectors (theme centroids, exemplars) into per-term postings over `terms` ids. */
export function invert(rows: readonly Sparse[], terms: number): Postings {
  const counts = new Int32Array(terms + 1);
  for (const row of rows) for (const id of row.ids) (counts[id + 1] as number)++;
  for (let i = 0; i < terms; i++) counts[i + 1] = (counts[i + 1] as number) + (counts[i] as number);
  const offsets = counts;
  const fill = offsets.slice(0, terms);
  const total = offsets[terms] as number;
  const targets = new Int32Array(total);
  const weights = new Float32Array(total);
  rows.forEach((row, r) => {
    for (let k = 0; k < row.ids.length; k++) {
      const id = row.ids[k] as number;
      const at = (fill[id] as number);
      fill[id] = at + 1;
      targets[at] = r;
      weights[at] = row.values[k] as number;
    }
  });
  return { offsets, targets, weights };
}

/** L2-normalised sparse vector from a Map of term id -> weight (ids sorted). */
export function toSparse(weights: Map<number, number>): Sparse {
  const ids = Int32Array.from([...weights.keys()].sort((a, b) => a - b));
  const values = new Float32Array(ids.length);
  let norm = 0;
  for (const w of weights.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  ids.forEach((id, k) => {
    values[k] = (weights.get(id) as number) / norm;
  });
  return { ids, values };
}

/**
 * A Map<term id, weight> for building sparse vectors without a Map: a dense buffer over the term
 * ids plus the ids in first-set order. `toSparse()` gives exactly what `toSparse(map)` gives for
 * the same sequence of `set`/`add` calls on a Map (same norm summation order), then clears it for
 * the next vector. One accumulator is reused for every vector of a model build.
 */
export class Accumulator {
  private values: Float64Array;
  private seen: Uint8Array;
  private order: number[] = [];

  constructor(size: number) {
    this.values = new Float64Array(Math.max(16, size));
    this.seen = new Uint8Array(this.values.length);
  }

  private ensure(id: number): void {
    if (id < this.values.length) return;
    const n = Math.max(id + 1, this.values.length * 2);
    const values = new Float64Array(n);
    values.set(this.values);
    const seen = new Uint8Array(n);
    seen.set(this.seen);
    this.values = values;
    this.seen = seen;
  }

  get size(): number {
    return this.order.length;
  }

  /** map.set(id, w) */
  set(id: number, w: number): void {
    this.ensure(id);
    if (this.seen[id] === 0) {
      this.seen[id] = 1;
      this.order.push(id);
    }
    this.values[id] = w;
  }

  /** map.set(id, (map.get(id) ?? 0) + w) */
  add(id: number, w: number): void {
    this.ensure(id);
    if (this.seen[id] === 0) {
      this.seen[id] = 1;
      this.order.push(id);
      this.values[id] = 0 + w;
    } else {
      this.values[id] = (this.values[id] as number) + w;
    }
  }

  /** The L2-normalised sparse vector (ids sorted); the accumulator is empty afterwards. */
  toSparse(): Sparse {
    const { order, values, seen } = this;
    let norm = 0;
    for (let k = 0; k < order.length; k++) {
      const w = values[order[k] as number] as number;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    const ids = Int32Array.from(order).sort();
    const out = new Float32Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      out[k] = (values[id] as number) / norm;
      values[id] = 0;
      seen[id] = 0;
    }
    order.length = 0;
    return { ids, values: out };
  }
}
