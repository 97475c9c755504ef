/**
 * Compact encodings of the numeric bulk of a model file: unsigned 32-bit integers, little-endian,
 * as base64. JSON.parse then yields a few long strings instead of hundreds of thousands of numbers,
 * and the decoded arrays live outside the JavaScript heap.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function encodeUint32(values: ArrayLike<number>): string {
  const buf = Buffer.allocUnsafe(values.length * 4);
  for (let i = 0; i < values.length; i++) buf.writeUInt32LE(values[i] as number, i * 4);
  return buf.toString("base64");
}

/** The integers of `text`, or undefined when it is not base64 of whole 32-bit values. */
export function decodeUint32(text: unknown): Uint32Array | undefined {
  if (typeof text !== "string" || text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const buf = Buffer.from(text, "base64");
  if (buf.length % 4 !== 0) return undefined;
  const out = new Uint32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
