/**
 * Offline SoundFont synthesis with spessasynth_core: the sequence's notes, timed by the one timeline
 * compiler (`events.ts`), drive the synthesizer sample-accurately (each render block ends at the next
 * event), into float stereo PCM of exactly the sequence's length. The parsed sound bank is kept per byte
 * array and reused by every render; long renders can share their thread (`SliceOptions`).
 */
import type { BasicSoundBank } from 'spessasynth_core';
import { SoundBankLoader, SpessaSynthProcessor } from 'spessasynth_core';
import { AudiogenesisError, RenderError } from '../errors';
import { borrow } from './buffers';
import type { NoteSequence, Role } from '../sequence';
import { durationSeconds } from '../sequence';
import { synthScript } from './events';
import { LightReverb } from './reverb';
import type { SliceOptions, Slicer } from './slice';
import { slicer } from './slice';

/** Settings of {@link synthesize}. */
export interface SynthOptions {
  /** Output sample rate in Hz. Default 48000. */
  sampleRate?: number;
  /** Whether the synth's reverb and chorus run. Default true. */
  effects?: boolean;
  /** Reverb of the effects bus: `light` ({@link LightReverb}, fast) or spessasynth's `builtin`. Default light. */
  reverb?: 'light' | 'builtin';
  /** Reverb send (MIDI CC 91, 0..127) of each role's channel, set before the first note. */
  reverbSend?: Partial<Record<Role, number>>;
  /**
   * Only these roles sound (a stem): the other roles' messages are left out, but the render blocks still
   * end at every event of the whole piece, so the stems of a piece sum to its mix sample for sample.
   */
  only?: readonly Role[];
}

/** Default reverb sends: a gentle room on melody and harmony, less on drums, almost none on bass. */
export const DEFAULT_REVERB_SEND: Readonly<Record<Role, number>> = {
  melody: 48,
  harmony: 64,
  bass: 12,
  drums: 32,
};

/** Float stereo PCM. */
export interface StereoPcm {
  left: Float32Array;
  right: Float32Array;
  sampleRate: number;
}

/** Longest render block, in samples (envelopes and modulators update once per block). */
const QUANTUM = 128;
/** Samples rendered between two slicer ticks. */
const TICK_FRAMES = 2048;
/** Parsed sound banks by the bytes they came from: parsing (and sample decoding) is paid once. */
const banks = new WeakMap<Uint8Array, BasicSoundBank>();

/**
 * Parses SoundFont 2/3 (or DLS) bytes once per byte array.
 * @throws {RenderError} when the bytes are not a sound bank spessasynth can read, or hold no presets.
 */
