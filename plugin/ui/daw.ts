/**
 * The panel's DAW section: a persistent, reconnecting connection to the local bridge ({@link BridgeLink})
 * whose state the section shows in plain words (connecting, not running, playing, ended, port lost,
 * resumed), the pairing token and the bridge's port (both kept in the panel's storage), and Send to DAW /
 * Stop. `#daw-status[data-link][data-activity]` and `audiogenesis:daw` events let tests follow along.
 */
import type { NoteSequence } from '../../core/sequence';
import { DEFAULT_BRIDGE_PORT } from '../../core/bridge-protocol';
import { BridgeLink } from '../bridge-link';
import type { BridgeOptions, DawStatus } from '../bridge-types';
import { byId, setEnabled, setText, textOf } from './controls';

/** What the DAW section needs from the panel. */
export interface DawEnv {
  /** Where the token and the port are kept (`null`: nowhere). */
  store: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Socket and timing settings (tests). */
  bridge?: BridgeOptions;
  /** The music to send, or `null` before the first take. */
  take(): { sequence: NoteSequence; loop: boolean } | null;
  /** Shows a message in the panel's message line. */
  say(title: string, text: string, kind: 'info' | 'error'): void;
  /** Shows a failure. */
  fail(err: unknown): void;
}

/** The mounted section. */
export interface DawSection {
  link: BridgeLink;
  /** Re-evaluates the buttons (call when the panel's busy state or take changes). */
  refresh(busy: boolean): void;
}

/** Storage keys. */
export const TOKEN_KEY = 'audiogenesis.bridgeToken';
export const PORT_KEY = 'audiogenesis.bridgePort';

/** The status line for `s`: what the link and the DAW do, then (connecting or connected) any `problem`. */
export function statusText(s: DawStatus): string {
  const line = linkText(s);
  return s.problem && (s.link === 'connecting' || s.link === 'ready') ? `${line} ${s.problem}` : line;
}

function linkText(s: DawStatus): string {
  const out = s.output ? ` "${s.output}"` : '';
  switch (s.link) {
    case 'closed':
      return '';
    case 'connecting':
      return `Connecting to the bridge at ${s.url}…`;
    case 'offline':
      return `Bridge not running at ${s.url}: start it with "npx audiogenesis bridge" (retrying).`;
    case 'refused':
      return 'The bridge refused the pairing token: paste the one it printed when it started.';
  }
  switch (s.activity) {
    case 'playing':
      return `Playing into${out}${s.loop ? ' (looping)' : ''}.`;
    case 'ended':
      return `Ended.${out ? ` Output${out}.` : ''}`;
    case 'stopped':
      return 'Stopped.';
    case 'output-lost':
      return `Port lost:${out || ' the output'} vanished; the bridge keeps time and waits for it.`;
    case 'resumed':
      return `Port back:${out || ' the output'} returned; playback resumed.`;
    default:
      return `Bridge connected${out ? `: output${out}` : ''}.`;
  }
}

/** Parses the port field: an integer 1..65535, or `undefined`. */
export function parsePort(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** Wires the DAW section of `doc` and connects to the bridge. */
export function mountDaw(doc: Document, env: DawEnv): DawSection {
  const el = (id: string) => byId(doc, id);
  const token = env.store?.getItem(TOKEN_KEY) ?? '';
  const port = parsePort(env.store?.getItem(PORT_KEY) ?? '') ?? DEFAULT_BRIDGE_PORT;
  setText(el('token'), token);
  setText(el('bridge-port'), String(port));
  const link = new BridgeLink({ ...env.bridge, token, port });
  let busy = false;

  const refresh = (b: boolean): void => {
    busy = b;
    const ready = link.status.link === 'ready' && !busy;
    setEnabled(el('send'), ready && env.take() !== null);
    setEnabled(el('stop'), ready);
  };
  const show = (s: DawStatus): void => {
    const line = el('daw-status');
    line.textContent = statusText(s);
    line.setAttribute('data-link', s.link);
    line.setAttribute('data-activity', s.activity);
    refresh(busy);
    try {
      doc.dispatchEvent(new CustomEvent('audiogenesis:daw', { detail: s }));
    } catch {
      // hosts without CustomEvent: the attributes still tell
    }
  };
  link.onStatus(show);

  el('token').addEventListener('change', () => {
    env.store?.setItem(TOKEN_KEY, textOf(el('token')).trim());
    link.setToken(textOf(el('token')));
  });
  el('bridge-port').addEventListener('change', () => {
    const p = parsePort(textOf(el('bridge-port')));
    if (p === undefined)
      return env.say('Port.', 'The bridge port is a number 1..65535 (default 8765).', 'error');
    env.store?.setItem(PORT_KEY, String(p));
    link.setPort(p);
  });
  const guarded = (job: () => Promise<void>) => (): void => {
    if (busy) return;
    job().catch(env.fail);
  };
  el('send').addEventListener(
    'click',
    guarded(async () => {
      const take = env.take();
      if (!take) return;
      const r = await link.play(take.sequence, take.loop);
      env.say('Sent.', `Playing ${r.notes} notes into ${r.output}.`, 'info');
    }),
  );
  el('stop').addEventListener(
    'click',
    guarded(async () => {
      await link.stop();
      env.say('Stopped.', 'The DAW bridge stopped playing.', 'info');
    }),
  );

  show(link.status);
  link.start();
  return { link, refresh };
}
