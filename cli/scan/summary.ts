/**
 * The scan's summary: files read and skipped (grouped by reason), what reading repaired, notes and hours
 * per corpus, style and role, tracks left out, the key finder against annotations, and the balance
 * weights. Written to summary.json and printed by `audiogenesis data scan`.
 */
import type { BalanceCell } from '../../core/features/balance';
import type { CorpusRow } from '../../core/features/corpus';
import { isSameOrRelative } from '../../core/features/key';
import type { Role } from '../../core/sequence';
import { ROLES } from '../../core/sequence';

/** Files, notes and hours of one group. */
export interface Tally {
  files: number;
  notes: number;
  hours: number;
}

/** Summary figures of a scan. */
export interface ScanSummary {
  files: number;
  read: number;
  skipped: number;
  skippedReasons: Record<string, number>;
  notes: number;
  hours: number;
  /** Wall time of the scan in seconds. */
  seconds: number;
  songs: { train: number; valid: number };
  /** Set when a split was empty and a song was moved into it. */
  splitNote: string | null;
  keyAgreement: { files: number; same: number; sameOrRelative: number } | null;
  byCorpus: Record<string, Tally>;
  byStyle: Record<string, Tally>;
  /** Per role: files where it plays, its notes, and the hours of those files. */
  byRole: Record<Role, Tally>;
  reading: {
    filesRepaired: number;
    notesRepaired: number;
    notesDropped: number;
    orphanNoteOffs: number;
    skippedEvents: number;
    filesWithWarnings: number;
  };
  /** Tracks left out, by reason. */
  tracksLeftOut: Record<string, number>;
  /** Files read without event streams, by reason. */
  noStreams: Record<string, number>;
  /** Style labels not trusted (trained as `unknown`), by reason. */
  styleDistrust: Record<string, number>;
  balance: BalanceCell[];
}

const count = (m: Record<string, number>, k: string, by = 1): void => {
  m[k] = (m[k] ?? 0) + by;
};

function tally(m: Record<string, Tally>, k: string, notes: number, seconds: number): void {
  const t = (m[k] ??= { files: 0, notes: 0, hours: 0 });
  t.files++;
  t.notes += notes;
  t.hours += seconds / 3600;
}

/** Groups skip reasons: numbers become `#`, so that one kind of failure counts once. */
export function reasonKind(reason: string): string {
  return reason.replace(/\d+(\.\d+)?/g, '#').slice(0, 90);
}

function keyAgreement(rows: readonly CorpusRow[]): ScanSummary['keyAgreement'] {
  const annotated = rows.filter((r) => r.keySource === 'annotation' && r.foundKey);
  if (annotated.length === 0) return null;
  const same = annotated.filter(
    (r) => r.foundKey!.tonic === r.key.tonic && r.foundKey!.mode === r.key.mode,
  ).length;
  const rel = annotated.filter((r) => isSameOrRelative(r.key, r.foundKey!)).length;
  return { files: annotated.length, same, sameOrRelative: rel };
}

