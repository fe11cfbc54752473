/**
 * The editor's overrides (tempo, key, meter, style, instruments set in the panel or on the command line)
 * applied over what the prompt implies, everywhere the reading is recorded.
 */
import type { Conditioning } from './conditioning';
import { conditioningVector } from './conditioning';
import type { EmbedAttributes, EmbedResult } from './embed/types';
import { PITCH_CLASS_NAMES } from './sequence';

/** Settings an editor may force over what the prompt implies. */
export type ComposeOverrides = Partial<Pick<Conditioning, 'tempo' | 'key' | 'meter' | 'style' | 'roles'>>;

/** The flat, readable attributes of `a` made to agree with `c` (the conditioning that was written). */
function agreeWith<T extends EmbedAttributes>(a: T, c: Conditioning, o: ComposeOverrides): T {
  return {
    ...a,
    tempo: c.tempo,
    key: { tonic: PITCH_CLASS_NAMES[c.key.tonic], mode: c.key.mode },
    meter: `${c.meter.numerator}/${c.meter.denominator}`,
    style: c.style,
    drums: c.roles.includes('drums'),
    vector: conditioningVector(c),
    ...(o.tempo !== undefined && { statedBpm: o.tempo }),
  };
}

/** One explanation line per override, saying what the prompt had read. */
function overrideNotes(e: EmbedResult, o: ComposeOverrides): string[] {
  const c = e.conditioning;
  const key = (k: Conditioning['key']): string => `${PITCH_CLASS_NAMES[k.tonic]} ${k.mode}`;
  const notes: string[] = [];
  if (o.tempo !== undefined)
    notes.push(`tempo ${o.tempo} bpm: set by the editor (the prompt read ${c.tempo})`);
  if (o.key !== undefined) notes.push(`key ${key(o.key)}: set by the editor (the prompt read ${key(c.key)})`);
  if (o.meter !== undefined)
    notes.push(`meter ${o.meter.numerator}/${o.meter.denominator}: set by the editor`);
  if (o.style !== undefined) notes.push(`style ${o.style}: set by the editor (the prompt read ${c.style})`);
  if (o.roles !== undefined)
    notes.push(
      `instruments ${o.roles.join(', ')}: chosen by the editor (the prompt read ${c.roles.join(', ')})`,
    );
  return notes;
}

/**
 * The embedding with the editor's overrides applied everywhere it is read: the conditioning (what the
 * music is written under), every segment's, and the flat fields and explanation the `.json` records, so
 * the file says what the music does.
 */
export function applyOverrides(e: EmbedResult, o: ComposeOverrides | undefined): EmbedResult {
  if (!o || Object.values(o).every((v) => v === undefined)) return e;
  const set = (c: Conditioning): Conditioning => ({
    ...c,
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
  });
  const sources = {
    ...e.sources,
    ...(o.tempo !== undefined && { tempo: 'explicit' as const }),
    ...(o.key !== undefined && { key: 'explicit' as const }),
    ...(o.meter !== undefined && { meter: 'explicit' as const }),
    ...(o.style !== undefined && { style: 'explicit' as const }),
    ...(o.roles !== undefined && { instruments: 'explicit' as const }),
  };
  const conditioning = set(e.conditioning);
  return {
    ...agreeWith(e, conditioning, o),
    sources,
    explanation: [...overrideNotes(e, o), ...e.explanation],
    conditioning,
    segments: e.segments.map((s) => {
      const sc = set(s.conditioning);
      return { ...agreeWith(s, sc, o), sources: { ...s.sources, ...sources }, conditioning: sc };
    }),
  };
}
