/**
 * The corpus pipeline for one file, pure: MIDI bytes plus whatever side files a corpus has (beat, key and
 * chord annotations, labels) -> a manifest row of features and labels, and one encoded event stream per
 * role with the chord and the instrument family at each event (their shapes: `corpus-data.ts`). The CLI's
 * scanner reads the files and writes the shards.
 */
import { encodeNotes, GRID, quantizeNotes, REST } from '../codec/events';
import type { MidiRead } from '../codec/midi';
import { readMidi } from '../codec/midi';
import { densityFromNotesPerBeat, registerFromPitch } from '../conditioning';
import type { Mode, Note, NoteSequence, Role } from '../sequence';
import { beatsPerBar, line, ROLES } from '../sequence';
import { dominantKey, parseKeyLabel, trustedStyle } from './annotations';
import type { ChordSpan } from './chords';
import { annotatedChords, barChords, chordIdAt, estimateChords } from './chords';
import { td11ToGm } from './drums';
import { extractFeatures } from './extract';
import { familyId, familyOfProgram } from './family';
import type { Placement } from './roles';
import { splitPianoRoles } from './roles';
import type { CorpusInput, CorpusRow, RoleStream, Split, TrackRow } from './corpus-data';
import { placeOnGrid } from './corpus-grid';

export type { CorpusConditioning, CorpusInput, CorpusRow, RoleStream, Split, TrackRow } from './corpus-data';

const QUADRANTS: Record<string, [number, number]> = {
  Q1: [0.6, 0.6],
  Q2: [-0.6, 0.6],
  Q3: [-0.6, -0.6],
  Q4: [0.6, -0.6],
};

/** Deterministic split by song: FNV-1a hash, one song in ten to validation. */
export function splitOf(song: string): Split {
  return songHash(song) % 10 === 0 ? 'valid' : 'train';
}

