/**
 * `report.html`: the evaluation as one self-contained page (inline CSS and SVG, piano rolls as data: URIs),
 * readable offline; nothing in it loads from the network.
 */
import { EMOTION_FEATURES } from '../emotion/features';
import { MGEVAL_FEATURES, NOTE_LENGTH_CLASSES } from '../mgeval/features';
import { QUADRANTS } from '../prompts';
import { QUALITY_METRICS } from '../muspy';
import { PITCH_CLASS_NAMES } from '../../sequence';
import {
  badge,
  COLOURS,
  provenanceSection,
  rolesSection,
  series,
  setsSection,
  skippedSection,
  table,
} from './html-model';
import { styleHtml } from './html-style';
import { barChart, curveChart, esc, fmt, heatMap } from './svg';
import type { EvalReport, SetReport } from './types';

/** A piano roll to show: which prompt and set, and the image as a data: URI. */
export interface RollImage {
  prompt: number;
  set: string;
  src: string;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1120px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
.grid{display:flex;flex-wrap:wrap;gap:12px}.roll{width:540px;margin:0}.roll img{width:100%;image-rendering:pixelated;display:block}
.note{color:#555;font-size:13px}.flag{color:#c00}
.pipeline{background:#eee;color:#555;border-radius:3px;padding:0 4px;font-size:12px}.model{background:#dcebfa;color:#17558f;border-radius:3px;padding:0 4px;font-size:12px}`;

function qualitySection(r: EvalReport): string {
  const sets = [
    ...r.sets.map((s) => ({ name: s.name, q: s.quality })),
    { name: 'reference', q: r.reference.quality },
  ];
  const rows = QUALITY_METRICS.map((m) => [
    m,
    ...sets.map((s) => `${fmt(s.q[m].mean)} ± ${fmt(s.q[m].std)}`),
    badge(r, `quality.${m}`),
  ]);
  const charts = QUALITY_METRICS.map((m) =>
    barChart(
      [m],
      series(sets.map((s) => s.name)),
      sets.map((s) => [s.q[m].mean]),
      { name: `quality-${m}`, title: m, width: 250, height: 170 },
    ),
  ).join('');
  const hist = (key: 'pitchClass' | 'noteLength', labels: readonly string[], title: string): string =>
    barChart(
      labels,
      series([...r.sets.map((s) => s.name), 'reference']),
      [...r.sets.map((s) => s.histograms[key]), r.reference.histograms[key]],
      { name: `histogram-${key}`, title, width: 540 },
    );
  const lengths = NOTE_LENGTH_CLASSES.map((b) => fmt(b, 2));
  return `<h2>Musical quality (MusPy definitions)</h2>
<p class="note">Per piece on a 1/12-beat grid, then mean ± std over the set; the reference column is the reference excerpts. Drum-pattern consistency is undefined (–) for pieces without drums.</p>${table(['metric (mean ± std)', ...sets.map((s) => s.name), 'control reaches it?'], rows)}
<div class="grid">${charts}</div><div class="grid">${hist('pitchClass', PITCH_CLASS_NAMES, 'Pitch-class histogram (duration-weighted, mean over pieces)')}${hist('noteLength', lengths, 'Note-length histogram (beats, mean over pieces)')}</div>`;
}

function mgevalSection(r: EvalReport): string {
  const sets = r.sets.filter(
    (s): s is SetReport & { mgeval: NonNullable<SetReport['mgeval']> } => !!s.mgeval,
  );
  if (sets.length === 0) return '<h2>Closeness to real music (MGEval)</h2><p>Too few pieces to compare.</p>';
  const rows = MGEVAL_FEATURES.map((f, i) => [
    f,
    fmt(sets[0].mgeval[i].intraReference.mean),
    ...sets.flatMap((s) => [fmt(s.mgeval[i].inter.mean), fmt(s.mgeval[i].oa), fmt(s.mgeval[i].kld)]),
    badge(r, `mgeval.${f}.oa`),
  ]);
  const mean = (s: (typeof sets)[number], k: 'oa' | 'kld'): string =>
    fmt(s.mgeval.reduce((a, m) => a + m[k], 0) / s.mgeval.length);
  rows.push([
    '<b>mean</b>',
    '',
    ...sets.flatMap((s) => ['', mean(s, 'oa'), mean(s, 'kld')]),
    `OA ${badge(r, 'mgeval.meanOA')}, KLD ${badge(r, 'mgeval.meanKLD')}`,
  ]);
  const head = [
    'feature',
    'intra ref mean',
    ...sets.flatMap((s) => [`${s.name} inter`, `${s.name} OA`, `${s.name} KLD`]),
    'control reaches OA?',
  ];
  const oa = barChart(
    [...MGEVAL_FEATURES],
    series(sets.map((s) => s.name)),
    sets.map((s) => s.mgeval.map((m) => m.oa)),
    {
      name: 'mgeval-oa',
      title: 'Overlapped area of intra(reference) and inter-set distances (higher is closer)',
      width: 1080,
      max: 1,
    },
  );
  const curves = MGEVAL_FEATURES.map((f, i) =>
    curveChart(
      [
        { name: 'intra reference', colour: COLOURS.reference },
        ...series(sets.map((s) => s.name)).map((s) => ({ ...s, name: `${s.name} vs ref` })),
      ],
      [sets[0].mgeval[i].curves.intraReference, ...sets.map((s) => s.mgeval[i].curves.inter)],
      { name: `mgeval-kde-${f}`, title: f, width: 350, height: 200 },
    ),
  ).join('');
  return `<h2>Closeness to real music (MGEval, ${r.reference.pieces} reference excerpts)</h2>${table(head, rows)}${oa}
<p class="note">Per feature: Euclidean distances between pieces within the reference set (intra) and from each generated piece to each reference piece (inter); OA is the overlapped area of their Gaussian KDEs, KLD is KL(intra reference || inter). Each curve is one of those KDEs.</p><div class="grid">${curves}</div>`;
}

function relevanceSection(r: EvalReport): string {
  const keys = ['TB', 'TBT', 'CK', 'CKD'] as const;
  const rows = [
    ...r.sets.map((s) => [
      s.name,
      ...keys.map((k) => `${fmt(s.relevance[k].percent, 1)}% (${s.relevance[k].hits}/${s.relevance[k].n})`),
    ]),
    ['text2midi on MidiCaps (published)', ...keys.map((k) => `${fmt(r.text2midi[k], 1)}%`)],
    ['control reaches it?', ...keys.map((k) => badge(r, `relevance.${k}`))],
  ];
  const chart = barChart(
    keys,
    series([...r.sets.map((s) => s.name), 'text2midi']),
    [...r.sets.map((s) => keys.map((k) => s.relevance[k].percent)), keys.map((k) => r.text2midi[k])],
    { name: 'relevance', title: 'Tempo and key asked in the prompt: hit rate (%)', max: 100 },
  );
  return `<h2>Relevance: stated tempo and key</h2>
<p class="note">Prompts that state a tempo (TB: the MIDI's tempo in the asked tempo's bin, edges 40/60/70/90/110/140/160/210 bpm; TBT: same or neighbouring bin) or a key (CK: the key found in the notes equals the asked key; CKD: or its relative). The key is found with Aarden-Essen profiles, a key finder that generation never consults (the arranger's key retry uses Krumhansl-Kessler's). text2midi's figures are for MidiCaps' captions, not these prompts.</p>${table(['set', ...keys], rows)}${chart}`;
}

function emotionSection(r: EvalReport): string {
  const c = r.classifier;
  if (!c) return '<h2>Relevance: mood</h2><p>No emotion classifier was given.</p>';
  const t = c.training;
  const maps = [
    heatMap(t.test.confusion, QUADRANTS, QUADRANTS, {
      name: 'confusion-test',
      title: `Held-out EMOPIA songs: ${fmt(100 * t.test.accuracy, 1)}% of ${t.test.clips} clips`,
    }),
    ...(c.holdout
      ? [
          heatMap(c.holdout.confusion, QUADRANTS, QUADRANTS, {
            name: 'confusion-holdout',
            title: `${c.holdout.dir}: ${fmt(100 * c.holdout.accuracy, 1)}% of ${c.holdout.clips} clips`,
          }),
        ]
      : []),
  ].join('');
  const withEmotion = r.sets.filter((s) => s.emotion);
  const labels = ['asked quadrant', 'valence sign', 'arousal sign', 'embedder reading'];
  const chart = barChart(
    labels,
    series(withEmotion.map((s) => s.name)),
    withEmotion.map((s) => [
      s.emotion!.asked.percent,
      s.emotion!.valence.percent,
      s.emotion!.arousal.percent,
      s.emotion!.reading.percent,
    ]),
    {
      name: 'emotion-hits',
      title: 'Pieces the classifier hears in the asked emotion (%)',
      max: 100,
      line: { value: 25, label: 'chance' },
    },
  );
  const rows = withEmotion.map((s) => [
    s.name,
    ...[s.emotion!.asked, s.emotion!.valence, s.emotion!.arousal, s.emotion!.reading].map(
      (x) => `${fmt(x.percent, 1)}% (${x.hits}/${x.n})`,
    ),
  ]);
  rows.push([
    'control reaches it?',
    ...(['asked', 'valence', 'arousal'] as const).map((k) => badge(r, `emotion.${k}`)),
    '–',
  ]);
  return `<h2>Relevance: mood (EMOPIA classifier)</h2>
<p>Softmax regression on ${EMOTION_FEATURES.length} features (${EMOTION_FEATURES.join(', ')}), trained on ${t.trainClips} clips of ${t.trainSongs} songs; tested on ${t.testClips} clips of ${t.testSongs} other songs.</p>
<div class="grid">${maps}</div>
<p class="note">Mood prompts: the quadrant the classifier hears in each piece against the quadrant the prompt asks for (chance 25%), and the signs of valence and arousal alone (chance 50%). “Embedder reading” compares, over all prompts, with the quadrant of the embedder's own valence and arousal.</p>${table(['set', ...labels], rows)}${chart}`;
}

function noveltySection(r: EvalReport): string {
  const sets = r.sets.filter((s) => s.novelty);
  if (sets.length === 0 || !r.settings.training) return '<h2>Novelty</h2><p>No training set was indexed.</p>';
  const bins = ['0', '0-0.5', '0.5-1', '1-1.5', '1.5-2', '2-3', '>3'];
  const binOf = (b: number): number =>
    b === 0 ? 0 : b <= 0.5 ? 1 : b <= 1 ? 2 : b <= 1.5 ? 3 : b <= 2 ? 4 : b <= 3 ? 5 : 6;
  const counts = sets.map((s) => {
    const c = bins.map(() => 0);
    for (const p of r.pieces.filter((x) => x.set === s.name)) c[binOf(p.novelty?.bars ?? 0)]++;
    return c;
  });
  const chart = barChart(bins, series(sets.map((s) => s.name)), counts, {
    name: 'novelty',
    title: 'Longest run shared with the training set (bars): pieces',
  });
  const flagged = sets.flatMap((s) =>
    s.novelty!.flagged.map(
      (f) =>
        `<li class="flag">${esc(s.name)} #${f.prompt + 1} “${esc(r.prompts[f.prompt].prompt)}”: ${fmt(f.bars, 2)} bars, ${f.notes} notes (${esc(f.role)})</li>`,
    ),
  );
  const rows = sets.map((s) => [
    s.name,
    fmt(s.novelty!.maxBars, 2),
    fmt(s.novelty!.meanBars, 2),
    String(s.novelty!.flagged.length),
  ]);
  const t = r.settings.training;
  const corpora = t.corpora
    ? Object.entries(t.corpora)
        .map(([name, c]) => `${esc(name)} (${c.files} files, ${c.parts} parts)`)
        .join(', ')
    : esc(t.dirs.join(', '));
  return `<h2>Novelty (training set: ${t.parts} parts, ${t.tokens} notes)</h2>
<p>Indexed: ${corpora}. Every piece is checked, the style prompts' too.</p>
<p class="note">Runs of notes in one part (melody, harmony or bass) that occur note for note in a training part: the same pitch intervals and onset intervals (transposition-invariant, 1/12-beat grid). A run counts from ${sets[0].novelty!.minNotes} notes and ${sets[0].novelty!.minPitches} distinct pitches; its length is from its first onset to its last. The baseline's onsets are continuous seconds and seldom land on the training grid.</p>
${table(['set', 'longest (bars)', 'mean longest (bars)', `pieces over ${sets[0].novelty!.thresholdBars} bars`], rows)}${chart}
${flagged.length ? `<ul>${flagged.join('')}</ul>` : '<p>No piece shares more than the threshold.</p>'}`;
}

function rollsSection(r: EvalReport, rolls: readonly RollImage[]): string {
  if (rolls.length === 0) return '';
  const items = rolls
    .map(
      (x) =>
        `<figure class="roll"><img src="${x.src}" alt="piano roll"><figcaption>${esc(x.set)} #${x.prompt + 1}: ${esc(r.prompts[x.prompt]?.prompt ?? '')}</figcaption></figure>`,
    )
    .join('');
  return `<h2>Piano rolls</h2><div class="grid">${items}</div>`;
}

/** Renders the report page. */
export function reportHtml(r: EvalReport, rolls: readonly RollImage[] = []): string {
  const timing = Object.entries(r.timing)
    .map(([k, v]) => `${esc(k)} ${fmt(v, 1)} s`)
    .join(', ');
  const models = r.sets.map((s) => `${esc(s.name)}: ${esc(s.model)}`).join('; ');
  const pieceRows = r.pieces.map((p) => [
    esc(p.set),
    String(p.prompt + 1),
    esc(r.prompts[p.prompt].prompt),
    String(p.notes),
    fmt(p.relevance.tempo, 0),
    p.relevance.foundKey
      ? `${PITCH_CLASS_NAMES[p.relevance.foundKey.tonic]} ${p.relevance.foundKey.mode}`
      : '–',
    `${p.emotion.asked ?? '–'} / ${p.emotion.predicted ?? '–'}`,
    p.style ? esc(`${p.style.asked} / ${p.style.notes?.[0] ?? '–'} · ${p.style.full?.[0] ?? '–'}`) : '–',
    p.novelty ? fmt(p.novelty.bars, 2) : '–',
  ]);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Audiogenesis evaluation</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<style>${CSS}</style></head><body><h1>Audiogenesis evaluation</h1>
<p>${r.settings.prompts} prompts${r.settings.stylePrompts ? ` and ${r.settings.stylePrompts} style prompts (judged for style and novelty only)` : ''}, ${r.settings.seconds} s pieces, seeds ${r.settings.seeds[0] ?? ''}..${r.settings.seeds[r.settings.seeds.length - 1] ?? ''}; ${models}. ${esc(r.createdAt)}</p>
<p class="note">Wall time: ${timing}</p>
${setsSection(r)}${rolesSection(r)}${provenanceSection(r)}${qualitySection(r)}${mgevalSection(r)}${relevanceSection(r)}${emotionSection(r)}${styleHtml(r)}${noveltySection(r)}${rollsSection(r, rolls)}${skippedSection(r)}
<h2>Pieces</h2><details><summary>${r.pieces.length} pieces</summary>${table(['set', '#', 'prompt', 'notes', 'bpm', 'key found', 'mood asked / heard', 'style asked / heard (notes · full)', 'shared bars'], pieceRows)}</details>
</body></html>\n`;
}
