/**
 * The built panel (dist/plugin) at 300 px in headless Chromium with the fake host injected: Generate in
 * slices (its long tasks printed; `npm run bench panel` holds them to 100 ms), audition, place, try another,
 * replace: one take on the timeline, one undo step each, the picture untouched; every control reachable by
 * scrolling; screenshots of each state under scratch/plugin/ for review.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOptions } from '../../plugin/host/fake';
import { requireChromium, skipBrowserTests } from '../helpers/chromium';
import type { PanelHarness } from './page';
import { clickAndWait, panelHarness, snapshot, watchLongTasks } from './page';

/** Where the screenshots go (gitignored scratch/ unless AG_SCREENSHOTS says otherwise). */
const SHOTS = resolve(process.env.AG_SCREENSHOTS ?? 'scratch/plugin');
let harness: PanelHarness;

/** A 40 s sequence, in/out 5..35 s, dialogue on A1, a sound effect on A2 over 10..12 s, A3 "Music" free. */
const SCENE: FakeOptions = {
  sequence: { name: 'Launch spot', end: 40, inPoint: 5, outPoint: 35, zeroPoint: 3600 },
  markers: [
    { name: 'Open', comments: 'calm, curious', start: 5, duration: 0 },
    { name: 'Reveal', comments: 'energetic and bright', start: 20, duration: 0 },
  ],
  tracks: [
    { name: 'Dialogue', items: [{ start: 0, end: 40 }] },
    { name: 'SFX', items: [{ start: 10, end: 12 }] },
    { name: 'Music', items: [] },
  ],
  video: [
    {
      items: [
        { start: 0, end: 20 },
        { start: 20, end: 40 },
      ],
    },
    { items: [{ start: 30, end: 35 }] },
  ],
};

async function openPanel(options: FakeOptions): Promise<Page> {
  const page = await harness.open(options);
  expect(await page.evaluate(() => typeof (globalThis as { WebAssembly?: unknown }).WebAssembly)).toBe(
    'undefined',
  );
  return page;
}

/** Text as it reads on screen (the page's own line breaks folded). */
const text = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** Saves a screenshot of the whole panel (scrolled through) under scratch/plugin/. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  if (skipBrowserTests) return;
  requireChromium();
  harness = await panelHarness();
}, 240_000);

afterAll(async () => {
  await harness?.close();
});