export function loadSoundBank(soundfont: Uint8Array): BasicSoundBank {
  const cached = banks.get(soundfont);
  if (cached) return cached;
  const head = String.fromCharCode(...soundfont.subarray(0, 4));
  if (soundfont.length < 12 || head !== 'RIFF')
    throw new RenderError(`not a SoundFont: ${soundfont.length} bytes without a RIFF header`);
  let bank: BasicSoundBank;
  try {
    const buffer = soundfont.buffer.slice(soundfont.byteOffset, soundfont.byteOffset + soundfont.byteLength);
    bank = SoundBankLoader.fromArrayBuffer(buffer as ArrayBuffer);
  } catch (cause) {
    throw new RenderError(`corrupt SoundFont: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
  if (bank.presets.length === 0) throw new RenderError('SoundFont holds no presets');
  banks.set(soundfont, bank);
  return bank;
}

type Processor = InstanceType<typeof SpessaSynthProcessor>;
/** Synthesizers made ahead of time (see {@link prepareSynth}), one use each, by bank and settings. */
const spares = new WeakMap<BasicSoundBank, Map<string, Promise<Processor>>>();
const spareKey = (sampleRate: number, effects: boolean, reverb: string): string =>
  `${sampleRate}/${effects}/${reverb}`;

async function newProcessor(
  bank: BasicSoundBank,
  sampleRate: number,
  effects: boolean,
  reverb: string,
): Promise<Processor> {
  const synth = new SpessaSynthProcessor(sampleRate, {
    effectsEnabled: effects,
    eventsEnabled: false,
    maxBufferSize: QUANTUM,
    reverbProcessor: reverb === 'builtin' ? undefined : new LightReverb(sampleRate),
  });
  synth.soundBankManager.addSoundBank(bank, 'main');
  await synth.processorInitialized;
  return synth;
}

/**
 * Makes the synthesizer of the next render ahead of time (its voices, delay lines and bank take a few
 * tens of milliseconds to set up), so that a render on a UI thread starts without that pause. Each
 * prepared synthesizer serves one render, so every render starts from the same fresh state.
 */
export function prepareSynth(soundfont: Uint8Array, options: SynthOptions = {}): Promise<void> {
  const bank = loadSoundBank(soundfont);
  const sampleRate = options.sampleRate ?? 48000;
  const effects = options.effects ?? true;
  const reverb = options.reverb ?? 'light';
  const key = spareKey(sampleRate, effects, reverb);
  const byKey = spares.get(bank) ?? new Map<string, Promise<Processor>>();
  spares.set(bank, byKey);
  if (!byKey.has(key)) byKey.set(key, newProcessor(bank, sampleRate, effects, reverb));
  return byKey.get(key)!.then(() => undefined);
}

/** The prepared synthesizer for these settings (taken: the next render prepares its own), or a new one. */
function takeProcessor(
  bank: BasicSoundBank,
  sampleRate: number,
  effects: boolean,
  reverb: string,
): Promise<Processor> {
  const byKey = spares.get(bank);
  const key = spareKey(sampleRate, effects, reverb);
  const spare = byKey?.get(key);
  if (spare) {
    byKey!.delete(key);
    return spare;
  }
  return newProcessor(bank, sampleRate, effects, reverb);
}

/**
 * Converts every sample of the bank to the synthesizer's float form now, in slices, rather than at the
 * first note that needs it (a pause in the middle of a render).
 */
export async function decodeSamples(soundfont: Uint8Array, slicing: SliceOptions = {}): Promise<void> {
  const bank = loadSoundBank(soundfont);
  const slice = slicer(slicing);
  for (let i = 0; i < bank.samples.length; i++) {
    bank.samples[i].getAudioData();
    await slice.tick(i / bank.samples.length);
  }
}

/**
 * Synthesises `seq` with the SoundFont, from time 0 to exactly `durationSeconds(seq)` (leading silence kept,
 * the release tail after the end cut off: fade it in the caller).
 * @throws {RenderError} for a bad SoundFont or a synthesis failure.
 * @throws {CancelledError} when `slicing.signal` is aborted.
 */
export async function synthesize(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: SynthOptions = {},
  slicing: SliceOptions | Slicer = {},
): Promise<StereoPcm> {
  const sampleRate = options.sampleRate ?? 48000;
  const frames = Math.max(0, Math.round(durationSeconds(seq) * sampleRate));
  const left = borrow(frames);
  const right = borrow(frames);
  const bank = loadSoundBank(soundfont);
  if (frames === 0 || seq.notes.length === 0) return { left, right, sampleRate };
  const slice = 'tick' in slicing ? slicing : slicer(slicing);
  try {
    const synth = await takeProcessor(bank, sampleRate, options.effects ?? true, options.reverb ?? 'light');
    await slice.tick(0);
    const sends = { ...DEFAULT_REVERB_SEND, ...options.reverbSend };
    const { setup, events, roles } = synthScript(seq, sampleRate, sends);
    for (const message of setup) synth.processMessage(message as number[]);
    // A stem: every set-up message, but only the notes of its roles (the blocks still end at every event).
    const only = options.only && new Set<Role | undefined>(options.only);
    // No destroySynthProcessor() afterwards: it would destroy the cached sound bank too.
    for (let at = 0, e = 0, next = TICK_FRAMES; at < frames;) {
      for (; e < events.length && events[e].frame <= at; e++)
        if (!only || only.has(roles[events[e].message[0] & 0x0f]))
          synth.processMessage(events[e].message as number[]);
      const end = Math.min(frames, at + QUANTUM, e < events.length ? events[e].frame : frames);
      synth.process(left, right, at, end - at);
      at = end;
      if (at >= next) {
        next = at + TICK_FRAMES;
        await slice.tick(at / frames);
      }
    }
  } catch (cause) {
    if (cause instanceof AudiogenesisError) throw cause;
    throw new RenderError(`synthesis failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
  return { left, right, sampleRate };
}
