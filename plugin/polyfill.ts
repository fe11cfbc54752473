/**
 * UTF-8 TextEncoder/TextDecoder for hosts that lack them (older UXP): the core reads model JSON and the
 * panel writes its `.json` through them. Installed only where missing.
 */

/** UTF-8 bytes of a string. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/** A string from UTF-8 bytes (invalid sequences become U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    let valid = n >= 0 && i + n < bytes.length;
    for (let k = 1; valid && k <= n; k++) valid = (bytes[i + k] & 0xc0) === 0x80;
    if (!valid) {
      out += '\ufffd';
      i++;
      continue;
    }
    let c = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) c = (c << 6) | (bytes[i + k] & 63);
    out += String.fromCodePoint(c);
    i += n + 1;
  }
  return out;
}

/** Installs the codecs on `target` where they are missing. */
export function installTextCodecs(
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): void {
  if (typeof target.TextEncoder !== 'function')
    target.TextEncoder = class {
      readonly encoding = 'utf-8';
      encode(text = ''): Uint8Array {
        return encodeUtf8(text);
      }
    };
  if (typeof target.TextDecoder !== 'function')
    target.TextDecoder = class {
      readonly encoding = 'utf-8';
      decode(input?: ArrayBuffer | ArrayBufferView): string {
        if (!input) return '';
        const bytes = ArrayBuffer.isView(input)
          ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
          : new Uint8Array(input);
        return decodeUtf8(bytes);
      }
    };
}