/** FNV-1a hash of a song id (the split's, and the scanner's choice of a validation song). */
export function songHash(song: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < song.length; i++) h = Math.imul(h ^ song.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function mapDrums(seq: NoteSequence): NoteSequence {
  const notes = seq.notes.flatMap((n) => {
    if (!n.isDrum) return [n];
    const gm = td11ToGm(n.pitch);
    return gm === null ? [] : [{ ...n, pitch: gm }];
  });
  return { ...seq, notes };
}

function chordSpans(
  input: CorpusInput,
  seq: NoteSequence,
): { spans: ChordSpan[]; source: CorpusRow['chords'] } {
  if (input.chordLabels?.length && input.beats?.length)
    return {
      spans: annotatedChords(input.chordLabels, input.beats, input.beatsPerBar ?? 4),
      source: 'annotated',
    };
  const ts = seq.timeSignatures[0] ?? { beat: 0, numerator: 4, denominator: 4 };
  const labelled = input.barChords
    ? barChords(input.barChords.entries, input.barChords.bars, beatsPerBar(ts))
    : null;
  if (labelled) return { spans: labelled, source: 'annotated' };
  const pitched = seq.notes.filter((n) => !n.isDrum);
  return pitched.length
    ? { spans: estimateChords(pitched, seq.totalBeats), source: 'estimated' }
    : { spans: [], source: 'none' };
}

/**
 * Applies the track placements: left-out tracks' notes are dropped, and split tracks lose their low line
 * to bass and their top line to melody.
 */
function applyPlacements(seq: NoteSequence, placements: readonly Placement[]): Note[] {
  const kept: Note[] = [];
  const split = new Map<string, Note[]>();
  for (const n of seq.notes) {
    const p = n.track === undefined ? undefined : placements[n.track];
    if (p && p.role === null) continue;
    if (p && (p.splitLow || p.splitTop)) {
      const key = `${p.splitLow ? 'L' : ''}${p.splitTop ? 'T' : ''}`;
      split.set(key, [...(split.get(key) ?? []), n]);
    } else kept.push(n);
  }
  for (const [key, notes] of split)
    kept.push(...splitPianoRoles(notes, { low: key.includes('L'), skyline: key.includes('T') }));
  return kept;
}

/**
 * Encodes one role's notes with the chord id and the instrument family id at each event (a rest event
 * takes the family of the note it leads to).
 */
export function encodeRole(
  notes: readonly Note[],
  spans: readonly ChordSpan[],
): Pick<RoleStream, 'events' | 'chords' | 'families'> {
  const q = quantizeNotes(notes);
  const events = encodeNotes(q);
  const drums = q[0]?.isDrum ?? false;
  const chords: number[] = [];
  const families: number[] = [];
  let t = 0;
  let next = 0;
  for (const e of events) {
    t += e.step;
    chords.push(drums ? 0 : chordIdAt(spans, t / GRID));
    const n = q[Math.min(next, q.length - 1)];
    families.push(familyId(n.program, n.isDrum));
    if (e.pitch !== REST) next++;
  }
  return { events, chords, families };
}

/** The file's tracks as manifest rows (notes counted after placement). */
function trackRows(seq: NoteSequence, placements: readonly Placement[]): TrackRow[] {
  const counts = new Array<number>(seq.tracks.length).fill(0);
  for (const n of seq.notes) if (n.track !== undefined) counts[n.track]++;
  return seq.tracks.map((t, i) => {
    const p = placements[i];
    return {
      name: t.name,
      program: t.program,
      family: familyOfProgram(t.program, t.isDrum),
      notes: counts[i],
      role: p.role,
      by:
        p.role === null
          ? p.reason
          : `${p.by}${p.splitLow ? ', low line split off' : ''}${p.splitTop ? ', top line split off' : ''}`,
    };
  });
}

/**
 * A file as the pipeline places it, before any grid: tracks left out dropped, split tracks split (a piano's
 * low line to bass, its top line to melody), drums mapped to General MIDI; with the reader's report.
 * @throws {MidiParseError} when the bytes are not a usable MIDI file.
 */
export function placedSequence(
  bytes: Uint8Array,
  drumKit: CorpusInput['drumKit'] = 'gm',
): { sequence: NoteSequence; read: MidiRead } {
  const read = readMidi(bytes);
  let sequence = { ...read.sequence, notes: applyPlacements(read.sequence, read.placements) };
  if (drumKit === 'td11') sequence = mapDrums(sequence);
  return { sequence, read };
}

/**
 * Each role's notes as the scan learns them: as written, or with `melodyLine` the melody as one line (the
 * highest note of each onset), the notes under it dropped or, with `melodyRest: 'harmony'`, played by the
 * harmony (in time order, lowest pitch first).
 */
export function notesByRole(
  notes: readonly Note[],
  { melodyLine = false, melodyRest = 'drop' }: Pick<CorpusInput, 'melodyLine' | 'melodyRest'> = {},
): Record<Role, Note[]> {
  const out = Object.fromEntries(ROLES.map((r) => [r, notes.filter((n) => n.role === r)])) as Record<
    Role,
    Note[]
  >;
  if (!melodyLine) return out;
  const melody = out.melody;
  out.melody = line(melody, true);
  if (melodyRest === 'harmony') {
    const kept = new Set(out.melody);
    const under = melody.filter((n) => !kept.has(n)).map((n): Note => ({ ...n, role: 'harmony' }));
    out.harmony = [...out.harmony, ...under].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  }
  return out;
}

/**
 * Runs the corpus pipeline on one file.
 * @throws {MidiParseError} when the bytes are not a usable MIDI file.
 */
export function prepareCorpusFile(input: CorpusInput): { row: CorpusRow; streams: RoleStream[] } {
  const placedFile = placedSequence(input.bytes, input.drumKit);
  const read = placedFile.read;
  const tracks = trackRows(read.sequence, read.placements);
  let seq = placedFile.sequence;
  const noGrid =
    input.noGrid ?? (read.report.timeBase === 'smpte' ? 'SMPTE time: no beat grid in the file' : undefined);
  const placed = placeOnGrid({ ...input, noGrid }, seq);
  seq = placed.seq;
  if (placed.grid !== 'none') seq = { ...seq, notes: quantizeNotes(seq.notes) };
  const key: { tonic: number; mode: Mode } | undefined =
    (input.keyLabels && dominantKey(input.keyLabels)) ??
    (input.keyLabel !== undefined ? parseKeyLabel(input.keyLabel) : null) ??
    undefined;
  const features = extractFeatures(seq, key);
  const { spans, source } = chordSpans(input, seq);
  const [valence, arousal] = QUADRANTS[input.labels?.quadrant ?? ''] ?? [0, 0];
  const style = trustedStyle(input.labels ?? {});
  const streams: RoleStream[] = [];
  const events: Partial<Record<Role, number>> = {};
  const roleNotes: Partial<Record<Role, number>> = {};
  const byRole = notesByRole(seq.notes, input);
  for (const role of ROLES) {
    const notes = byRole[role];
    if (notes.length === 0) continue;
    roleNotes[role] = notes.length;
    if (placed.grid === 'none') continue;
    const encoded = encodeRole(notes, spans);
    const meanPitch = notes.reduce((s, n) => s + n.pitch, 0) / notes.length;
    streams.push({
      role,
      ...encoded,
      conditioning: {
        tempo: features.tempo,
        key: features.key,
        meter: features.meter,
        valence,
        arousal,
        density: densityFromNotesPerBeat(features.density[role] ?? 0),
        dynamics: notes.reduce((s, n) => s + n.velocity, 0) / notes.length / 127,
        register: registerFromPitch(meanPitch),
        style: style.style,
        roles: features.roles,
      },
    });
    events[role] = encoded.events.length;
  }
  const { notes: _notes, ...report } = read.report;
  const row: CorpusRow = {
    id: input.id,
    song: input.song,
    corpus: input.corpus ?? input.id.split('/')[0],
    split: splitOf(input.song),
    grid: placed.grid,
    chords: source,
    quadrant: input.labels?.quadrant ?? null,
    valence,
    arousal,
    style: style.style,
    styleLabel: input.labels?.style || null,
    ...(style.why && input.labels?.style ? { styleDistrust: style.why } : {}),
    events,
    roleNotes,
    tracks,
    read: report,
    ...(placed.grid === 'none' ? { noStreams: noGrid } : {}),
    weight: 1,
    ...features,
  };
  return { row, streams };
}
