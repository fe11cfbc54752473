/**
 * Explicit instrument requests from tokens: wanted ("strings", "with a sax"), unwanted ("no drums",
 * "without bass or guitar", "drumless") and exclusive ("solo piano", "drums only", "just piano").
 */
import type { Instrument } from './types';
import type { Token } from './text';

const SINGLE: Record<string, Instrument> = {
  piano: 'piano',
  pianos: 'piano',
  'piano-led': 'piano',
  rhodes: 'electric piano',
  wurlitzer: 'electric piano',
  'e-piano': 'electric piano',
  epiano: 'electric piano',
  organ: 'organ',
  organs: 'organ',
  hammond: 'organ',
  strings: 'strings',
  viola: 'strings',
  violas: 'strings',
  violin: 'violin',
  violins: 'violin',
  fiddle: 'violin',
  cello: 'cello',
  cellos: 'cello',
  guitar: 'guitar',
  guitars: 'guitar',
  bass: 'bass',
  bassline: 'bass',
  basslines: 'bass',
  synth: 'synth',
  synths: 'synth',
  synthesizer: 'synth',
  synthesizers: 'synth',
  synthesiser: 'synth',
  synthesisers: 'synth',
  pads: 'pad',
  brass: 'brass',
  horns: 'brass',
  trumpet: 'trumpet',
  trumpets: 'trumpet',
  sax: 'saxophone',
  saxophone: 'saxophone',
  saxophones: 'saxophone',
  flute: 'flute',
  flutes: 'flute',
  woodwinds: 'woodwinds',
  woodwind: 'woodwinds',
  clarinet: 'woodwinds',
  oboe: 'woodwinds',
  bassoon: 'woodwinds',
  harp: 'harp',
  choir: 'choir',
  choral: 'choir',
  bells: 'bells',
  glockenspiel: 'bells',
  celesta: 'bells',
  chimes: 'bells',
  marimba: 'marimba',
  xylophone: 'marimba',
  vibraphone: 'marimba',
  ukulele: 'ukulele',
  uke: 'ukulele',
  banjo: 'banjo',
  drums: 'drums',
  drum: 'drums',
  '808': 'drums',
  '808s': 'drums',
  percussion: 'percussion',
  congas: 'percussion',
  bongos: 'percussion',
  tambourine: 'percussion',
  shaker: 'percussion',
  handclaps: 'percussion',
};
const PAIRS: Record<string, Instrument> = {
  'electric piano': 'electric piano',
  'grand piano': 'piano',
  'acoustic guitar': 'acoustic guitar',
  'electric guitar': 'electric guitar',
  'distorted guitar': 'electric guitar',
  'double bass': 'bass',
  'upright bass': 'bass',
  'synth pad': 'pad',
  'string section': 'strings',
  'string quartet': 'strings',
  'horn section': 'brass',
  'drum kit': 'drums',
  'drum machine': 'drums',
  'bass line': 'bass',
  'french horn': 'brass',
};
const NEGATORS = new Set([
  'no',
  'without',
  'minus',
  'not',
  'excluding',
  'except',
  'zero',
  'lose',
  'drop',
  'skip',
  'nor',
]);
const NEGATED_VERBS = new Set(["don't", 'dont', 'do', 'never']);
const SCOPE = new Set([
  'and',
  'or',
  'nor',
  'any',
  'the',
  'live',
  'heavy',
  'loud',
  'real',
  'a',
  'use',
  'using',
  'acoustic',
  'electric',
]);
const ONLY_BEFORE = new Set(['solo', 'only', 'just', 'purely', 'unaccompanied']);
const ONLY_AFTER = new Set(['only', 'alone']);

/** Words that can start an instrument name; other tokens are skipped fast. */
const HEADS = new Set([...Object.keys(SINGLE), ...Object.keys(PAIRS).map((k) => k.split(' ')[0])]);

/** Instruments found in a token stream. */
export interface InstrumentRequests {
  wanted: Instrument[];
  excluded: Instrument[];
  only: boolean;
  /** The words that decided each finding. */
  texts: string[];
}

function instrumentAt(tokens: Token[], i: number): [Instrument, number] | undefined {
  const t = tokens[i]?.text;
  if (t === undefined || !HEADS.has(t)) return undefined;
  const pair = tokens[i + 1] ? PAIRS[`${t} ${tokens[i + 1].text}`] : undefined;
  if (pair) return [pair, 2];
  if (/^[a-z0-9]+-(?:free|less)$/.test(t) || /^(?:drum|bass|guitar|piano)less$/.test(t)) return undefined;
  const one = Object.hasOwn(SINGLE, t) ? SINGLE[t] : undefined;
  return one ? [one, 1] : undefined;
}

/** Finds wanted, unwanted and exclusive instrument requests. */
export function findInstruments(tokens: Token[]): InstrumentRequests {
  const wanted: Instrument[] = [];
  const excluded: Instrument[] = [];
  const texts: string[] = [];
  let only = false;
  let negUntil = -1;
  let negText = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    const suffix = t.endsWith('less') || t.endsWith('free') ? /^([a-z0-9]+?)-?(?:free|less)$/.exec(t) : null;
    if (suffix && Object.hasOwn(SINGLE, suffix[1])) {
      excluded.push(SINGLE[suffix[1]]);
      texts.push(t);
      continue;
    }
    if (t === 'nothing' && tokens[i + 1]?.text === 'but') {
      only = true;
      i++;
      continue;
    }
    if (
      NEGATORS.has(t) ||
      (NEGATED_VERBS.has(t) && /^(?:not|use|want|need|add)$/.test(tokens[i + 1]?.text ?? ''))
    ) {
      negUntil = i + 4;
      negText = t;
      continue;
    }
    if (tokens[i].punct && t !== ',') negUntil = -1;
    const found = instrumentAt(tokens, i);
    // A negation reaches an instrument only across list words ("no live drums", "without drums or bass").
    if (!found && t !== ',' && !SCOPE.has(t)) negUntil = -1;
    if (!found) continue;
    const [inst, len] = found;
    const text = tokens
      .slice(i, i + len)
      .map((x) => x.text)
      .join(' ');
    if (i <= negUntil) {
      excluded.push(inst);
      texts.push(`${negText} ... ${text}`);
      negUntil = i + len + 2;
    } else {
      wanted.push(inst);
      const prev = tokens[i - 1]?.text ?? '';
      const next = tokens[i + len]?.text ?? '';
      if (ONLY_BEFORE.has(prev) || ONLY_AFTER.has(next) || (next === 'solo' && wanted.length === 1)) {
        only = true;
        texts.push(ONLY_BEFORE.has(prev) ? `${prev} ${text}` : `${text} ${next}`);
      } else texts.push(text);
    }
    i += len - 1;
    // Scope words keep a negation alive over lists ("no drums or bass").
    if (i <= negUntil && !SCOPE.has(tokens[i + 1]?.text ?? '') && !instrumentAt(tokens, i + 1)) negUntil = -1;
  }
  const dedupe = (xs: Instrument[]) => [...new Set(xs)];
  const ex = dedupe(excluded);
  return { wanted: dedupe(wanted).filter((w) => !ex.includes(w)), excluded: ex, only, texts };
}
