import { describe, expect, it } from 'vitest';
import { planChords, SHIPPED_PROGRESSIONS } from '../../../core/arrange/chords';
import type { AnnotatedSong, ProgressionTable } from '../../../core/arrange/learn';
import { learnProgressions, songWindows } from '../../../core/arrange/learn';
import type { ArrangementPlan, Section } from '../../../core/arrange/plan';
import { defaultConditioning } from '../../../core/conditioning';
import type { Style } from '../../../core/conditioning';
import type { Mode } from '../../../core/sequence';

/** A song at 1 beat a second in `key`, whose bars repeat `symbols` (one chord a bar). */
function song(bars: number, symbols: string[], key: string): AnnotatedSong {
  const beats = Array.from({ length: bars * 4 + 1 }, (_, i) => i);
  return {
    beats,
    bars: beats.filter((b) => b % 4 === 0),
    chords: Array.from({ length: bars }, (_, i) => ({
      start: i * 4,
      end: i * 4 + 4,
      label: symbols[i % symbols.length],
    })),
    keys: [{ start: 0, end: bars * 4 + 4, label: key }],
  };
}

describe('learnProgressions', () => {
  it('turns four-bar windows into scale degrees of the key and counts them per mode', () => {
    // D major: D A Bm G = I V vi IV.
    const d = song(16, ['D:maj', 'A:maj', 'B:min7', 'G:maj'], 'D:maj');
    expect(songWindows(d)[0]).toEqual({
      mode: 'major',
      chords: ['0:maj', '0:maj', '7:maj', '7:maj', '9:min', '9:min', '5:maj', '5:maj'],
    });
    const e = song(8, ['E:min', 'C:maj', 'G:maj', 'D:maj'], 'E:min');
    const t = learnProgressions([d, d, e, e], 'test', { minCount: 2 });
    expect(t.major[0].chords).toEqual([
      '0:maj',
      '0:maj',
      '7:maj',
      '7:maj',
      '9:min',
      '9:min',
      '5:maj',
      '5:maj',
    ]);
    // 16 bars hold 13 four-bar windows; the 4 that start on I (bars 0, 4, 8, 12) in each of 2 songs.
    expect(t.major[0].count).toBe(2 * 4);
    expect(t.minor[0].chords.slice(0, 4)).toEqual(['0:min', '0:min', '8:maj', '8:maj']);
  });

  it('skips windows with unlabelled chords or a key change, and vamps on one chord', () => {
    const n = song(8, ['N'], 'C:maj');
    expect(songWindows(n)).toEqual([]);
    const vamp = song(8, ['C:maj'], 'C:maj');
    expect(learnProgressions([vamp, vamp, vamp], 'test').major).toEqual([]);
  });
});

function plan(mode: Mode, kinds: Section['kind'][], loop = false, style: Style = 'pop'): ArrangementPlan {
  const c = { ...defaultConditioning(), key: { tonic: 2, mode }, style };
  const sections: Section[] = [];
  let at = 0;
  for (const kind of kinds) {
    const len = kind === 'intro' ? 8 : kind === 'ending' ? 4 : 16;
    sections.push({
      kind,
      start: at,
      end: at + len,
      segment: -1,
      roles: c.roles,
      conditioning: c,
      transition: at > 0,
    });
    at += len;
  }
  return {
    seconds: at / 2,
    tempo: 120,
    askedTempo: 120,
    beats: at,
    key: c.key,
    meter: c.meter,
    style: c.style,
    sections,
    chords: [],
    programs: { melody: 0, harmony: 0, bass: 33, drums: 0 },
    drumLevel: 1,
    loop,
  };
}