describe.skipIf(skipBrowserTests)('the panel at 300 px in Chromium with the fake host', () => {
  it('generates in slices, auditions, places, tries another and replaces: one take, one undo step each', async () => {
    const page = await openPanel(SCENE);
    await shot(page, '1-ready');
    await page
      .locator('#script textarea')
      .pressSequentially('Upbeat tech launch for a smart watch, confident and bright');
    await watchLongTasks(page, true);
    await clickAndWait(page, 'generate');
    // Long tasks are wall-clock time (a busy machine stretches them): printed here, and measured against
    // the 100 ms target by `npm run bench panel`. What is asserted is that the work is sliced.
    console.log(
      `long tasks during Generate (ms): ${JSON.stringify((await watchLongTasks(page, false)).map((t) => t.ms))}`,
    );
    const message = await page.textContent('#message');
    expect(await page.getAttribute('#panel', 'data-state'), message ?? '').toBe('audition');
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(progress[0]).toBe('embed');
    expect(progress.filter((p) => p === 'render').length).toBeGreaterThan(20); // sliced, with real progress
    expect(progress.at(-1)).toBe('done');
    let s = await snapshot(page);
    const wav = s.files.find((f) => f.path.endsWith('.wav'))!;
    expect(wav.path).toMatch(/^\/Users\/editor\/Ads\/Audiogenesis\/.+-s1-[0-9a-f]{6}\.wav$/);
    expect(s.auditions).toEqual([wav.path]);
    expect(s.transactions).toEqual([]); // nothing on the timeline before Place
    expect(await page.textContent('#length-note')).toContain('1:00:05');
    expect(await page.textContent('#summary')).toContain('Hits on 2 cuts.');
    await shot(page, '2-audition');

    await clickAndWait(page, 'place', ['placed', 'error']);
    s = await snapshot(page);
    expect(s.transactions.map((t) => t.label)).toEqual(['Audiogenesis: place music']);
    expect(s.placements).toMatchObject([
      { audioTrack: 2, start: 5, newTrack: false, overwrote: false, onTimeline: true },
    ]);
    await shot(page, '3-placed');

    await clickAndWait(page, 'another');
    expect(await page.locator('#seed input').inputValue()).toBe('2');
    s = await snapshot(page);
    expect(s.auditions).toHaveLength(2);
    expect(s.transactions).toHaveLength(1); // auditioning changes nothing
    expect(await page.locator('#takes .take-row').count()).toBe(2);
    await shot(page, '4-another');

    await clickAndWait(page, 'replace', ['placed', 'error']);
    s = await snapshot(page);
    expect(s.transactions.map((t) => [t.label, t.ok])).toEqual([
      ['Audiogenesis: place music', true],
      ['Audiogenesis: replace music', true],
    ]);
    const onTimeline = s.placements.filter((p) => p.onTimeline);
    expect(onTimeline).toHaveLength(1);
    expect(onTimeline[0].path).toMatch(/-s2-[0-9a-f]{6}\.wav$/);
    expect(s.placements.every((p) => !p.overwrote)).toBe(true);
    expect(s.tracks.map((t) => t.name)).toEqual(['Dialogue', 'SFX', 'Music']);
    expect(s.tracks[0].items).toEqual([{ start: 0, end: 40 }]);
    expect(s.video).toEqual(SCENE.video!.map((t, index) => ({ index, items: t.items })));
    await shot(page, '5-replaced');

    // Every control can be reached by scrolling the panel, folds opened.
    for (const head of ['head-length', 'head-overrides', 'head-reading', 'head-daw']) {
      await page.locator(`#${head}`).scrollIntoViewIfNeeded();
      await page.click(`#${head}`);
    }
    for (const id of [
      'script',
      'use-transcript',
      'hit-cuts',
      'place-stems',
      'generate',
      'another',
      'cancel',
      'play',
      'place',
      'replace',
      'discard',
      'reveal',
      'select',
      'seconds',
      'refresh',
      'style',
      'key',
      'tempo',
      'seed',
      'choose-roles',
      'loop',
      'reading',
      'token',
      'send',
      'export-midi',
    ]) {
      const el = page.locator(`#${id}`);
      await el.scrollIntoViewIfNeeded();
      const box = await el.boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.y, id).toBeGreaterThanOrEqual(0);
      expect(box!.y + Math.min(box!.height, 20), id).toBeLessThanOrEqual(520);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(301);
    }
    expect(await page.locator('#reading .reading-line').count()).toBeGreaterThan(3);
    expect(await page.textContent('#reading')).toMatch(/Feel: .*Tempo: \d+ bpm/);
    await page.locator('#body-reading').scrollIntoViewIfNeeded();
    await shot(page, '6-folds-open');
    await page.close();
  }, 300_000);

  it('without workers (as in UXP) composes on the panel thread in slices, with progress, the same take', async () => {
    const takes: { progress: string[]; json: { size: number; head: string } }[] = [];
    for (const workers of [true, false]) {
      const page = await harness.open(SCENE, 300, 520, { workers });
      await page
        .locator('#script textarea')
        .fill('Upbeat tech launch for a smart watch, confident and bright');
      await clickAndWait(page, 'generate');
      expect(
        await page.getAttribute('#panel', 'data-state'),
        (await page.textContent('#message')) ?? '',
      ).toBe('audition');
      const json = (await snapshot(page)).files.find((f) => f.path.endsWith('.json'))!;
      const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
      takes.push({ progress, json: { size: json.size, head: json.head } });
      await page.close();
    }
    const composing = (t: (typeof takes)[number]): number =>
      t.progress.filter((p) => p === 'generate').length;
    expect(composing(takes[0])).toBe(1); // the worker reports no progress while it composes
    expect(composing(takes[1])).toBeGreaterThan(5); // inline: the model paused and reported progress
    expect(takes[1].json).toEqual(takes[0].json); // the same piece written on either path
  });

  it("says how many cuts it found, and places a take's stems on adjacent tracks in one step", async () => {
    const page = await openPanel(SCENE);
    await page.waitForFunction(() =>
      /cuts in the span/.test(document.getElementById('cuts-note')!.textContent ?? ''),
    );
    expect(text(await page.textContent('#cuts-note'))).toBe(
      '2 cuts in the span, at 1:00:20, 1:00:30: each gets a hit.',
    );
    expect(await page.locator('#hit-cuts input').isChecked()).toBe(true);
    expect(await page.locator('#hit-cuts').getAttribute('disabled')).toBeNull();
    expect(await page.locator('#place-stems input').isChecked()).toBe(false);
    await shot(page, '9-picture-controls');
    await page.locator('#script textarea').fill('upbeat pop with drums and bass');
    await page.locator('#place-stems input').check();
    await page.click('#head-length');
    await page.locator('#seconds input').fill('3');
    await clickAndWait(page, 'generate');
    await clickAndWait(page, 'place', ['placed', 'error']);
    const s = await snapshot(page);
    const stems = s.files.filter((f) => /-(melody|harmony|bass|drums)\.wav$/.test(f.path));
    expect(stems.length).toBeGreaterThanOrEqual(2);
    // Each stem imported, as long as the mix (read from each WAV's header by the fake).
    const mix = s.items.find((i) => /-s1-[0-9a-f]{6}\.wav$/.test(i.path))!;
    expect(mix.seconds).toBe(3);
    expect(s.items.filter((i) => i !== mix).map((i) => [i.path, i.seconds])).toEqual(
      stems.map((f) => [f.path, 3]),
    );
    expect(s.transactions[0]).toMatchObject({ label: 'Audiogenesis: place music', ok: true });
    expect(s.placements.map((p) => [p.path, p.audioTrack, p.start])).toEqual(
      stems.map((f, i) => [f.path, 2 + i, 5]),
    );
    expect(s.tracks.slice(2).map((t) => t.name.startsWith('Music'))).toEqual(stems.map(() => true));
    expect(s.video).toEqual(SCENE.video!.map((t, index) => ({ index, items: t.items })));
    expect(text(await page.textContent('#summary'))).toMatch(
      new RegExp(`${stems.length} stems on A3–A${2 + stems.length}`),
    );
    await page.locator('#result').scrollIntoViewIfNeeded();
    await shot(page, '10-stems-placed');
    await page.close();
  });

  it('shows a wrong field on the field, not in the message', async () => {
    const page = await openPanel(SCENE);
    await page.click('#head-overrides');
    await page.locator('#tempo input').fill('900');
    await page.locator('#script textarea').fill('calm piano');
    await clickAndWait(page, 'generate');
    expect(await page.getAttribute('#tempo', 'invalid')).toBe('');
    expect(await page.textContent('#error-tempo')).toMatch(/tempo must be from 20 to 300/);
    expect(await page.textContent('#message')).not.toMatch(/Nothing to read/);
    await page.locator('#tempo').scrollIntoViewIfNeeded();
    await shot(page, '7-field-error');
    await page.close();
  });

  it('says plainly when no project is open', async () => {
    const page = await openPanel({ project: null });
    expect(await page.textContent('#length-note')).toMatch(/^No project is open\./);
    await page.locator('#script textarea').pressSequentially('calm piano');
    await clickAndWait(page, 'generate');
    expect(text(await page.textContent('#message'))).toBe(
      'No project open. No project is open. Open or create a project in Premiere Pro, then try again.',
    );
    await page.close();
  });

  it('shows a full disk plainly and imports nothing', async () => {
    const page = await openPanel({ ...SCENE, fail: { diskFull: true } });
    await page.locator('#script textarea').fill('calm piano');
    await page.click('#head-length');
    await page.locator('#seconds input').fill('2');
    await clickAndWait(page, 'generate');
    expect(await page.getAttribute('#panel', 'data-state')).toBe('error');
    expect(await page.textContent('#message')).toMatch(
      /Disk full\. The disk is full: .*Nothing was imported\./,
    );
    const s = await snapshot(page);
    expect(s.files).toEqual([]);
    expect(s.imports).toEqual([]);
    expect(s.transactions).toEqual([]);
    await shot(page, '8-disk-full');
    await page.close();
  });

  it('adds a Music track, moving no picture, when no track can take the music', async () => {
    const page = await openPanel({
      ...SCENE,
      tracks: [
        { name: 'Dialogue', items: [{ start: 0, end: 40 }] },
        { name: 'SFX', items: [{ start: 10, end: 12 }] },
      ],
    });
    await page.locator('#script textarea').fill('calm piano');
    await page.click('#head-length');
    await page.locator('#seconds input').fill('3');
    await clickAndWait(page, 'generate');
    await clickAndWait(page, 'place', ['placed', 'error']);
    const s = await snapshot(page);
    expect(s.transactions.map((t) => t.label)).toEqual([
      'Audiogenesis: place music',
      'Audiogenesis: name the Music track',
    ]);
    expect(s.tracks.map((t) => t.name)).toEqual(['Dialogue', 'SFX', 'Music']);
    expect(s.video).toEqual(SCENE.video!.map((t, index) => ({ index, items: t.items })));
    await page.close();
  });

  it('as in UXP: registers the panel while the page is still loading, no stand-in styles, the host theme', async () => {
    const page = await harness.openRaw(`
      window.__setupAt = null;
      const never = () => new Promise(() => undefined);
      const listeners = [];
      document.theme = { getCurrent: () => 'light', onUpdated: { addListener: (f) => listeners.push(f) } };
      window.__themeTo = (t) => listeners.forEach((f) => f(t));
      window.require = (name) => {
        if (name === 'uxp') return {
          entrypoints: { setup: () => { window.__setupAt = document.readyState; } },
          storage: { localFileSystem: { getPluginFolder: never, getDataFolder: never }, formats: {}, types: {} },
          shell: { openPath: async () => '' },
        };
        if (name === 'premierepro') return { Project: { getActiveProject: never } };
        throw new Error('no module ' + name);
      };`);
    await page.waitForFunction(() => document.body.classList.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __setupAt: string }).__setupAt)).toBe('loading');
    expect(await page.evaluate(() => document.documentElement.classList.contains('standin'))).toBe(false);
    expect(await page.evaluate(() => document.body.className)).toBe('theme-light');
    await page.evaluate(() => (window as unknown as { __themeTo(t: string): void }).__themeTo('darkest'));
    expect(await page.evaluate(() => document.body.className)).toBe('theme-dark');
    // Without the stand-ins, nothing of their CSS applies: a Spectrum menu is not hidden by it.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('sp-menu')!).display)).not.toBe(
      'none',
    );
    await page.close();
  });
});
