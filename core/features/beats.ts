/**
 * A beat tracker for performances without a beat grid (EMOPIA's transcriptions): an onset envelope from
 * the notes, a tempo from its autocorrelation, then Ellis's (2007) dynamic-programming beat placement.
 */
import type { BeatMark } from './annotations';
import type { Seconds } from '../sequence';

/** A note's onset time in seconds and its strength (velocity). */
export interface Onset {
  time: Seconds;
  strength: number;
}

/** Options of {@link trackBeats}. */
export interface BeatTrackOptions {
  /** Envelope frame rate in Hz. Default 100. */
  frameRate?: number;
  /** Tempo prior's centre in bpm. Default 110. */
  preferredBpm?: number;
  /** Tightness of the beat-spacing penalty. Default 100. */
  tightness?: number;
}

function envelope(onsets: readonly Onset[], frameRate: number): Float64Array {
  const last = onsets.reduce((m, o) => Math.max(m, o.time), 0);
  const env = new Float64Array(Math.ceil(last * frameRate) + frameRate);
  for (const o of onsets) {
    const f = Math.round(o.time * frameRate);
    for (let d = -2; d <= 2; d++)
      if (f + d >= 0 && f + d < env.length) env[f + d] += o.strength * Math.exp(-(d * d) / 2);
  }
  return env;
}

/** Estimates the beat period (in frames) by prior-weighted autocorrelation of the envelope. */
function estimatePeriod(env: Float64Array, frameRate: number, preferredBpm: number): number {
  const minLag = Math.round((60 / 200) * frameRate);
  const maxLag = Math.round((60 / 50) * frameRate);
  const centre = (60 / preferredBpm) * frameRate;
  let best = Math.round(centre);
  let bestScore = -Infinity;
  for (let lag = minLag; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = lag; i < env.length; i++) s += env[i] * env[i - lag];
    const w = Math.exp(-0.5 * (Math.log2(lag / centre) / 0.9) ** 2);
    if (s * w > bestScore) {
      bestScore = s * w;
      best = lag;
    }
  }
  return best;
}

/**
 * Places beats on a performance. Returns beat marks (every `beatsPerBar`-th a downbeat, counted from the
 * first beat); an empty list when there are no onsets.
 */
export function trackBeats(
  onsets: readonly Onset[],
  beatsPerBar = 4,
  options: BeatTrackOptions = {},
): BeatMark[] {
  const { frameRate = 100, preferredBpm = 110, tightness = 100 } = options;
  if (onsets.length === 0) return [];
  const env = envelope(onsets, frameRate);
  const period = estimatePeriod(env, frameRate, preferredBpm);
  const score = new Float64Array(env.length);
  const back = new Int32Array(env.length).fill(-1);
  for (let t = 0; t < env.length; t++) {
    let best = 0;
    let arg = -1;
    for (let p = t - Math.round(2 * period); p <= t - Math.round(period / 2); p++) {
      if (p < 0) continue;
      const s = score[p] - tightness * Math.log((t - p) / period) ** 2;
      if (arg < 0 || s > best) {
        best = s;
        arg = p;
      }
    }
    score[t] = env[t] + (arg >= 0 ? best : 0);
    back[t] = arg >= 0 && best > 0 ? arg : -1;
  }
  let t = 0;
  for (let i = Math.max(0, env.length - period); i < env.length; i++) if (score[i] > score[t]) t = i;
  const frames: number[] = [];
  for (; t >= 0; t = back[t]) frames.push(t);
  frames.reverse();
  while (frames.length && frames[0] - period >= 0) frames.unshift(frames[0] - period);
  return frames.map((f, i) => ({ time: f / frameRate, downbeat: i % beatsPerBar === 0 }));
}
