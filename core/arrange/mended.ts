/** Provenance of the notes a finishing pass touches. */
import type { Note } from '../sequence';

/**
 * A note after a pass moved or shortened it: a model note becomes `mended` by that pass; a note that a
 * pass copied or a rule made keeps its origin.
 */
export function mended(n: Note, by: string): Note {
  return n.origin === 'copy' || n.origin === 'rule' ? n : { ...n, origin: 'mended', by };
}
