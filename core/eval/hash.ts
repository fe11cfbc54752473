/** A deterministic string hash shared by the evaluation's splits and picks. */

/** FNV-1a hash of a string (32 bits, the same on every host). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
