/**
 * Does the harmony follow the density it is asked for? The model alone (`MusicModel.generate`, no arranger
 * rule) writes a harmony part on each instrument below, under a mildly calm, sad acoustic conditioning
 * (86 bpm, the one "charity appeal" gets) with a basic chord progression, at piece densities from 0 to 0.7,
 * and prints the notes per beat it wrote beside what the role's density conditioning asks for (the density
 * is notes per beat / 8, `densityFromNotesPerBeat`). Development seeds 1-4 of 64 beats each; no reference
 * music is read.
 *
 * Usage: node --import tsx bench/design/harmony-density.ts [--model DIR]
 */
import { parseArgs } from 'node:util';
import { loadModels } from '../../cli/eval/generate';
import { basicProgression } from '../../core/arrange/progression';
import type { Conditioning } from '../../core/conditioning';
import { defaultConditioning } from '../../core/conditioning';
import { roleConditioning } from '../../core/model/priors';

const { values } = parseArgs({ options: { model: { type: 'string', default: 'assets/model' } } });
const { model } = await loadModels(values.model!, null);
const INSTRUMENTS: [string, number][] = [
  ['acoustic guitar', 25],
  ['piano', 0],
  ['strings', 48],
];
const BEATS = 64;
const SEEDS = [1, 2, 3, 4];
console.log('instrument | piece density | asked notes per beat | written notes per beat');
for (const [name, program] of INSTRUMENTS)
  for (const density of [0, 0.12, 0.3, 0.5, 0.7]) {
    const c: Conditioning = {
      ...defaultConditioning(),
      style: 'acoustic',
      tempo: 86,
      valence: -0.3,
      arousal: -0.25,
      density,
      roles: ['harmony'],
    };
    const asked = roleConditioning(c, 'harmony', model.priors, model.stylePriors).density * 8;
    let written = 0;
    for (const seed of SEEDS) {
      const s = model.generate({
        conditioning: c,
        beats: BEATS,
        seed,
        chords: basicProgression(c, BEATS),
        programs: { harmony: program },
      });
      written += s.notes.length / BEATS / SEEDS.length;
    }
    console.log(`${name} | ${density} | ${asked.toFixed(2)} | ${written.toFixed(2)}`);
  }
model.dispose();
