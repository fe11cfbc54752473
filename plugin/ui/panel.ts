/**
 * The panel's behaviour: load the engine, read the timeline, Generate / Try another (in slices, with
 * progress and Cancel) into a take that plays in the Source Monitor, then Place it, Replace the placed take
 * with it (one undo step) or Discard it; keep the last takes to compare; send to a DAW or export MIDI.
 * `#panel[data-state]` (loading, ready, busy, audition, placed, error) and `audiogenesis:*` events on the
 * document let tests and hosts follow along.
 */
import { sequenceToMidi } from '../../core/codec/midi';
import { STYLES } from '../../core/conditioning';
import type { BridgeOptions } from '../bridge-types';
import type { AssetReader, Composer, Engine } from '../engine';
import { loadEngine } from '../engine';
import { userMessage } from '../errors';
import type { Progress, Take } from '../flow';
import { exportMidi, makeTake } from '../flow';
import type { PremiereHost } from '../host/types';
import type { Placement } from '../placing';
import { placeTake, tracksOf } from '../placing';
import { readTimeline } from '../timeline';
import { byId, fillPicker, readForm, setEnabled, setFieldError, setProgress, setText } from './controls';
import { mountDaw } from './daw';
import { KEY_CHOICES, settingsFrom } from './form';
import { FieldError } from './form-error';
import { cutsNote, drawRoll, lengthNote, showTake, showTakes } from './result';
import { foldable, followTheme } from './theme';

/** What the panel runs against. */
export interface PanelEnv {
  /** The host, or `null` outside Premiere Pro (the panel then says so). */
  host: PremiereHost | null;
  assets: AssetReader;
  /** Where the pairing token is kept. Default: `localStorage` when there is one. */
  store?: Pick<Storage, 'getItem' | 'setItem'> | null;
  bridge?: BridgeOptions;
  /** Composes off the UI thread where the host allows it. */
  composer?: Composer | null;
}

/** The panel's state, for tests. */
export type PanelState = 'loading' | 'ready' | 'busy' | 'audition' | 'placed' | 'error';

