/**
 * The piece's time line: a tempo map fitted so that every cut of the picture lands on a beat (a downbeat
 * where the tempo range allows), with the tempo changes that later parts of a script state, and a length
 * of exactly the asked seconds. Cuts closer together than a beat share one hit. Between two anchors (the
 * start, each hit, the end) the tempo is the base tempo scaled by one factor, so the changes are small
 * steps at the hits; seconds always come from the map through `core/sequence`.
 */
import type { EmbedResult } from '../embed/types';
import type { Beats, Bpm, Seconds, TempoEvent } from '../sequence';
import { beatsToSeconds, secondsToBeats, tempoAt } from '../sequence';
import { fitTempo } from './form';

/** A tempo a later part of a script states, from its cue time on. */
export interface TempoChange {
  seconds: Seconds;
  bpm: Bpm;
  /** The part (segment index) that states it. */
  segment?: number;
}

/**
 * The tempo changes a timed script states: each part after the first whose stated tempo differs from the
 * part before's, at its cue (spread over `seconds` when the script is timed by its speaking rate).
 */
export function tempoChangesOf(e: EmbedResult, seconds: Seconds): TempoChange[] {
  const segs = e.segments;
  if (segs.length < 2) return [];
  const spoken = segs[segs.length - 1].end;
  const stretch = e.seconds === null && spoken > 0 ? seconds / spoken : 1;
  const out: TempoChange[] = [];
  let bpm = e.tempo;
  segs.forEach((s, i) => {
    if (i === 0 || s.sources.tempo !== 'explicit' || s.tempo === bpm) return;
    bpm = s.tempo;
    out.push({ seconds: s.start * stretch, bpm, segment: i });
  });
  return out;
}

/** Inputs of {@link fitTiming}. */
export interface TimingInput {
  /** Length of the piece. */
  seconds: Seconds;
  /** Tempo of the opening. */
  tempo: Bpm;
  /** Beats per bar. */
  bar: Beats;
  /** True when the tempo was stated in figures: it is never scaled as a whole (a cut still bends it locally). */
  fixed: boolean;
  /** Tempi stated by later parts; each starts at the bar line nearest its cue. */
  changes?: readonly TempoChange[];
  /** Edit points of the picture. */
  cuts?: readonly Seconds[];
}

/** A hit: one accent on a beat for one cut, or for several cuts closer together than a beat. */
export interface Hit {
  /** Time of the hit: the first of its cuts. */
  seconds: Seconds;
  /** The beat it lands on. */
  beat: Beats;
  /** The cuts it stands for. */
  cuts: Seconds[];
  /** True when it lands on a bar line. */
  downbeat: boolean;
}

/** The fitted time line. */
export interface Timing {
  /** Tempo map, sorted by beat, the first at beat 0. */
  tempos: TempoEvent[];
  /** Length in beats; `beatsToSeconds(beats, tempos)` is the asked length. */
  beats: Beats;
  hits: Hit[];
  /** The bar line at which each of the input's `changes` starts, in order. */
  changeBeats: Beats[];
  /** Cuts left without a hit: outside the piece (or at its very edges), or that no tempo within range could put on a beat. */
  unplaced: Seconds[];
}

/**
 * Cost weights of the fit: squared log of each stretch's tempo factor and of each step between two
 * stretches, and the prices of weaker positions (a beat that is no downbeat, an eighth), of a last bar cut
 * short and of moving the opening tempo.
 */
const COST = { stretch: 100, step: 100, offbeat: 0.5, halfBeat: 2, fractionalEnd: 1, scale: 50 } as const;
/** Slowest and fastest local factor a hit may ask of the base tempo. */
const FACTOR_RANGE = [0.7, 1.45] as const;
/** Largest nudge of the last step when it ends on a whole bar. */
const END_NUDGE = 0.08;
/** Cuts nearer than this to the start or the end are the picture's edges, not hits (seconds). */
const EDGE = 0.05;

