/** Explicit tempo requests: "92 bpm", "tempo 120", "120-130 bpm", Italian markings and plain words. */

/** Lowest and highest tempo the embedder returns, in bpm. */
export const TEMPO_RANGE = { min: 20, max: 300 } as const;

/** A tempo request found in a prompt. */
export interface TempoRequest {
  bpm: number;
  text: string;
  /** The tempo as written, when it was clamped into {@link TEMPO_RANGE}. */
  asked?: number;
  note?: string;
}

const WORDS: [RegExp, number][] = [
  [/\bprestissimo\b/, 200],
  [/\bpresto\b/, 184],
  [/\bvivacissimo\b/, 176],
  [/\bvivace\b/, 166],
  [/\ballegretto\b/, 112],
  [/\ballegro\b/, 132],
  [/\bmoderato\b/, 108],
  [/\bandantino\b/, 96],
  [/\bandante\b/, 88],
  [/\badagietto\b/, 74],
  [/\badagio\b/, 70],
  [/\blarghetto\b/, 63],
  [/\blento\b/, 56],
  [/\blargo\b/, 50],
  [/\b(?:very|super|really|extremely|ultra)[\s-]+fast\b/, 170],
  [/\b(?:very|super|really|extremely)[\s-]+slow\b/, 56],
  [/\bnot (?:too |so |very )?fast\b/, 96],
  [/\bnot (?:too |so |very )?slow\b/, 112],
  [/\b(?:mid|medium|moderate)[\s-]?tempo\b/, 105],
  [/\bdown[\s-]?tempo\b/, 85],
  [/\bup[\s-]?tempo\b/, 128],
  [/\bfast[\s-]paced\b/, 140],
  [/\bslow[\s-]paced\b/, 72],
  [/\bdouble[\s-]time\b/, 150],
  [
    /\bfast(?:er)?\b(?![\s-]+(?:food|fashion|delivery|shipping|charging|internet|service|forward|track|lane|casual))/,
    140,
  ],
  [/\bslow(?:er)?\b(?![\s-]+(?:cooker|cooked|cooking|down|fashion|living|burn))/, 72],
];

const clampNote = (bpm: number, text: string): TempoRequest => {
  const rounded = Math.round(bpm * 10) / 10;
  const range = `tempos run ${TEMPO_RANGE.min}-${TEMPO_RANGE.max} bpm`;
  if (rounded > TEMPO_RANGE.max)
    return {
      bpm: TEMPO_RANGE.max,
      text,
      asked: rounded,
      note: `tempo ${TEMPO_RANGE.max} bpm: clamped ("${text}" asks for ${rounded}; ${range})`,
    };
  if (rounded < TEMPO_RANGE.min)
    return {
      bpm: TEMPO_RANGE.min,
      text,
      asked: rounded,
      note: `tempo ${TEMPO_RANGE.min} bpm: clamped ("${text}" asks for ${rounded}; ${range})`,
    };
  return { bpm: rounded, text };
};

const NUMBER = String.raw`(-?\d{1,6}(?:\.\d{1,3})?)`;
const UNIT = String.raw`(?:bpm|b\.p\.m\.?|beats?\s+(?:per|a|each)\s+min(?:ute)?)`;
const RANGE_RE = new RegExp(String.raw`${NUMBER}\s*(?:-|to|–)\s*${NUMBER}\s*${UNIT}`);
const NUM_UNIT_RE = new RegExp(String.raw`${NUMBER}\s*-?\s*${UNIT}`);
const UNIT_NUM_RE = new RegExp(
  String.raw`\b(?:bpm|tempo)\s*(?:of|at|=|:|is|around|about|~)?\s*${NUMBER}\b(?!\s*(?:%|sec|s\b|min))`,
);

/**
 * Finds the first explicit tempo in lower-case text. Numbers win over words; out-of-range numbers are
 * clamped to {@link TEMPO_RANGE} with a note.
 */
export function findTempo(lower: string): TempoRequest | undefined {
  const range = RANGE_RE.exec(lower);
  if (range) return clampNote((Number(range[1]) + Number(range[2])) / 2, range[0].trim());
  const num = NUM_UNIT_RE.exec(lower) ?? UNIT_NUM_RE.exec(lower);
  if (num) return clampNote(Number(num[1]), num[0].trim());
  let best: { at: number; bpm: number; text: string } | undefined;
  for (const [re, bpm] of WORDS) {
    const m = re.exec(lower);
    if (m && (!best || m.index < best.at)) best = { at: m.index, bpm, text: m[0] };
  }
  return best && { bpm: best.bpm, text: best.text };
}
