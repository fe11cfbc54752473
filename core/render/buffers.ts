/**
 * Float buffers lent to a render's passes and given back when it ends, so that the next render reuses
 * them. A render needs several buffers as long as the piece (the synthesised channels, the K-weighted
 * squares, the peak envelope, the limiter's curve); touching fresh memory of that size costs page faults
 * that, on some machines, take longer than the work done on it. At most {@link MAX_HELD_BYTES} are kept
 * between renders; {@link releaseBuffers} drops them all (a host may call it when it goes idle).
 */

/** Most bytes kept for reuse between renders (five buffers of a 60 s piece at 48 kHz fit). */
export const MAX_HELD_BYTES = 96 * 2 ** 20;

/** Buffers given back and not yet lent again (each a whole ArrayBuffer as floats). */
const spare: Float32Array[] = [];

/**
 * A zero-filled float array of `length`: a view on a buffer given back earlier when one is large enough
 * (the smallest such), else new. Give it back with {@link giveBack} when done, or simply drop it.
 */
export function borrow(length: number): Float32Array {
  let best = -1;
  for (let i = 0; i < spare.length; i++)
    if (spare[i].length >= length && (best < 0 || spare[i].length < spare[best].length)) best = i;
  if (best < 0) return new Float32Array(length);
  const [buffer] = spare.splice(best, 1);
  const view = buffer.subarray(0, length);
  view.fill(0);
  return view;
}

/**
 * Gives arrays back for reuse (their whole buffers). The caller must not touch them afterwards; arrays it
 * did not {@link borrow} (or views on memory still used elsewhere) must not be given.
 */
export function giveBack(...arrays: (Float32Array | null | undefined)[]): void {
  for (const a of arrays) {
    if (!a) continue;
    const whole = new Float32Array(a.buffer);
    if (spare.some((s) => s.buffer === whole.buffer)) continue;
    spare.push(whole);
  }
  // Keep the largest buffers that fit under the cap.
  spare.sort((x, y) => y.byteLength - x.byteLength);
  let held = 0;
  for (let i = 0; i < spare.length;)
    if (held + spare[i].byteLength > MAX_HELD_BYTES) spare.splice(i, 1);
    else held += spare[i++].byteLength;
}

/** Drops every buffer kept for reuse (the memory goes back to the garbage collector). */
export function releaseBuffers(): void {
  spare.length = 0;
}