/** The base map: the opening tempo times `scale`, each stated change at the bar line nearest its cue. */
function baseMap(i: TimingInput, scale: number): { map: TempoEvent[]; at: Beats[] } {
  const map: TempoEvent[] = [{ beat: 0, bpm: i.tempo * scale }];
  const at: Beats[] = [];
  for (const c of i.changes ?? []) {
    const nearest = Math.round(secondsToBeats(c.seconds, map) / i.bar) * i.bar;
    const beat = Math.max(map[map.length - 1].beat + i.bar, nearest);
    map.push({ beat, bpm: c.bpm * scale });
    at.push(beat);
  }
  return { map, at };
}

/** Groups sorted cuts: a cut less than a beat after a group's first joins that group. */
function groupCuts(cuts: readonly Seconds[], seconds: Seconds, map: TempoEvent[]): Hit[] {
  const sorted = [...new Set(cuts)].filter((c) => c > EDGE && c < seconds - EDGE).sort((a, b) => a - b);
  const groups: Hit[] = [];
  for (const c of sorted) {
    const last = groups[groups.length - 1];
    const beat = 60 / tempoAt(secondsToBeats(c, map), map);
    if (last && c - last.seconds < beat - 1e-9) last.cuts.push(c);
    else groups.push({ seconds: c, beat: 0, cuts: [c], downbeat: false });
  }
  return groups;
}

/** Base tempo factor that maps beats `a`..`b` of `map` onto `seconds`. */
function factor(map: TempoEvent[], a: Beats, b: Beats, seconds: Seconds): number {
  return (beatsToSeconds(b, map) - beatsToSeconds(a, map)) / seconds;
}

function stretchCost(f: number): number {
  return f < FACTOR_RANGE[0] || f > FACTOR_RANGE[1] ? Infinity : COST.stretch * Math.log(f) ** 2;
}

/** Beats a hit may land on near `x`: whole beats within three, half beats within one and a half. */
function candidates(x: Beats, bar: Beats): { beat: Beats; cost: number }[] {
  const out: { beat: Beats; cost: number }[] = [];
  for (let k = Math.floor(x) - 3; k <= Math.ceil(x) + 3; k++) {
    if (k > 0) out.push({ beat: k, cost: k % bar === 0 ? 0 : COST.offbeat });
    const half = k + 0.5;
    if (Math.abs(half - x) <= 1.5) out.push({ beat: half, cost: COST.halfBeat });
  }
  return out;
}

/**
 * Ways the last stretch may end: the base tempo kept (a last bar cut short) or, unless fixed, a whole
 * bar; with each one's factor.
 */
function endings(
  i: TimingInput,
  map: TempoEvent[],
  from: Beats,
  t: Seconds,
): { beat: Beats; cost: number; f: number }[] {
  const exact = secondsToBeats(beatsToSeconds(from, map) + (i.seconds - t), map);
  const out = [{ beat: exact, cost: i.fixed ? 0 : COST.fractionalEnd, f: 1 }];
  if (i.fixed) return out;
  for (const bars of [Math.floor(exact / i.bar), Math.ceil(exact / i.bar)]) {
    const beat = bars * i.bar;
    if (beat <= from) continue;
    const f = factor(map, from, beat, i.seconds - t);
    if (Math.abs(f - 1) <= END_NUDGE) out.push({ beat, cost: stretchCost(f), f });
  }
  return out;
}

interface Fit {
  cost: number;
  beats: Beats[];
  end: Beats;
}

/** The price of a tempo step between two neighbouring stretches (factors `a` then `b`). */
const stepCost = (a: number, b: number): number => COST.step * Math.log(b / a) ** 2;

/**
 * The cheapest beats for `hits` (and the end) over `map`, by dynamic programming over pairs of
 * neighbouring hits (so each tempo step is priced as well as each stretch); cost Infinity if none.
 */
