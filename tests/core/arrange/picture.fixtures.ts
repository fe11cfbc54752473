/**
 * Fixtures of scoring to picture, built here (no files): spots with cut lists, a transcript, the coffee
 * spot's subtitles and a script that changes key. Shared by the tests and `scripts/check-picture.ts`.
 */
import { seededRandom } from '../../../core/random';

/** A spot to score to picture: a prompt, a length and its cuts (seconds). */
export interface Spot {
  prompt: string;
  seconds: number;
  seed: number;
  cuts: number[];
}

const PROMPTS = [
  'Upbeat tech launch, synths and drums',
  'Energetic sports drink commercial',
  'Corporate explainer, confident and friendly, drums',
  'Summer holiday ad, happy and bright',
  'Hip hop sneaker drop at 92 bpm',
  'Rock energy drink, electric guitar',
  'Funky food delivery, slap bass',
  'Epic cinematic trailer with big drums',
  'Playful kids toy ad, fun and bouncy',
  'Fast car ad, driving groove, 150 bpm',
  'Fitness app, motivating electronic beat',
  'Pop song feel for a phone launch, 118 bpm',
];

/**
 * Spots with 3 to 8 cuts each, lengths from 10 to 60 s: cuts drawn at random, at least 0.8 s from each
 * other and from the ends (so no two share a hit at these tempi).
 */
export function spots(count = 24): Spot[] {
  const rng = seededRandom(2024);
  return Array.from({ length: count }, (_, i) => {
    const seconds = [10, 15, 20, 30, 45, 60][i % 6];
    const n = 3 + (i % 6);
    const cuts: number[] = [];
    while (cuts.length < n) {
      const t = Math.round((0.8 + rng() * (seconds - 1.6)) * 1000) / 1000;
      if (cuts.every((c) => Math.abs(c - t) >= 0.8)) cuts.push(t);
    }
    return { prompt: PROMPTS[i % PROMPTS.length], seconds, seed: 5 + i, cuts: cuts.sort((a, b) => a - b) };
  });
}

/** The coffee spot of issue 17 as subtitles: a calm first line, the turn at 6.5 s, energy, an end line. */
export const COFFEE_SRT = `1
00:00:00,500 --> 00:00:05,800
Mornings used to be hard. Grey, slow, quiet.

2
00:00:06,500 --> 00:00:13,000
Then you found Sunrise Roast. Bold, bright, alive.

3
00:00:15,000 --> 00:00:22,500
Every cup, a kick-start. Every sip, pure energy!

4
00:00:24,000 --> 00:00:29,000
Sunrise Roast. Wake up bold.
`;

/** The start of each coffee cue, in seconds. */
export const COFFEE_CUES = [0.5, 6.5, 15, 24];

/** A Premiere-style transcript of a 30 s voice-over: four lines with gaps between them. */
export const TRANSCRIPT = {
  language: 'en-us',
  segments: [
    {
      start: 2,
      duration: 4.5,
      speaker: 's1',
      words: [{ text: 'Every' }, { text: 'journey' }, { text: 'starts' }],
    },
    {
      start: 10,
      duration: 4,
      speaker: 's1',
      words: [{ text: 'with' }, { text: 'a' }, { text: 'single' }, { text: 'step' }],
    },
    { start: 18, duration: 3.5, speaker: 's1', words: [{ text: 'Take' }, { text: 'it' }, { text: 'today' }] },
    { start: 24.5, duration: 3, speaker: 's1', words: [{ text: 'Trailhead' }, { text: 'boots' }] },
  ],
};

/** Speech spans of {@link TRANSCRIPT}, in seconds. */
export const TRANSCRIPT_SPANS = TRANSCRIPT.segments.map((s) => ({
  start: s.start,
  end: s.start + s.duration,
}));

/** A script whose second part changes key (and says so as a direction). */
export const KEY_CHANGE_SCRIPT = `0:00 A quiet walk through the old town, in C major.
0:12 Then the festival begins, in E minor, dancing and bright!
0:24 Home again, warm and happy.`;
