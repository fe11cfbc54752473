/**
 * A set's role figures: each of {@link ROLE_ROWS} over the pieces where it is defined (a mean of the
 * pieces' own rates, every piece weighing the same, or a share of pieces), and the mean note-length
 * histograms. The same summary serves generated sets and the reference.
 */
import type { Role } from '../sequence';
import type { RoleFigures } from './roles';
import { C4, LENGTH_CLASSES } from './roles';

/** One figure of a set: its value and the pieces it is over. */
export interface RoleValue {
  value: number;
  pieces: number;
}

/** A set's role figures. */
export interface RoleSummary {
  rows: Record<string, RoleValue>;
  /** Mean note-length histogram per pitched role (shares of {@link LENGTH_CLASSES}). */
  lengths: Record<'melody' | 'bass' | 'harmony', number[]>;
}

/** How a figure is read off one piece: a number (averaged) or a yes/no (a share of pieces). */
interface RowSpec {
  id: string;
  role: Role;
  label: string;
  /** A unit for display: a share (0..1, shown as a percentage) or a plain number. */
  unit: 'share' | 'number';
  of: (f: RoleFigures) => number | boolean | null | undefined;
}

/** Every role figure, in report order. */
export const ROLE_ROWS: readonly RowSpec[] = [
  {
    id: 'melody.meanPitch',
    role: 'melody',
    label: 'melody mean pitch (60 = C4)',
    unit: 'number',
    of: (f) => f.melody?.meanPitch,
  },
  {
    id: 'melody.belowC4',
    role: 'melody',
    label: 'pieces whose melody sits below C4',
    unit: 'share',
    of: (f) => f.melody && f.melody.meanPitch < C4,
  },
  {
    id: 'melody.onePitch',
    role: 'melody',
    label: 'pieces whose melody is more than half one pitch',
    unit: 'share',
    of: (f) => f.melody && f.melody.topPitchShare > 0.5,
  },
  {
    id: 'melody.repeat',
    role: 'melody',
    label: 'melody moves that repeat the last pitch',
    unit: 'share',
    of: (f) => f.melody?.repeat,
  },
  {
    id: 'melody.step',
    role: 'melody',
    label: 'melody moves by step (1-2 semitones)',
    unit: 'share',
    of: (f) => f.melody?.step,
  },
  {
    id: 'melody.leap',
    role: 'melody',
    label: 'melody moves by leap (3+ semitones)',
    unit: 'share',
    of: (f) => f.melody?.leap,
  },
  {
    id: 'melody.short',
    role: 'melody',
    label: 'melody notes a sixteenth or shorter',
    unit: 'share',
    of: (f) => f.melody?.lengths[0],
  },
  {
    id: 'melody.stacked',
    role: 'melody',
    label: 'melody notes struck together with another (a tune played as chords)',
    unit: 'share',
    of: (f) => f.melody?.stacked,
  },
  {
    id: 'bass.root',
    role: 'bass',
    label: "bass notes on the chord's root",
    unit: 'share',
    of: (f) => f.bass?.root,
  },
  {
    id: 'bass.chordTone',
    role: 'bass',
    label: 'bass notes on a chord tone',
    unit: 'share',
    of: (f) => f.bass?.chordTone,
  },
  {
    id: 'bass.rootOnChanges',
    role: 'bass',
    label: 'first bass note after a chord change: root',
    unit: 'share',
    of: (f) => f.bass?.rootOnChanges,
  },
  {
    id: 'bass.chordToneOnChanges',
    role: 'bass',
    label: 'first bass note after a chord change: chord tone',
    unit: 'share',
    of: (f) => f.bass?.chordToneOnChanges,
  },
  {
    id: 'bass.short',
    role: 'bass',
    label: 'bass notes a sixteenth or shorter',
    unit: 'share',
    of: (f) => f.bass?.lengths[0],
  },
  {
    id: 'harmony.chordTone',
    role: 'harmony',
    label: 'harmony notes on a chord tone',
    unit: 'share',
    of: (f) => f.harmony?.chordTone,
  },
  {
    id: 'harmony.short',
    role: 'harmony',
    label: 'harmony notes a sixteenth or shorter',
    unit: 'share',
    of: (f) => f.harmony?.lengths[0],
  },
  {
    id: 'drums.onsetsPerBeat',
    role: 'drums',
    label: 'drum onsets per beat',
    unit: 'number',
    of: (f) => f.drums?.onsetsPerBeat,
  },
  {
    id: 'drums.kickOnDownbeat',
    role: 'drums',
    label: 'bars with a kick on the downbeat',
    unit: 'share',
    of: (f) => f.drums?.kickOnDownbeat,
  },
  {
    id: 'drums.backbeat',
    role: 'drums',
    label: 'snare hits on beats 2 and 4 (4/4)',
    unit: 'share',
    of: (f) => f.drums?.backbeat,
  },
  {
    id: 'drums.barSimilarity',
    role: 'drums',
    label: 'neighbouring bars alike (Jaccard)',
    unit: 'share',
    of: (f) => f.drums?.barSimilarity,
  },
];

function meanOf(values: readonly number[]): RoleValue {
  return {
    value: values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN,
    pieces: values.length,
  };
}

/** Summarises the role figures of a set's pieces. */
export function summariseRoles(pieces: readonly RoleFigures[]): RoleSummary {
  const rows: Record<string, RoleValue> = {};
  for (const r of ROLE_ROWS) {
    const values = pieces
      .map(r.of)
      .filter((v): v is number | boolean => v !== null && v !== undefined && !Number.isNaN(v))
      .map(Number);
    rows[r.id] = meanOf(values);
  }
  const lengths = (role: 'melody' | 'bass' | 'harmony'): number[] => {
    const hs = pieces.flatMap((p) => (p[role] ? [p[role].lengths] : []));
    return LENGTH_CLASSES.map((_, i) => meanOf(hs.map((h) => h[i]).filter((x) => !Number.isNaN(x))).value);
  };
  return { rows, lengths: { melody: lengths('melody'), bass: lengths('bass'), harmony: lengths('harmony') } };
}
