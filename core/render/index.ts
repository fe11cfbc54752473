/**
 * The renderer: NoteSequence -> loudness-normalised, limited 48 kHz stereo WAV through a SoundFont, and a
 * piano-roll raster of the same sequence. Pure: hosts pass the SoundFont's bytes in.
 */
export { renderWav, premix } from './render';
export type { RenderOptions, RenderResult } from './render';
export { normalise } from './normalise';
export type { Normalised, LevelOptions } from './normalise';
export { renderStems } from './stems';
export type { StemsResult } from './stems';
export { releaseBuffers } from './buffers';
export { slicer } from './slice';
export type { SliceOptions, Slicer } from './slice';
export { synthScript } from './events';
export type { SynthScript, FrameEvent } from './events';
export { synthesize, loadSoundBank, prepareSynth, decodeSamples, DEFAULT_REVERB_SEND } from './synth';
export { LightReverb } from './reverb';
export type { SynthOptions, StereoPcm } from './synth';
export {
  integratedLoudness,
  kWeighting,
  blockPowers,
  gatedLoudness,
  samplePeakDbfs,
  rmsDbfs,
  dcOffsetDbfs,
  LOUDNESS_OFFSET,
} from './loudness';
export type { Biquad } from './kweight';
export { limit, fadeOut, applyGain, dbToGain } from './dynamics';
export type { LimiterOptions } from './dynamics';
export { encodeWav, decodeWav } from './wav';
export type { WavBitDepth, DecodedWav } from './wav';
export { pianoRoll, barBeats, ROLE_COLOURS } from './pianoroll';
export type { Raster, PianoRollOptions, Rgb } from './pianoroll';
