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
