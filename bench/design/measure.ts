/**
 * The design comparison of docs/model.md: for each trained model folder, its validation NLL per head
 * (from its config.json), and the figures of `figures.ts` on pieces it writes with every rule off (no
 * scale or tonic bias, no arranger) under a fixed diatonic progression, one chord a bar (I-V-vi-IV in
 * major, i-VI-iv-V in minor), piece i in key (7i mod 12) alternately major and minor, with register,
 * density and tempo varied over the pieces, beside the same figures on POP909's validation songs (64-beat excerpts,
 * their annotated chords). "decoy" reads the generated bass against the progression two bars on: a model
 * that follows the chords scores far lower there.
 *
 * Usage: node --import tsx bench/design/measure.ts --data <scan dir> [--pieces 48] [--temperature 0.9]
 *        NAME=DIR[:next-chord] ...
 * (`:next-chord` for an event LSTM trained on `next-chord-scan.ts`'s copy: it is stepped twice on a
 * chord change, see {@link NextChordStepper}.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { folderLoader } from '../../cli/model-files';
import { loadStreams } from '../../cli/train/shards';
import { basicProgression } from '../../core/arrange/progression';
import { REST } from '../../core/codec/events';
import { defaultConditioning } from '../../core/conditioning';
import type { Conditioning } from '../../core/conditioning';
import type { ChordSpan } from '../../core/features/chords';
import { chordIdAt } from '../../core/features/chords';
import { createStepper } from '../../core/model/band-step';
import type { Stream } from '../../core/model/data';
import { generateRoles } from '../../core/model/generate';
import type { ModelConfig } from '../../core/model/config';
import type { HeadTemperature } from '../../core/model/sampling';
import type { RolePriors } from '../../core/model/priors';
import { FALLBACK_PRIORS, roleConditioning } from '../../core/model/priors';
import { readModelParts, weightArrays } from '../../core/model/read';
import type { LaneHeads, StepInput, Stepper } from '../../core/model/step';
import { EventLstmStepper } from '../../core/model/step';
import { seededRandom } from '../../core/random';
import type { Note, Role } from '../../core/sequence';
import type { ChordedNote, Piece } from './figures';
import { emptyTally, figures, tallyPiece } from './figures';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    pieces: { type: 'string', default: '48' },
    temperature: { type: 'string', default: '0.9' },
    'top-p': { type: 'string', default: '0.95' },
    /** Per-head temperature multipliers, e.g. pitch=0.8,duration=0.7. */
    heads: { type: 'string', default: '' },
    beats: { type: 'string', default: '64' },
  },
});
const BEATS = Number(values.beats);
/**
 * `--heads bass.pitch=0.7,melody.duration=0.8`: each role's head multipliers; without `--heads`, the
 * model's own decoding settings (`config.json` `sampling`).
 */
function headsOf(role: Role, config: ModelConfig): HeadTemperature | undefined {
  if (!values.heads) return config.sampling?.roles?.[role];
  const out: Record<string, number> = {};
  for (const kv of values.heads.split(',').filter(Boolean)) {
    const [key, v] = kv.split('=');
    const [r, h] = key.includes('.') ? key.split('.') : [role, key];
    if (r === role) out[h] = Number(v);
  }
  return out as HeadTemperature;
}

/**
 * The event LSTM trained with the next onset's chord as input: each step is read first with the chord
 * in force (no change assumed); when the sampled step reaches another chord, the lane's state is put back
 * and the step read again with that chord, and pitch, duration and velocity come from the second reading.
 */
class NextChordStepper implements Stepper {
  constructor(private readonly inner: EventLstmStepper) {}
  get config() {
    return this.inner.config;
  }
  reset(lanes = 1): void {
    this.inner.reset(lanes);
  }
  heads(inputs: readonly (StepInput | null)[], conds: readonly ArrayLike<number>[]): (LaneHeads | null)[] {
    const saved = inputs.map((x, lane) => (x ? this.inner.trunk.snapshot(lane) : null));
    const first = this.inner.stepLanes(inputs, conds);
    return first.map((l, lane) => {
      if (!l) return null;
      let out = l;
      let read = inputs[lane]!.chord;
      const at = (chord: number) => {
        if (chord !== read) {
          this.inner.trunk.restore(lane, saved[lane]!);
          const again: (StepInput | null)[] = inputs.map(() => null);
          again[lane] = { ...inputs[lane]!, chord };
          out = this.inner.stepLanes(again, conds)[lane]!;
          read = chord;
        }
        return out;
      };
      return {
        step: l.step,
        pitch: (o) => at(o.chord).pitch,
        note: (o) => ({ duration: at(o.chord).duration, velocity: at(o.chord).velocity }),
      };
    });
  }
}

const ROLES: Role[] = ['melody', 'harmony', 'bass'];

function chorded(notes: readonly Note[], chords: readonly ChordSpan[]): ChordedNote[] {
  return notes.map((n) => ({
    pitch: n.pitch,
    start: n.start,
    end: n.end,
    chord: chordIdAt(chords, n.start),
  }));
}

