/** Small builders of notes and plan sections for the arranger's tests. */
import { arrangeWrites } from '../../core/arrange/arrange';
import type { ArrangementPlan, Section } from '../../core/arrange/plan';
import { defaultConditioning } from '../../core/conditioning';
import { embed } from '../../core/embed';
import type { Note, NoteSequence, Role } from '../../core/sequence';
import { emptySequence } from '../../core/sequence';

/** A note of `role` (program 0, a drum when the role is drums, velocity 80), with `extra` fields over it. */
export function note(role: Role, pitch: number, start: number, end: number, extra: Partial<Note> = {}): Note {
  return { pitch, start, end, velocity: 80, role, program: 0, isDrum: role === 'drums', ...extra };
}

/** A section of the default conditioning, with `extra` fields over it. */
export function section(
  kind: Section['kind'],
  start: number,
  end: number,
  roles: Role[],
  extra: Partial<Section> = {},
): Section {
  return {
    kind,
    start,
    end,
    segment: -1,
    roles,
    conditioning: defaultConditioning(),
    transition: false,
    ...extra,
  };
}

/** Each note's pitch, start, origin and pass, in time order (then pitch): what provenance tests compare. */
export function provenanceTags(notes: readonly Note[]): (string | number | null | undefined)[][] {
  return notes
    .map((n) => [n.pitch, n.start, n.origin, n.by ?? null])
    .sort((a, b) => +a[1]! - +b[1]! || +a[0]! - +b[0]!);
}

/**
 * Arranges `prompt` (12 s, seed 1, no key check) with a scripted writer instead of a model: for each
 * request, `write(roles, beats)` gives the notes of the roles asked for.
 */
export function arrangeScripted(
  prompt: string,
  write: (roles: readonly Role[], beats: number) => Note[],
): { sequence: NoteSequence; plan: ArrangementPlan } {
  const job = arrangeWrites(embed(prompt), { seconds: 12, seed: 1, keyCheck: false });
  let r = job.next();
  while (!r.done) {
    const req = r.value;
    r = job.next({
      ...emptySequence(),
      notes: write(req.roles ?? req.conditioning.roles, req.beats),
      totalBeats: req.beats,
    });
  }
  return r.value;
}