/** Builds the summary from the rows read, the files skipped and the balance cells. */
export function summarize(
  files: number,
  rows: readonly CorpusRow[],
  skipped: readonly { reason: string }[],
  cells: BalanceCell[],
  splitNote: string | null,
  seconds: number,
): ScanSummary {
  const s: ScanSummary = {
    files,
    read: rows.length,
    skipped: skipped.length,
    skippedReasons: {},
    notes: 0,
    hours: 0,
    seconds,
    songs: {
      train: new Set(rows.filter((r) => r.split === 'train').map((r) => r.song)).size,
      valid: new Set(rows.filter((r) => r.split === 'valid').map((r) => r.song)).size,
    },
    splitNote,
    keyAgreement: keyAgreement(rows),
    byCorpus: {},
    byStyle: {},
    byRole: Object.fromEntries(ROLES.map((r) => [r, { files: 0, notes: 0, hours: 0 }])) as Record<
      Role,
      Tally
    >,
    reading: {
      filesRepaired: 0,
      notesRepaired: 0,
      notesDropped: 0,
      orphanNoteOffs: 0,
      skippedEvents: 0,
      filesWithWarnings: 0,
    },
    tracksLeftOut: {},
    noStreams: {},
    styleDistrust: {},
    balance: cells,
  };
  for (const x of skipped) count(s.skippedReasons, reasonKind(x.reason));
  for (const r of rows) {
    s.notes += r.notes;
    s.hours += r.seconds / 3600;
    tally(s.byCorpus, r.corpus, r.notes, r.seconds);
    tally(s.byStyle, r.style, r.notes, r.seconds);
    for (const role of ROLES) if (r.roleNotes[role]) tally(s.byRole, role, r.roleNotes[role]!, r.seconds);
    const rd = s.reading;
    rd.filesRepaired += r.read.repaired > 0 ? 1 : 0;
    rd.notesRepaired += r.read.repaired;
    rd.notesDropped += r.read.dropped;
    rd.orphanNoteOffs += r.read.orphanNoteOffs;
    rd.skippedEvents += r.read.skippedEvents;
    rd.filesWithWarnings += r.read.warnings.length ? 1 : 0;
    for (const t of r.tracks) if (t.role === null) count(s.tracksLeftOut, reasonKind(t.by));
    if (r.noStreams) count(s.noStreams, r.noStreams);
    if (r.styleDistrust) count(s.styleDistrust, r.styleDistrust);
  }
  return s;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function table(title: string, m: Record<string, Tally>): string[] {
  const keys = Object.keys(m).sort((a, b) => m[b].hours - m[a].hours);
  return [
    `${title.padEnd(12)} ${'files'.padStart(6)} ${'notes'.padStart(10)} ${'hours'.padStart(7)}`,
    ...keys.map(
      (k) =>
        `  ${k.padEnd(10)} ${String(m[k].files).padStart(6)} ${String(m[k].notes).padStart(10)} ${m[k].hours.toFixed(2).padStart(7)}`,
    ),
  ];
}

/** The summary as printed lines. */
export function summaryLines(s: ScanSummary): string[] {
  const out = [`files: ${s.files}  read: ${s.read}  skipped: ${s.skipped}`];
  for (const [reason, n] of Object.entries(s.skippedReasons)) out.push(`  skipped ${n}: ${reason}`);
  const rd = s.reading;
  out.push(
    `reading: ${rd.notesRepaired} unreleased notes closed in ${rd.filesRepaired} files; ${rd.notesDropped} notes dropped; ${rd.orphanNoteOffs} stray note-offs; ${rd.skippedEvents} malformed events skipped; warnings in ${rd.filesWithWarnings} files`,
  );
  for (const [reason, n] of Object.entries(s.tracksLeftOut)) out.push(`  tracks left out ${n}: ${reason}`);
  for (const [reason, n] of Object.entries(s.noStreams)) out.push(`  files without streams ${n}: ${reason}`);
  for (const [why, n] of Object.entries(s.styleDistrust))
    out.push(`  style labels trained as unknown ${n}: ${why}`);
  out.push(
    `notes: ${s.notes}  hours of music: ${s.hours.toFixed(1)}  songs: ${s.songs.train} train / ${s.songs.valid} valid`,
  );
  if (s.splitNote) out.push(`  note: ${s.splitNote}`);
  if (s.songs.valid === 0)
    out.push('  warning: the validation split is empty (one song only): training cannot validate');
  out.push(...table('corpus', s.byCorpus), ...table('style', s.byStyle), ...table('role', s.byRole));
  out.push(`balance (share of training events -> of draws with the weights; weight per event):`);
  for (const c of s.balance)
    if (c.events)
      out.push(
        `  ${`${c.corpus}/${c.style}`.padEnd(24)} ${pct(c.before).padStart(6)} -> ${pct(c.after).padStart(6)}  x${c.weight.toFixed(3)}`,
      );
  if (s.keyAgreement) {
    const k = s.keyAgreement;
    out.push(
      `key finder vs annotations (${k.files} files): same key ${pct(k.same / k.files)}, same or relative ${pct(k.sameOrRelative / k.files)}`,
    );
  }
  return out;
}
