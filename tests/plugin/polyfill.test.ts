import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8, installTextCodecs } from '../../plugin/polyfill';

describe('UTF-8 codecs for hosts without TextEncoder', () => {
  const text = 'Café – 30 s spot 🎵 日本';
  it('match the platform codecs', () => {
    expect(encodeUtf8(text)).toEqual(new TextEncoder().encode(text));
    expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
    expect(decodeUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toBe('a\ufffd\ufffd');
  });
  it('install only where missing', () => {
    const target: Record<string, unknown> = {};
    installTextCodecs(target);
    const Enc = target.TextEncoder as typeof TextEncoder;
    const Dec = target.TextDecoder as typeof TextDecoder;
    expect(new Dec().decode(new Enc().encode(text))).toBe(text);
    const native = { TextEncoder, TextDecoder } as Record<string, unknown>;
    installTextCodecs(native);
    expect(native.TextEncoder).toBe(TextEncoder);
  });
});
