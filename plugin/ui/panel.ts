/**
 * The panel's behaviour: load the engine, read the timeline's length, run Generate / Try another with a
 * progress bar, show the result, send it to a DAW or export its MIDI, and show every failure plainly.
 * `#panel[data-state]` (loading, ready, busy, placed, error) and `audiogenesis:*` events on the document
 * let tests and hosts follow along.
 */
import { sequenceToMidi } from '../../core/codec/midi';
import { STYLES } from '../../core/conditioning';
import type { BridgeOptions } from '../bridge-client';
import type { AssetReader, Engine } from '../engine';
import { loadEngine } from '../engine';
import { userMessage } from '../errors';
import type { Progress, Take } from '../flow';
import { exportMidi, generateAndPlace } from '../flow';
import type { PremiereHost } from '../host/types';
import { readTimeline } from '../timeline';
import { byId, fillPicker, readForm, setEnabled, setProgress, setText } from './controls';
import { mountDaw } from './daw';
import { KEY_CHOICES, settingsFrom } from './form';
import { lengthNote, showTake } from './result';

/** What the panel runs against. */
export interface PanelEnv {
  /** The host, or `null` outside Premiere Pro (the panel then says so). */
  host: PremiereHost | null;
  assets: AssetReader;
  /** Where the pairing token is kept. Default: `localStorage` when there is one. */
  store?: Pick<Storage, 'getItem' | 'setItem'> | null;
  bridge?: BridgeOptions;
}

/** The panel's state, for tests. */
export type PanelState = 'loading' | 'ready' | 'busy' | 'placed' | 'error';

/** Wires the page's widgets; resolves once the engine is loaded (or failed to load). */
export async function mountPanel(doc: Document, env: PanelEnv): Promise<void> {
  const el = (id: string) => byId(doc, id);
  const store =
    env.store === undefined ? (typeof localStorage !== 'undefined' ? localStorage : null) : env.store;
  let engine: Engine | null = null;
  let take: Take | null = null;
  let busy = false;

  const emit = (name: string, detail: unknown): void => {
    try {
      doc.dispatchEvent(new CustomEvent(`audiogenesis:${name}`, { detail }));
    } catch {
      // hosts without CustomEvent: the data-state attribute still tells
    }
  };
  const setState = (s: PanelState): void => {
    el('panel').setAttribute('data-state', s);
    emit('state', s);
  };
  const say = (title: string, text: string, kind: 'info' | 'error'): void => {
    const box = el('message');
    box.className = kind;
    box.textContent = '';
    const strong = doc.createElement('strong');
    strong.textContent = title;
    box.appendChild(strong); // appendChild, not append: UXP's DOM is a subset
    box.appendChild(doc.createTextNode(` ${text}`));
  };
  const fail = (err: unknown): void => {
    const m = userMessage(err);
    say(m.title + '.', m.text, 'error');
    emit('error', m);
  };
  const buttons = (): void => {
    const ready = engine !== null && env.host !== null && !busy;
    setEnabled(el('generate'), ready);
    setEnabled(el('another'), ready && take !== null);
    setEnabled(el('export-midi'), !busy && take !== null);
    daw.refresh(busy);
    setEnabled(el('refresh'), env.host !== null && !busy);
  };

  fillPicker(el('key'), KEY_CHOICES);
  fillPicker(
    el('style'),
    STYLES.map((s) => ({ value: s, label: s })),
  );
  const daw = mountDaw(doc, {
    store,
    bridge: env.bridge,
    take: () => (take ? { sequence: take.result.sequence, loop: !!take.settings.loop } : null),
    say,
    fail,
  });

  const refresh = async (): Promise<void> => {
    if (!env.host) return;
    try {
      const t = await readTimeline(env.host);
      el('length-note').textContent = lengthNote(t.span.source, t.span.start, t.span.seconds);
      el('seconds').setAttribute('placeholder', t.span.seconds.toFixed(1));
    } catch (err) {
      el('length-note').textContent = userMessage(err).text;
    }
  };

  const onProgress = (p: Progress): void => {
    setProgress(el('progress'), p.fraction * 100, p.text);
    emit('progress', p);
  };

  const run = async (seed?: number): Promise<void> => {
    if (busy || !engine || !env.host) return;
    busy = true;
    buttons();
    setState('busy');
    say('', '', 'info');
    try {
      if (seed !== undefined) setText(el('seed'), String(seed));
      const settings = settingsFrom(readForm(doc));
      take = await generateAndPlace({ host: env.host, engine, onProgress }, settings);
      showTake(doc, take);
      say('Placed.', `${take.wavPath} (in ${((take.timings.total ?? 0) / 1000).toFixed(1)} s)`, 'info');
      setState('placed');
      emit('placed', {
        wavPath: take.wavPath,
        jsonPath: take.jsonPath,
        timings: take.timings,
        seed: take.result.seed,
      });
    } catch (err) {
      setProgress(el('progress'), 0, 'Stopped');
      fail(err);
      setState('error');
    } finally {
      busy = false;
      buttons();
      void refresh();
    }
  };

  /** A click handler that runs `job` and shows its failure. */
  const guarded = (job: () => Promise<void>) => (): void => {
    if (busy) return;
    job().catch(fail);
  };

  el('generate').addEventListener('click', () => void run());
  el('another').addEventListener('click', () => void run((take?.result.seed ?? 0) + 1));
  el('refresh').addEventListener('click', () => void refresh());
  el('export-midi').addEventListener(
    'click',
    guarded(async () => {
      if (!take || !env.host) return;
      const midi = sequenceToMidi(take.result.sequence, { name: take.result.prompt.slice(0, 60) });
      say('Saved.', await exportMidi(env.host, take, midi), 'info');
    }),
  );

  setState('loading');
  buttons();
  if (!env.host) {
    say(
      'Not in Premiere Pro.',
      'Open this panel in Premiere Pro (Window > UXP Plugins > Audiogenesis).',
      'error',
    );
    setState('error');
    return;
  }
  setProgress(el('progress'), 0, 'Loading the model and the SoundFont…');
  void refresh();
  try {
    engine = await loadEngine(env.assets);
    setProgress(el('progress'), 0, 'Ready');
    setState('ready');
  } catch (err) {
    fail(err);
    setState('error');
  }
  buttons();
}