describe('planChords', () => {
  it('ships progressions learned from POP909 for both modes', () => {
    expect(SHIPPED_PROGRESSIONS.source).toMatch(/POP909/);
    expect(SHIPPED_PROGRESSIONS.major.length).toBeGreaterThanOrEqual(20);
    expect(SHIPPED_PROGRESSIONS.minor.length).toBeGreaterThanOrEqual(20);
  });

  it('covers the piece in half bars, repeats a section kind, cadences V-I, and is the same for a seed', () => {
    const p = plan('major', ['intro', 'verse', 'chorus', 'verse', 'chorus', 'ending']);
    const chords = planChords(p, 7);
    expect(chords[0].start).toBe(0);
    expect(chords.at(-1)!.end).toBe(p.beats);
    for (let i = 1; i < chords.length; i++) expect(chords[i].start).toBe(chords[i - 1].end);
    expect(chords.every((c) => c.end - c.start === 2)).toBe(true);
    expect(chords[0]).toMatchObject({ root: 2, quality: 'maj' });
    expect(chords.at(-1)).toMatchObject({ root: 2, quality: 'maj' });
    expect(chords.at(-3)).toMatchObject({ root: 9, quality: 'maj' }); // V before the ending bar
    const at = (beat: number) =>
      chords.filter((c) => c.start >= beat && c.start < beat + 16).map((c) => c.root);
    expect(at(40)).toEqual(at(8)); // the second verse repeats the first
    // The first verse starts on the tonic.
    expect(chords.find((c) => c.start === 8)).toMatchObject({ root: 2, quality: 'maj' });
    expect(planChords(p, 7)).toEqual(chords);
    const other = [1, 2, 3, 4, 5].map((s) => JSON.stringify(planChords(p, s)));
    expect(new Set(other).size).toBeGreaterThan(1);
  });

  it('ends a minor piece on the minor tonic after V (harmonic minor), and a minor loop on V', () => {
    const end = planChords(plan('minor', ['verse', 'ending']), 1);
    expect(end.at(-1)).toMatchObject({ root: 2, quality: 'min' });
    expect(end.at(-3)).toMatchObject({ root: 9, quality: 'maj' }); // A major: C#, the leading tone of D
    expect(planChords(plan('minor', ['verse', 'chorus'], true), 1).at(-1)).toMatchObject({
      root: 9,
      quality: 'maj',
    });
  });

  it('cadences bVII-i in rock and cinematic minor, V-I in their major', () => {
    for (const style of ['rock', 'cinematic'] as const) {
      expect(planChords(plan('minor', ['verse', 'ending'], false, style), 1).at(-3)).toMatchObject({
        root: 0,
        quality: 'maj',
      });
      expect(planChords(plan('major', ['verse', 'ending'], false, style), 1).at(-3)).toMatchObject({
        root: 9,
        quality: 'maj',
      });
    }
  });

  it('closes every verse, chorus and bridge with the dominant and then the tonic', () => {
    for (const mode of ['major', 'minor'] as const)
      for (const seed of [1, 2, 3, 4, 5]) {
        const p = plan(mode, ['intro', 'verse', 'chorus', 'bridge', 'chorus', 'ending']);
        const chords = planChords(p, seed);
        for (const s of p.sections.slice(1, -2)) {
          const inside = chords.filter((c) => c.start >= s.start && c.start < s.end);
          expect(inside.at(-2)).toMatchObject({ root: 9, quality: 'maj' });
          expect(inside.at(-1)).toMatchObject({ root: 2, quality: mode === 'major' ? 'maj' : 'min' });
        }
      }
  });

  it('turns a learned v that goes to i into V in minor, and keeps v elsewhere', () => {
    const table: ProgressionTable = {
      version: 1,
      source: 'test',
      halfBars: 8,
      major: SHIPPED_PROGRESSIONS.major,
      minor: [{ chords: ['0:min', '7:min', '0:min', '7:min', '8:maj', '7:min', '5:min', '5:min'], count: 1 }],
    };
    const p = plan('minor', ['verse', 'chorus', 'ending']);
    const verse = planChords(p, 1, { table }).filter((c) => c.start < 16);
    expect(verse.map((c) => `${c.root}:${c.quality}`)).toEqual([
      '2:min',
      '9:maj', // v -> i: V
      '2:min',
      '9:min', // v -> VI: stays v
      '10:maj',
      '9:min',
      '9:maj', // the cadence
      '2:min',
    ]);
  });

  it('turns the chord before a major cadence into IV when the section would never sound the fourth degree', () => {
    // I-I-iii-iii-vi-vi-IV-IV: the cadence overwrites the IV (I iii vi V I), leaving only the pitches of
    // the key a fifth above plus its leading tone; IV-V-I restores the key. A progression that already
    // sounds the fourth degree (ii) keeps its own chord before V.
    const table = (chords: string[]): ProgressionTable => ({
      version: 1,
      source: 'test',
      halfBars: 8,
      major: [{ chords, count: 1 }],
      minor: SHIPPED_PROGRESSIONS.minor,
    });
    const p = plan('major', ['verse', 'chorus', 'ending']);
    const names = (t: ProgressionTable): string[] =>
      planChords(p, 1, { table: t })
        .filter((c) => c.start < 16)
        .map((c) => `${c.root}:${c.quality}`);
    const lacking = ['0:maj', '0:maj', '4:min', '4:min', '9:min', '9:min', '5:maj', '5:maj'];
    // IV (7:maj in D) now comes before the cadence's V-I.
    expect(names(table(lacking)).join(' ')).toBe('2:maj 2:maj 6:min 6:min 11:min 7:maj 9:maj 2:maj');
    const holding = ['0:maj', '0:maj', '2:min', '2:min', '9:min', '9:min', '5:maj', '5:maj'];
    expect(names(table(holding)).join(' ')).toBe('2:maj 2:maj 4:min 4:min 11:min 11:min 9:maj 2:maj');
  });
});

describe('planChords across a modulation', () => {
  it("plays each section in its own key, announces the new key with its V, and ends in the ending's key", () => {
    const p = plan('major', ['intro', 'verse', 'chorus', 'ending']);
    const eMinor = { tonic: 4, mode: 'minor' as const };
    p.sections = p.sections.map((s) =>
      s.kind === 'intro' || s.kind === 'verse'
        ? s
        : { ...s, conditioning: { ...s.conditioning, key: eMinor } },
    );
    const chords = planChords(p, 3);
    const chorus = p.sections[2];
    const inChorus = chords.filter((c) => c.start >= chorus.start && c.start < chorus.end);
    // Degrees of the natural minor scale of E (and its V, B major, which leads home).
    const scale = [0, 2, 3, 5, 7, 8, 10].map((d) => (4 + d) % 12);
    for (const c of inChorus) expect(scale).toContain(c.root);
    const pivot = chords.filter((c) => c.end <= chorus.start).at(-1)!;
    expect(pivot).toMatchObject({ root: 11, quality: 'maj' });
    expect(chords.at(-1)).toMatchObject({ root: 4, quality: 'min' });
  });
});