/** Takes kept in the panel to compare. */
const KEEP_TAKES = 5;
const FIELDS = ['seconds', 'style', 'key', 'tempo', 'seed', 'choose-roles'];
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Wires the page's widgets; resolves once the engine is loaded (or failed to load). */
export async function mountPanel(doc: Document, env: PanelEnv): Promise<void> {
  const el = (id: string) => byId(doc, id);
  const store =
    env.store === undefined ? (typeof localStorage !== 'undefined' ? localStorage : null) : env.store;
  let engine: Engine | null = null;
  let takes: Take[] = [];
  let current: Take | null = null;
  let placed: Placement | null = null;
  let busy = false;
  let cancel: { aborted: boolean } | null = null;

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
    el('message').className = kind;
    el('message-title').textContent = title;
    el('message-text').textContent = text;
  };
  const fail = (err: unknown): void => {
    if (err instanceof FieldError) {
      setFieldError(doc, err.field, err.message);
      const fold = ['seconds'].includes(err.field) ? 'length' : 'overrides';
      folds[fold]?.(true);
      say('Check the form.', 'One field needs another value (marked in red).', 'error');
    } else {
      const m = userMessage(err);
      say(m.title + '.', m.text, 'error');
    }
    emit('error', userMessage(err));
  };
  const buttons = (): void => {
    const ready = engine !== null && env.host !== null && !busy;
    setEnabled(el('generate'), ready);
    setEnabled(el('another'), ready && current !== null);
    setEnabled(el('cancel'), busy);
    const onLine = placed !== null && current !== null && placed.wavPath === current.wavPath;
    setEnabled(el('play'), !busy && current !== null);
    setEnabled(el('place'), !busy && current !== null && placed === null);
    setEnabled(el('replace'), !busy && current !== null && placed !== null && !onLine);
    setEnabled(el('discard'), !busy && current !== null && !onLine);
    setEnabled(el('reveal'), !busy && current !== null);
    setEnabled(el('select'), !busy && placed !== null && (placed.clips[0]?.clip ?? '') !== '');
    setEnabled(el('export-midi'), !busy && current !== null);
    daw.refresh(busy);
    setEnabled(el('refresh'), env.host !== null && !busy);
  };
  const render = (): void => {
    if (current) showTake(doc, current, placed && placed.wavPath === current.wavPath ? placed : null);
    showTakes(doc, takes, current, placed, (t) => void audition(t));
    buttons();
  };

  followTheme(doc);
  const folds: Record<string, (open: boolean) => void> = {
    length: foldable(doc, 'length'),
    overrides: foldable(doc, 'overrides'),
    reading: foldable(doc, 'reading'),
    daw: foldable(doc, 'daw'),
  };
  fillPicker(el('key'), KEY_CHOICES);
  fillPicker(
    el('style'),
    STYLES.map((s) => ({ value: s, label: s })),
  );
  const daw = mountDaw(doc, {
    store,
    bridge: env.bridge,
    take: () => (current ? { sequence: current.result.sequence, loop: !!current.settings.loop } : null),
    say,
    fail,
  });
  for (const id of FIELDS)
    for (const ev of ['input', 'change']) el(id).addEventListener(ev, () => setFieldError(doc, id, null));

  const refresh = async (): Promise<void> => {
    if (!env.host) return;
    try {
      const t = await readTimeline(env.host);
      el('length-note').textContent = lengthNote(
        t.span.source,
        t.span.start,
        t.span.seconds,
        t.sequence.zeroPoint,
      );
      el('seconds').setAttribute('placeholder', t.span.seconds.toFixed(1));
      el('cuts-note').textContent = cutsNote(t.cuts, t.span.start, t.sequence.zeroPoint);
      setEnabled(el('hit-cuts'), t.cuts.length > 0);
      emit('cuts', t.cuts);
    } catch (err) {
      el('length-note').textContent = userMessage(err).text;
    }
  };

  const onProgress = (p: Progress): void => {
    setProgress(el('progress'), p.fraction * 100, p.text);
    emit('progress', p);
  };

  const audition = async (take: Take): Promise<void> => {
    current = take;
    await nextFrame();
    render();
    await nextFrame();
    drawRoll(doc, take);
    await nextFrame();
    if (!env.host) return;
    const played = await env.host.audition(take.wavPath);
    setState(placed && placed.wavPath === take.wavPath ? 'placed' : 'audition');
    if (played) say('Playing in the Source Monitor.', 'Place it, or try another.', 'info');
    else say('Saved.', `Premiere did not play it: open ${take.wavPath} from the Audiogenesis bin.`, 'error');
    emit('audition', { wavPath: take.wavPath, played });
  };

  const generate = async (seed?: number): Promise<void> => {
    if (busy || !engine || !env.host) return;
    for (const id of FIELDS) setFieldError(doc, id, null);
    busy = true;
    cancel = { aborted: false };
    buttons();
    setState('busy');
    say('', '', 'info');
    try {
      if (seed !== undefined) setText(el('seed'), String(seed));
      const settings = settingsFrom(readForm(doc));
      const take = await makeTake(
        { host: env.host, engine, onProgress, pause: nextFrame, signal: cancel },
        settings,
      );
      takes = [take, ...takes].slice(0, KEEP_TAKES);
      emit('take', {
        wavPath: take.wavPath,
        jsonPath: take.jsonPath,
        timings: take.timings,
        seed: take.result.seed,
      });
      busy = false;
      await audition(take);
    } catch (err) {
      setProgress(el('progress'), 0, 'Stopped');
      fail(err);
      setState('error');
    } finally {
      busy = false;
      cancel = null;
      buttons();
      void refresh();
    }
  };

  const place = async (): Promise<void> => {
    if (!env.host || !current || busy) return;
    busy = true;
    buttons();
    try {
      const replacing = placed;
      placed = await placeTake(env.host, current, placed);
      say(
        replacing ? 'Replaced.' : 'Placed.',
        `On ${tracksOf(placed)}; Undo (Cmd/Ctrl+Z) takes it back.`,
        'info',
      );
      setState('placed');
      emit('placed', {
        wavPath: placed.wavPath,
        label: placed.transaction.label,
        audioTracks: placed.clips.map((c) => c.audioTrack),
      });
    } catch (err) {
      fail(err);
      setState('error');
    } finally {
      busy = false;
      render();
    }
  };

  /** A click handler that runs `job` and shows its failure. */
  const guarded = (job: () => Promise<void>) => (): void => {
    if (busy) return;
    job().catch(fail);
  };

  el('generate').addEventListener('click', () => void generate());
  el('another').addEventListener('click', () => void generate((current?.result.seed ?? 0) + 1));
  el('cancel').addEventListener('click', () => {
    if (cancel) cancel.aborted = true;
  });
  el('play').addEventListener(
    'click',
    guarded(async () => (current ? audition(current) : undefined)),
  );
  el('place').addEventListener('click', () => void place());
  el('replace').addEventListener('click', () => void place());
  el('discard').addEventListener('click', () => {
    if (!current || busy) return;
    takes = takes.filter((t) => t !== current);
    current = takes[0] ?? null;
    say('Discarded.', 'The file stays in the Audiogenesis folder and bin.', 'info');
    if (!current) el('result').style.display = 'none';
    render();
  });
  el('reveal').addEventListener(
    'click',
    guarded(async () => {
      if (current && env.host && !(await env.host.reveal(current.folder)))
        say('Could not open the folder.', current.folder, 'error');
    }),
  );
  el('select').addEventListener(
    'click',
    guarded(async () => {
      if (placed && env.host && !(await env.host.selectClip(placed.clips[0]?.clip ?? '')))
        say('Could not select the clip.', 'It may have been moved or deleted.', 'error');
    }),
  );
  el('refresh').addEventListener('click', () => void refresh());
  el('export-midi').addEventListener(
    'click',
    guarded(async () => {
      if (!current || !env.host) return;
      const midi = sequenceToMidi(current.result.sequence, { name: current.result.prompt.slice(0, 60) });
      say('Saved.', await exportMidi(env.host, current, midi), 'info');
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
    engine = await loadEngine(env.assets, { composer: env.composer, load: { pause: nextFrame } });
    setProgress(el('progress'), 0, 'Ready');
    setState('ready');
  } catch (err) {
    fail(err);
    setState('error');
  }
  buttons();
}
