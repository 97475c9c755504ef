import { stemCount } from "./text/memo";

/**
 * Field-weighted term frequencies keyed by memo stem id, in buffers reused across calls (every
 * caller is synchronous): no Map and no string hashing per token. `startBag()` begins a new bag;
 * `bag.touched[0 .. bag.size)` are its stem ids in first-seen order, `bag.tf[id]` their weights.
 */
export const bag = {
  tf: new Float64Array(1024),
  stamp: new Int32Array(1024),
  call: 0,
  touched: [] as number[],
  size: 0,
};

function ensure(stems: number): void {
  if (bag.tf.length > stems) return;
  const n = Math.max(stems * 2, 1024);
  const tf = new Float64Array(n);
  const stamp = new Int32Array(n);
  tf.set(bag.tf);
  stamp.set(bag.stamp);
  bag.tf = tf;
  bag.stamp = stamp;
}

export function startBag(): void {
  ensure(stemCount());
  bag.call = bag.call === 0x7fffffff ? 1 : bag.call + 1;
  if (bag.call === 1) bag.stamp.fill(0);
  bag.size = 0;
}

/** Adds weight `w` once per occurrence of each stem id. */
export function addToBag(stemIds: readonly number[], w: number): void {
  ensure(stemCount());
  const { tf, stamp, call, touched } = bag;
  for (let k = 0; k < stemIds.length; k++) {
    const sid = stemIds[k] as number;
    if (stamp[sid] !== call) {
      stamp[sid] = call;
      tf[sid] = w;
      touched[bag.size++] = sid;
    } else {
      tf[sid] = (tf[sid] as number) + w;
    }
  }
}
