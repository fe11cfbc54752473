/**
 * The music model's lifecycle: `load` (config.json checked, then the weights), `generate` (stateful,
 * seeded, every role in lockstep under shared conditioning and chords; `generateAsync` the same with
 * pauses for a UI thread), `dispose`.
 */
import type { Conditioning } from '../conditioning';
import { ModelLoadError, ModelNotReadyError } from '../errors';
import type { ChordSpan } from '../features/chords';
import { seededRandom } from '../random';
import type { Beats, Note, NoteSequence, Role, TrackInfo } from '../sequence';
import { sortNotes } from '../sequence';
import type { ModelConfig } from './config';
import { generateRoles, generateRolesAsync } from './generate';
import type { PauseOptions, RoleOptions } from './generate';
import type { FileLoader } from './read';
import { readModelParts, weightArrays } from './read';
import type { RolePriors, StylePriors } from './priors';
import { FALLBACK_PRIORS, roleConditioning } from './priors';
import { createStepper } from './band-step';
import { DEFAULT_PROGRAMS } from './families';
import type { Stepper } from './step';

/** What to generate. */
export interface GenerateRequest {
  conditioning: Conditioning;
  /** Length in beats. */
  beats: Beats;
  /** Roles to write. Default: `conditioning.roles`. */
  roles?: Role[];
  /** Chord plan (absolute pitch classes). */
  chords?: readonly ChordSpan[];
  /** Seed of the random source. Default 1. */
  seed?: number;
  /** Default 1. */
  temperature?: number;
  /** Default 0.95. */
  topP?: number;
  /** Log-probability added to out-of-scale pitches. Default 0 (none). */
  scaleBias?: number;
  /** Log-probability added to the tonic's pitch class. Default 0. */
  tonicBias?: number;
  /** GM program per role; a band LSTM is conditioned on each program's instrument family. */
  programs?: Partial<Record<Role, number>>;
  /** Conditioning changes over the piece (a form's sections), sorted by start beat. */
  sections?: readonly { start: Beats; conditioning: Conditioning }[];
  /** False: no generation rule (see RoleOptions.rules); pass no biases either. Default true. */
  rules?: boolean;
  /** Spans each role does not write (see RoleOptions.skip), in beats from 0. Default none. */
  skip?: Partial<Record<Role, readonly { start: Beats; end: Beats }[]>>;
}

/** A loaded model. */
export class MusicModel {
  private stepper: Stepper | null;
  /** True while {@link generateAsync} holds the stepper between its pauses. */
  private writing = false;
  /** The last asynchronous generation (the next one starts after it). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly config: ModelConfig,
    stepper: Stepper,
  ) {
    this.stepper = stepper;
  }

  /**
   * Loads a model folder through `loader` (which reads `config.json`, `model.json`, `weights.bin`).
   * @throws {ModelLoadError} on missing files, a config that does not match the code, or bad weights.
   */
  static async load(loader: FileLoader): Promise<MusicModel> {
    const a = await readModelParts(loader);
    if (a.config.architecture.kind === 'seed-baseline')
      throw new ModelLoadError(`${a.config.name} is a ${a.config.architecture.kind}, not a generator`);
    return new MusicModel(a.config, createStepper(a.config, weightArrays(a)));
  }

  /** The per-role priors measured in training (or typical values). */
  get priors(): RolePriors {
    return (this.config.training?.priors as RolePriors | undefined) ?? FALLBACK_PRIORS;
  }

  /** The per-style priors measured in training (none for a model trained before they were). */
  get stylePriors(): StylePriors {
    return (this.config.training?.stylePriors as StylePriors | undefined) ?? {};
  }

  /** The model version written beside every result. */
  get version(): string {
    return `${this.config.name}@${this.config.version}`;
  }

  /**
   * Generates a piece: every role in turn under the same conditioning and chord plan.
   * @throws {ModelNotReadyError} after {@link dispose}, or while {@link generateAsync} is writing.
   */
  generate(req: GenerateRequest): NoteSequence {
    const stepper = this.ready();
    return this.sequence(req, generateRoles(stepper, this.roleOptions(req), seededRandom(req.seed ?? 1)));
  }

  /**
   * {@link generate} with pauses between chunks of steps (`pause.every` steps, default 64), so that a UI
   * thread stays responsive; the same piece as `generate` under the same request. Calls made while one is
   * writing wait their turn.
   * @throws {ModelNotReadyError} after {@link dispose}.
   */
  generateAsync(req: GenerateRequest, pause: PauseOptions = {}): Promise<NoteSequence> {
    const run = async (): Promise<NoteSequence> => {
      const stepper = this.ready();
      this.writing = true;
      try {
        const rng = seededRandom(req.seed ?? 1);
        return this.sequence(req, await generateRolesAsync(stepper, this.roleOptions(req), rng, pause));
      } finally {
        this.writing = false;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The stepper, when the model can write now. */
  private ready(): Stepper {
    if (!this.stepper) throw new ModelNotReadyError('the model was disposed');
    if (this.writing) throw new ModelNotReadyError('the model is writing another piece (generateAsync)');
    return this.stepper;
  }

  /** Each role's generation options for a request. */
  private roleOptions(req: GenerateRequest): RoleOptions[] {
    const c = req.conditioning;
    const programs = { ...DEFAULT_PROGRAMS, ...req.programs };
    return (req.roles ?? c.roles).map((role) => ({
      role,
      conditioning: roleConditioning(c, role, this.priors, this.stylePriors),
      beats: req.beats,
      chords: req.chords,
      temperature: req.temperature,
      headTemperature: this.config.sampling?.roles?.[role],
      repetitionPenalty: this.config.sampling?.repetition?.[role],
      durationRepetitionPenalty: this.config.sampling?.durationRepetition?.[role],
      stackApart: this.config.sampling?.stackApart?.[role],
      guidance: this.config.sampling?.guidance?.[role],
      prefix: this.config.sampling?.prefix?.[role],
      topP: req.topP,
      scaleBias: req.scaleBias,
      tonicBias: req.tonicBias,
      program: programs[role],
      rules: req.rules,
      skip: req.skip?.[role],
      sections: req.sections?.map((x) => ({
        start: x.start,
        conditioning: roleConditioning(x.conditioning, role, this.priors, this.stylePriors),
      })),
    }));
  }

  /** The piece a request asked for, from the notes written for each of its roles. */
  private sequence(req: GenerateRequest, written: readonly Note[][]): NoteSequence {
    const c = req.conditioning;
    const programs = { ...DEFAULT_PROGRAMS, ...req.programs };
    const tracks: TrackInfo[] = [];
    const notes: Note[] = [];
    (req.roles ?? c.roles).forEach((role, track) => {
      tracks.push({ name: role, program: programs[role], isDrum: role === 'drums', role });
      for (const n of written[track]) notes.push({ ...n, track });
    });
    return {
      notes: sortNotes(notes),
      tempos: [{ beat: 0, bpm: c.tempo }],
      timeSignatures: [{ beat: 0, numerator: c.meter.numerator, denominator: c.meter.denominator }],
      keySignatures: [{ beat: 0, tonic: c.key.tonic, mode: c.key.mode }],
      tracks,
      totalBeats: req.beats,
      meta: { model: this.version, seed: req.seed ?? 1 },
    };
  }

  /** Releases the weights; later calls to generate throw {@link ModelNotReadyError}. */
  dispose(): void {
    this.stepper = null;
  }
}
