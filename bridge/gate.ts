/**
 * Who may open a connection to the bridge, decided at the WebSocket handshake before any frame is read:
 * the `Host` must name the loopback address (DNS rebinding), the `Origin` must not be a web page, and a
 * pairing token offered as a subprotocol is checked there. Also the per-connection frame-rate limit.
 *
 * What UXP sends as `Origin`: Premiere Pro 26.3 sends `Origin: file://` on a UXP panel's WebSocket
 * handshake (measured by arcmanagement/gateway-for-premiere, src/server/gateway.ts, which accepts only
 * that); Photoshop's UXP sends the same (XiiTang/Debrute's Photoshop gateway moved from expecting
 * `uxp://<plugin id>` to `file://`). `uxp://` origins are allowed too, for other UXP versions.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BRIDGE_HOST, SUBPROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../core/bridge-protocol';

/** A new pairing token: 128 random bits, base64url (22 characters). */
export function newPairingToken(): string {
  return randomBytes(16).toString('base64url');
}

/** A constant-time comparison of `candidate` with `token`. */
export function tokenMatcher(token: string): (candidate: unknown) => boolean {
  const expected = Buffer.from(token, 'utf8');
  return (candidate) => {
    if (typeof candidate !== 'string') return false;
    const got = Buffer.from(candidate, 'utf8');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
}

/** True when the `Host` header names the loopback address (or is absent: not a browser). */
export function hostAllowed(host: string | undefined): boolean {
  if (!host) return true;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === BRIDGE_HOST || name === 'localhost';
}

/**
 * True when a handshake's `Origin` may connect: none (a local program: browsers always send one), UXP's
 * (`file://`, `uxp://...`), or one in `extra` (`--allow-origin`). Web pages (`http(s)://...`, the opaque
 * `null` of sandboxed frames) are refused.
 */
export function originAllowed(origin: string | undefined, extra: readonly string[] = []): boolean {
  if (origin === undefined) return true;
  const o = origin.toLowerCase();
  if (extra.some((e) => e.toLowerCase() === o)) return true;
  return o === 'file://' || o.startsWith('uxp://');
}

/** The subprotocols of a handshake (`Sec-WebSocket-Protocol`). */
export function offeredProtocols(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The token offered as a subprotocol, if any. */
export function offeredToken(protocols: readonly string[]): string | undefined {
  const p = protocols.find((x) => x.startsWith(TOKEN_PROTOCOL_PREFIX));
  return p?.slice(TOKEN_PROTOCOL_PREFIX.length);
}

/** The subprotocol to select: ours when offered, else the first offered (a browser needs one echoed back). */
export function selectProtocol(protocols: ReadonlySet<string>): string | false {
  if (protocols.has(SUBPROTOCOL)) return SUBPROTOCOL;
  const first = protocols.values().next();
  return first.done ? false : first.value;
}

/** A token bucket: `take()` is false once a connection sends faster than the rate allows. */
export class FrameBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