/** Writes `count` pieces with a model folder's stepper; returns their figures and the decoy's. */
async function measureModel(dir: string, mode: string | undefined, count: number) {
  const parts = await readModelParts(folderLoader(dir));
  const weights = weightArrays(parts);
  const stepper =
    mode === 'next-chord'
      ? new NextChordStepper(new EventLstmStepper(parts.config, weights))
      : createStepper(parts.config, weights);
  const priors = (parts.config.training?.priors as RolePriors | undefined) ?? FALLBACK_PRIORS;
  const fed = emptyTally();
  const decoy = emptyTally();
  const t0 = performance.now();
  let notes = 0;
  for (let i = 0; i < count; i++) {
    const c: Conditioning = {
      ...defaultConditioning(),
      key: { tonic: (i * 7) % 12, mode: i % 2 ? 'minor' : 'major' },
      register: [0.35, 0.5, 0.65][i % 3],
      density: [0.2, 0.3, 0.45][Math.floor(i / 3) % 3],
      tempo: [80, 100, 125][Math.floor(i / 9) % 3],
      roles: ROLES,
    };
    const chords = basicProgression(c, BEATS);
    const shifted = chords.map((s, k) => ({
      ...chords[(k + 2) % chords.length],
      start: s.start,
      end: s.end,
    }));
    const written = generateRoles(
      stepper,
      ROLES.map((role) => ({
        role,
        conditioning: roleConditioning(c, role, priors),
        beats: BEATS,
        chords,
        temperature: Number(values.temperature),
        topP: Number(values['top-p']),
        headTemperature: headsOf(role, parts.config),
      })),
      seededRandom(1000 + i),
    );
    notes += written.reduce((s, w) => s + w.length, 0);
    const piece = (plan: ChordSpan[]): Piece => ({
      melody: chorded(written[0], plan),
      harmony: chorded(written[1], plan),
      bass: chorded(written[2], plan),
    });
    tallyPiece(fed, piece(chords));
    tallyPiece(decoy, piece(shifted));
  }
  const ms = (performance.now() - t0) / notes;
  const valid = (parts.config.training?.valid ?? {}) as Record<string, number>;
  return { config: parts.config, fed: figures(fed), decoy: figures(decoy), valid, ms };
}

/** POP909's validation songs as 64-beat excerpts (key-relative pitches and chords alike). */
function reference(data: string): Record<string, number> {
  const streams = loadStreams(data, true).valid.filter((s) => /(^|\/)pop909\//.test(s.id));
  const songs = new Map<string, Partial<Record<Role, Stream>>>();
  for (const s of streams) songs.set(s.id, { ...songs.get(s.id), [s.role]: s });
  const t = emptyTally();
  for (const roles of songs.values()) {
    const notes = Object.fromEntries(ROLES.map((r) => [r, roles[r] ? streamNotes(roles[r]) : []])) as Record<
      Role,
      ChordedNote[]
    >;
    const end = Math.max(...ROLES.map((r) => notes[r].at(-1)?.start ?? 0));
    for (let b = 0; b + BEATS <= end; b += BEATS) {
      const cut = (r: Role) => notes[r].filter((n) => n.start >= b && n.start < b + BEATS);
      if (cut('melody').length > 0)
        tallyPiece(t, { melody: cut('melody'), harmony: cut('harmony'), bass: cut('bass') });
    }
  }
  return figures(t);
}

function streamNotes(s: Stream): ChordedNote[] {
  const out: ChordedNote[] = [];
  let onset = 0;
  for (let i = 1; i < s.length; i++) {
    onset += s.cols.step[i];
    if (s.cols.pitch[i] === REST) continue;
    const start = onset / 12;
    out.push({ pitch: s.cols.pitch[i], start, end: start + s.cols.duration[i] / 12, chord: s.cols.chord[i] });
  }
  return out;
}

const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(3));
const FIGS = [
  'bassRootOnChange',
  'bassRoot',
  'bassChordTone',
  'harmonyChordTone',
  'melodyChordTone',
  'melodyBelowC4',
  'melodyOnePitch',
  'melodyRepeat',
  'melodyStep',
  'melodyLeap',
  'melodyShort',
];
const count = Number(values.pieces);
console.log(
  `${count} pieces of ${BEATS} beats per model, melody + harmony + bass, no biases, temperature ${values.temperature} ${values.heads || "(each model's own head settings)"}, top-p ${values['top-p']}\n`,
);
console.log(
  `| model | NLL pitch | step | duration | velocity | total | ${FIGS.join(' | ')} | decoy bassRootOnChange | ms/note |`,
);
console.log(
  `| --- | ${Array(FIGS.length + 7)
    .fill('---')
    .join(' | ')} |`,
);
for (const arg of positionals) {
  const [name, spec] = arg.split('=');
  const [dir, mode] = spec.split(':');
  const m = await measureModel(dir, mode, count);
  const v = m.valid;
  const total = v.pitch + v.step + v.duration + v.velocity;
  console.log(
    `| ${name} | ${f3(v.pitch)} | ${f3(v.step)} | ${f3(v.duration)} | ${f3(v.velocity)} | ${f3(total)} | ${FIGS.map((k) => f3(m.fed[k])).join(' | ')} | ${f3(m.decoy.bassRootOnChange)} | ${m.ms.toFixed(3)} |`,
  );
  const log = join(dir, 'training.jsonl');
  try {
    const last = readFileSync(log, 'utf8').trim().split('\n').at(-1);
    if (last) console.error(`  ${name}: ${JSON.parse(last).eventsPerSecond.toFixed(0)} events/s in training`);
  } catch {
    // no training log
  }
}
if (values.data) {
  const r = reference(values.data);
  console.log(
    `| POP909 validation (${r.pieces} excerpts) | | | | | | ${FIGS.map((k) => f3(r[k])).join(' | ')} | | |`,
  );
}