function place(i: TimingInput, map: TempoEvent[], hits: readonly Hit[]): Fit {
  type Node = { beat: Beats; t: Seconds; f: number; cost: number; path: Beats[] };
  let layer: Node[] = [{ beat: 0, t: 0, f: NaN, cost: 0, path: [] }];
  const step = (n: Node, f: number): number => (Number.isNaN(n.f) ? 0 : stepCost(n.f, f));
  for (const h of hits) {
    const next = new Map<string, Node>();
    for (const c of candidates(secondsToBeats(h.seconds, map), i.bar))
      for (const n of layer) {
        if (c.beat <= n.beat) continue;
        const f = factor(map, n.beat, c.beat, h.seconds - n.t);
        const cost = n.cost + c.cost + stretchCost(f) + step(n, f);
        const key = `${c.beat} ${n.beat}`;
        if (cost < (next.get(key)?.cost ?? Infinity))
          next.set(key, { beat: c.beat, t: h.seconds, f, cost, path: [...n.path, c.beat] });
      }
    if (next.size === 0) return { cost: Infinity, beats: [], end: 0 };
    layer = [...next.values()];
  }
  let fit: Fit = { cost: Infinity, beats: [], end: 0 };
  for (const n of layer)
    for (const e of endings(i, map, n.beat, n.t)) {
      const cost = n.cost + e.cost + step(n, e.f);
      if (cost < fit.cost) fit = { cost, beats: n.path, end: e.beat };
    }
  return fit;
}

/** The base map bent between anchors (time, beat) so that each anchor's beat falls at its time. */
function warp(map: TempoEvent[], anchors: readonly { t: Seconds; beat: Beats }[]): TempoEvent[] {
  const out: TempoEvent[] = [];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [a, b] = [anchors[k], anchors[k + 1]];
    const f = factor(map, a.beat, b.beat, b.t - a.t);
    out.push({ beat: a.beat, bpm: f * tempoAt(a.beat, map) });
    for (const e of map) if (e.beat > a.beat && e.beat < b.beat) out.push({ beat: e.beat, bpm: f * e.bpm });
  }
  return out.filter((e, k) => k === 0 || Math.abs(e.bpm / out[k - 1].bpm - 1) > 1e-12);
}

/** Scales of the opening tempo tried when it may move: 0.92 to 1.08. */
const SCALES = Array.from({ length: 33 }, (_, k) => 0.92 + k * 0.005);

/**
 * Fits the time line. Without cuts or changes this is {@link fitTempo}: one tempo, nudged by at most 5%
 * to whole bars unless stated. With cuts, every hit lands on a beat (a downbeat when that costs less than
 * about a 7% local tempo change; the eighth between two beats when a whole beat would cost more than
 * about 15%, as for cuts two beats apart) and the piece still lasts exactly `seconds`.
 */
export function fitTiming(i: TimingInput): Timing {
  const cuts = i.cuts ?? [];
  if (cuts.length === 0 && (i.changes ?? []).length === 0) {
    const { tempo, beats } = fitTempo(i.seconds, i.tempo, i.bar, i.fixed);
    return { tempos: [{ beat: 0, bpm: tempo }], beats, hits: [], changeBeats: [], unplaced: [] };
  }
  const scales = i.fixed || (i.changes ?? []).length > 0 ? [1] : SCALES;
  let hits = groupCuts(cuts, i.seconds, baseMap(i, 1).map);
  // Cuts at the very edges or outside the piece get no hit either.
  const unplaced: Seconds[] = cuts.filter((c) => !(c > EDGE && c < i.seconds - EDGE));
  for (;;) {
    let best: (Fit & { map: TempoEvent[]; at: Beats[] }) | undefined;
    for (const scale of scales) {
      const { map, at } = baseMap(i, scale);
      const fit = place(i, map, hits);
      const cost = fit.cost + COST.scale * Math.log(scale) ** 2;
      if (cost < (best?.cost ?? Infinity)) best = { ...fit, cost, map, at };
    }
    if (best) {
      const placed = hits.map((h, k) => ({
        ...h,
        beat: best.beats[k],
        downbeat: best.beats[k] % i.bar === 0,
      }));
      const anchors = [
        { t: 0, beat: 0 },
        ...placed.map((h) => ({ t: h.seconds, beat: h.beat })),
        { t: i.seconds, beat: best.end },
      ];
      return {
        tempos: warp(best.map, anchors),
        beats: best.end,
        hits: placed,
        changeBeats: best.at,
        unplaced,
      };
    }
    // No tempo within range reaches every hit: the hit closest after its neighbour goes.
    const gaps = hits.map((h, k) => h.seconds - (k > 0 ? hits[k - 1].seconds : 0));
    const drop = gaps.indexOf(Math.min(...gaps));
    unplaced.push(...hits[drop].cuts);
    hits = hits.filter((_, k) => k !== drop);
  }
}
