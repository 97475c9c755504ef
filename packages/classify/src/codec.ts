/**
 * Compact encoding of the numeric bulk of a model file: unsigned integers below 2^32 as LEB128
 * varints (7 bits per byte, high bit = more bytes follow; term ids and frequencies x 1000 mostly
 * take 2 bytes), then base64. JSON.parse then yields a few strings instead of hundreds of
 * thousands of numbers, and the decoded arrays live outside the JavaScript heap.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function encodeUint32(values: ArrayLike<number>): string {
  const buf = Buffer.allocUnsafe(values.length * 5);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i] as number;
    while (v >= 0x80) {
      buf[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    buf[at++] = v;
  }
  return buf.toString("base64", 0, at);
}

/** The integers of `text`, or undefined when it is not base64 of whole varints below 2^32. */
export function decodeUint32(text: unknown): Uint32Array | undefined {
  if (typeof text !== "string" || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const buf = Buffer.from(text, "base64");
  let count = 0;
  for (let i = 0; i < buf.length; i++) if ((buf[i] as number) < 0x80) count++;
  if (buf.length > 0 && (buf[buf.length - 1] as number) >= 0x80) return undefined;
  const out = new Uint32Array(count);
  let at = 0;
  for (let k = 0; k < count; k++) {
    let v = 0;
    let scale = 1;
    let b = buf[at++] as number;
    let bytes = 1;
    while (b >= 0x80) {
      v += (b & 0x7f) * scale;
      scale *= 128;
      b = buf[at++] as number;
      if (++bytes > 5) return undefined;
    }
    v += b * scale;
    if (v > 0xffffffff) return undefined;
    out[k] = v;
  }
  return out;
}
