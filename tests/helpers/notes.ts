/** Small builders of notes and plan sections for the arranger's tests. */
import type { Section } from '../../core/arrange/plan';
import { defaultConditioning } from '../../core/conditioning';
import type { Note, Role } from '../../core/sequence';

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
