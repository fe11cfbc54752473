import { describe, expect, it } from 'vitest';
import { MGEVAL_FEATURES } from '../../../core/eval/mgeval/features';
import { QUALITY_METRICS } from '../../../core/eval/muspy';
import { evaluate } from '../../../core/eval/report/evaluate';
import { reportHtml } from '../../../core/eval/report/html';
import { reaches, tolerance } from '../../../core/eval/report/pipeline';
import { ROLE_ROWS } from '../../../core/eval/roles-summary';
import { fixtureInput } from './report-fixture';

describe('evaluate', () => {
  const report = evaluate(fixtureInput());

  it('reports every piece of every set with its prompt and seed', () => {
    expect(report.pieces.length).toBe(24);
    expect(report.sets.map((s) => [s.name, s.model, s.pieces])).toEqual([
      ['default', 'test-default@1', 6],
      ['rules-off', 'test-default@1', 6],
      ['control', 'test-control@1', 6],
      ['baseline', 'test-baseline@1', 6],
    ]);
    expect(report.pieces.filter((p) => p.set === 'baseline').map((p) => [p.prompt, p.seed])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(Object.keys(report.sets[0].quality)).toEqual([...QUALITY_METRICS]);
    expect(report.sets[0].quality.drumPatternConsistency).toEqual({ mean: 1, std: 0, n: 6 });
    expect(report.sets[3].quality.drumPatternConsistency.n).toBe(0);
    expect(report.reference.pieces).toBe(6);
    expect(report.prompts[0]).toEqual({
      prompt: 'upbeat launch, 120 bpm in C major',
      tempo: 120,
      key: 'C major',
    });
  });

  it('scores stated tempo and key over the prompts that state them', () => {
    const d = report.sets[0].relevance;
    expect([d.TB.n, d.CK.n]).toEqual([2, 2]);
    // Default pieces are written at the asked tempos; the baseline's 120 bpm lands in prompt 1's bin only.
    expect(d.TB.hits).toBe(2);
    expect(report.sets[3].relevance.TB).toEqual({ percent: 50, hits: 1, n: 2 });
    expect(report.text2midi.TB).toBe(39.7);
  });

  it('compares each set with the reference on every MGEval feature', () => {
    const mg = report.sets[0].mgeval!;
    expect(mg.map((m) => m.feature)).toEqual([...MGEVAL_FEATURES]);
    expect(mg.every((m) => m.oa >= 0 && m.oa <= 1 && m.kld >= 0)).toBe(true);
    // The default set is built like the reference; the baseline's wandering line is not.
    const meanOa = (i: number): number =>
      report.sets[i].mgeval!.reduce((s, m) => s + m.oa, 0) / MGEVAL_FEATURES.length;
    expect(meanOa(0)).toBeGreaterThan(meanOa(3));
  });

  it('flags the piece that copies 3 bars of a training tune, and only it', () => {
    const flagged = report.sets[0].novelty!.flagged;
    expect(flagged).toEqual([{ prompt: 0, bars: 23 / 8, notes: 24, role: 'melody' }]);
    expect(report.sets[3].novelty!.flagged).toEqual([]);
    expect(report.sets[0].novelty!.maxBars).toBe(23 / 8);
  });

  it('classifies every piece and counts hits over the mood prompts', () => {
    const e = report.sets[0].emotion!;
    expect(e.asked.n).toBe(3);
    expect(e.reading.n).toBe(6);
    expect(report.pieces.every((p) => p.emotion.predicted !== undefined)).toBe(true);
    expect(report.pieces[3].emotion.asked).toBe('Q1');
    expect(report.classifier?.training.testClips).toBeGreaterThan(0);
  });

  it("gives each rate figure every set's hits and pieces, and no other figure counts", () => {
    const byId = new Map(report.figures.map((f) => [f.id, f]));
    for (const set of report.sets) {
      expect(byId.get('relevance.CK')!.counts![set.name]).toEqual({
        hits: set.relevance.CK.hits,
        n: set.relevance.CK.n,
      });
      expect(byId.get('emotion.asked')!.counts![set.name]).toEqual({
        hits: set.emotion!.asked.hits,
        n: set.emotion!.asked.n,
      });
    }
    expect(byId.get('emotion.asked')!.counts!.default!.n).toBe(3);
    const percent = report.figures.filter((f) => f.unit === 'percent').map((f) => f.id);
    expect(report.figures.filter((f) => f.counts).map((f) => f.id)).toEqual(percent);
    expect(percent).toContain('relevance.TB');
  });

  it('is plain JSON and refuses a set with the wrong number of pieces', () => {
    expect(JSON.parse(JSON.stringify(report)).pieces.length).toBe(24);
    const input = fixtureInput();
    input.sets[1].pieces.pop();
    expect(() => evaluate(input)).toThrow(RangeError);
  });

  it('measures every role against the chords, the same way for the sets and the reference', () => {
    const [def, , , baseline] = report.sets;
    for (const roles of [def.roles, report.reference.roles.roles]) {
      expect(roles.rows['bass.root']).toEqual({ value: 0.5, pieces: 6 }); // C on C, G on C
      expect(roles.rows['bass.chordTone']).toEqual({ value: 1, pieces: 6 });
      expect(roles.rows['bass.rootOnChanges']).toEqual({ value: 1, pieces: 6 }); // the first bass note is C
      expect(roles.rows['harmony.chordTone']).toEqual({ value: 1, pieces: 6 });
      expect(roles.rows['drums.kickOnDownbeat']).toEqual({ value: 1, pieces: 6 });
    }
    expect(report.reference.roles).toMatchObject({ dirs: ['ref'], pieces: 6, withChords: 6 });
    expect(baseline.roles.rows['bass.root'].pieces).toBe(0);
    expect(Object.keys(def.roles.rows)).toEqual(ROLE_ROWS.map((r) => r.id));
  });

  it('gives the provenance of the notes per role, and how often the key retry fired', () => {
    const p = report.sets[0].provenance;
    expect(p.harmony?.noteShare).toEqual({ model: 0, copy: 0, rule: 1, mended: 0, unknown: 0 });
    expect(p.harmony?.passes).toEqual({ 'rule:voicing': 1 });
    expect(p.drums?.noteShare.copy).toBeCloseTo(32 / 48, 12);
    expect(p.drums?.timeShare.copy).toBeCloseTo(32 / 48, 12);
    expect(p.melody?.noteShare.model).toBe(1);
    expect(p.all?.notes).toBe(
      report.pieces.filter((x) => x.set === 'default').reduce((a, x) => a + x.notes, 0),
    );
    expect(report.sets[3].provenance.all?.noteShare.unknown).toBe(1);
    expect(report.sets.map((s) => s.keyRetry.fired)).toEqual([1, 0, 0, 0]);
    expect(report.skipped).toEqual([{ path: 'ref/broken.mid', reason: 'MidiParseError: not a MIDI file' }]);
  });

  it('labels a figure the rules-only control also reaches as a pipeline figure, and only such a figure', () => {
    const verdict = (id: string) => report.figures.find((f) => f.id === id)!.pipeline;
    // The control's wandering lines sit at the asked tempos (the arranger's doing) but in no key.
    expect(verdict('relevance.TB')).toBe(true);
    expect(verdict('quality.scaleConsistency')).toBe(false);
    expect(verdict('roles.harmony.chordTone')).toBeNull(); // the control has no harmony
    const f = report.figures.find((x) => x.id === 'quality.scaleConsistency')!;
    expect(f.values.default).toBeGreaterThan(0.99); // the copied tune is in F (a B flat)
    expect(f.reference).toBe(1);
    // A control identical to the default reaches every figure that can be judged.
    const input = fixtureInput();
    const sets = [...input.sets];
    sets[2] = { ...sets[0], name: 'control' };
    const same = evaluate({ ...input, sets }).figures.filter((x) => x.pipeline !== null);
    expect(same.length).toBeGreaterThan(30);
    expect(same.every((x) => x.pipeline)).toBe(true);
  });

  it('judges "reaches" by the aim of the figure, within its tolerance', () => {
    expect([tolerance('share', 0.5), tolerance('percent', 50), tolerance('number', -4)]).toEqual([
      0.03, 3, 0.2,
    ]);
    expect(reaches('higher', 0.8, 0.78, NaN, 0.03)).toBe(true);
    expect(reaches('higher', 0.8, 0.76, NaN, 0.03)).toBe(false);
    expect(reaches('lower', 0.3, 0.32, NaN, 0.03)).toBe(true);
    expect(reaches('lower', 0.3, 0.34, NaN, 0.03)).toBe(false);
    expect(reaches('reference', 0.5, 0.75, 0.7, 0.03)).toBe(true); // closer to the reference than the default
    expect(reaches('reference', 0.5, 0.95, 0.7, 0.03)).toBe(false);
    expect(reaches('reference', 0.5, 0.6, NaN, 0.03)).toBeNull();
    expect(reaches('higher', NaN, 0.6, NaN, 0.03)).toBeNull();
  });

  it('renders one self-contained page: every section, no external resource', () => {
    const html = reportHtml(report, [{ prompt: 0, set: 'default', src: 'data:image/png;base64,AAAA' }]);
    for (const name of [
      'quality-pitchClassEntropy',
      'histogram-pitchClass',
      'mgeval-oa',
      'mgeval-kde-avgIoi',
      'relevance',
      'confusion-test',
      'confusion-holdout',
      'emotion-hits',
      'novelty',
      'roles-lengths-bass',
      'provenance-model-time',
    ])
      expect(html).toContain(`data-plot="${name}"`);
    expect(html.match(/class="plot"/g)?.length).toBe(8 + 2 + 1 + 9 + 1 + 2 + 1 + 1 + 3 + 1);
    expect(html).toContain('<span class="pipeline"');
    expect(html).toContain('<span class="model"');
    expect(html).toContain('ref/broken.mid: MidiParseError: not a MIDI file');
    expect(html).toContain('Key retry');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    expect(html).toContain('upbeat launch, 120 bpm in C major');
  });
});
