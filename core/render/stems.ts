/**
 * Stems: one WAV per role beside the mix, the same length and the same gain staging (the mix's fade and
 * its normalising gain, before the limiter), so that the stems sum to the mix before the limiter. Each
 * stem is synthesised with the whole piece's render blocks (see `SynthOptions.only`), which makes the sum
 * exact to float precision; stems are 32-bit float WAVs, so a stem louder than full scale is kept whole.
 */
import type { NoteSequence, Role } from '../sequence';
import { ROLES } from '../sequence';
import { applyGain, dbToGain } from './dynamics';
import { samplePeakDbfs } from './loudness';
import type { RenderOptions, RenderResult } from './render';
import { normalise, premix } from './render';
import { encodeWav } from './wav';

/** The mix and its stems. */
export interface StemsResult {
  /** The finished mix, exactly as {@link renderWav} renders it. */
  mix: RenderResult;
  /** One 32-bit float WAV per role that has notes, at the mix's pre-limiter gain. */
  stems: Partial<Record<Role, Uint8Array>>;
  /** The gain applied to the mix (and to every stem) before the limiter, dB. */
  gainDb: number;
}

/**
 * Renders the mix of `seq` and one stem per role that plays in it.
 * @throws {RenderError} for a SoundFont spessasynth cannot read, or a synthesis failure.
 */
export async function renderStems(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: RenderOptions = {},
): Promise<StemsResult> {
  const { channels: raw, sampleRate } = await premix(seq, soundfont, options);
  const { channels, lufs, limitedDb, gainDb } = normalise(raw, sampleRate, options);
  const mix: RenderResult = {
    wav: encodeWav(channels, sampleRate, options.bitDepth ?? 16),
    seconds: raw[0].length / sampleRate,
    peakDbfs: samplePeakDbfs(channels),
    lufs,
    limitedDb,
  };
  const stems: Partial<Record<Role, Uint8Array>> = {};
  for (const role of ROLES) {
    if (!seq.notes.some((n) => n.role === role)) continue;
    const stem = await premix(seq, soundfont, { ...options, only: [role] });
    applyGain(stem.channels, dbToGain(gainDb));
    stems[role] = encodeWav(stem.channels, sampleRate, 32);
  }
  return { mix, stems, gainDb };
}
