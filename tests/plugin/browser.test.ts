/**
 * The built panel (dist/plugin: index.html + main.js + assets) in headless Chromium with the fake host
 * injected: type a prompt, click Generate, follow the progress, and find a WAV imported and placed at the
 * in-point on the first free audio track. A screenshot is saved for review.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOptions, FakeSnapshot } from '../../plugin/host/fake';
import { launchChromium, requireChromium, skipBrowserTests } from '../helpers/chromium';

/** The built plugin folder (a private build: other tests may build dist/plugin meanwhile). */
const ROOT = join(mkdtempSync(join(tmpdir(), 'ag-panel-')), 'plugin');
/** Where the screenshot goes (gitignored scratch/ unless AG_SCREENSHOT says otherwise). */
const SHOT = resolve(process.env.AG_SCREENSHOT ?? 'scratch/plugin/panel.png');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
};

let server: Server;
let base: string;
let browser: Browser;
let fakeBundle: string;

/** A 40 s sequence, in/out 5..35 s, dialogue on A1, a sound effect on A2 over 10..12 s, A3 free. */
const SCENE: FakeOptions = {
  sequence: { name: 'Launch spot', end: 40, inPoint: 5, outPoint: 35 },
  markers: [
    { name: 'Open', comments: 'calm, curious', start: 5, duration: 0 },
    { name: 'Reveal', comments: 'energetic and bright', start: 20, duration: 0 },
  ],
  tracks: [
    { name: 'Dialogue', items: [{ start: 0, end: 40 }] },
    { name: 'SFX', items: [{ start: 10, end: 12 }] },
    { name: 'Music', items: [] },
  ],
};

async function openPanel(options: FakeOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 480, height: 1150 } });
  page.on('pageerror', (err) => console.error('panel error:', err.message));
  await page.addInitScript(
    // As in UXP: no WebAssembly (the panel must not need it).
    `delete globalThis.WebAssembly;
    ${fakeBundle}
    window.__AUDIOGENESIS_HOST__ = new AudiogenesisFake.FakePremiereHost(${JSON.stringify(options)});
    window.__progress = [];
    document.addEventListener('audiogenesis:progress', (e) => window.__progress.push(e.detail.stage));
    document.addEventListener('audiogenesis:placed', (e) => (window.__placed = e.detail));`,
  );
  await page.goto(`${base}/index.html`);
  await page.waitForSelector('#panel[data-state="ready"]', { timeout: 300_000 });
  expect(await page.evaluate(() => typeof (globalThis as { WebAssembly?: unknown }).WebAssembly)).toBe(
    'undefined',
  );
  return page;
}

const snapshot = (page: Page): Promise<FakeSnapshot> =>
  page.evaluate(() =>
    (
      window as unknown as { __AUDIOGENESIS_HOST__: { snapshot(): FakeSnapshot } }
    ).__AUDIOGENESIS_HOST__.snapshot(),
  );

/** Clicks a button and waits for the panel to finish; returns the milliseconds it took. */
async function clickAndWait(page: Page, id: string): Promise<number> {
  await page.evaluate(() => document.getElementById('panel')!.setAttribute('data-state', 'busy'));
  const t0 = Date.now();
  await page.click(`#${id}`);
  await page.waitForSelector('#panel[data-state="placed"], #panel[data-state="error"]', { timeout: 300_000 });
  return Date.now() - t0;
}

beforeAll(async () => {
  if (skipBrowserTests) return;
  requireChromium();
  execFileSync(process.execPath, ['scripts/build-plugin.mjs', '--outdir', ROOT], { stdio: 'ignore' });
  const fake = await build({
    entryPoints: ['plugin/host/fake.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'AudiogenesisFake',
    platform: 'browser',
    write: false,
  });
  fakeBundle = fake.outputFiles[0].text;
  server = createServer((req, res) => {
    const path = join(ROOT, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(ROOT) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  rmSync(dirname(ROOT), { recursive: true, force: true });
});

describe.skipIf(skipBrowserTests)('the panel in Chromium with the fake host', () => {
  // How fast it gets there is measured by `npm run bench`, not asserted here (no test asserts a wall-clock time).
  it('generates, imports and places a 30 s ad at the in-point on the first free track', async () => {
    const page = await openPanel(SCENE);
    await page
      .locator('#script textarea')
      .pressSequentially('Upbeat tech launch for a smart watch, confident and bright');
    const ms = await clickAndWait(page, 'generate');
    const message = await page.textContent('#message');
    expect(await page.getAttribute('#panel', 'data-state'), message ?? '').toBe('placed');
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(progress).toEqual(['embed', 'generate', 'render', 'import', 'place', 'done']);

    const s = await snapshot(page);
    const wav = s.files.find((f) => f.path.endsWith('.wav'))!;
    expect(wav.path).toMatch(/^\/Users\/editor\/Ads\/Audiogenesis\/.+-s1\.wav$/);
    expect(wav.head).toBe('RIFF');
    expect(wav.size).toBeGreaterThan(30 * 48000 * 4);
    expect(s.files.some((f) => f.path === wav.path.replace(/\.wav$/, '.json'))).toBe(true);
    expect(s.bins).toEqual(['Audiogenesis']);
    expect(s.imports).toEqual([{ path: wav.path, bin: 'bin-1', ok: true }]);
    expect(s.transactions).toHaveLength(1);
    expect(s.transactions[0]).toMatchObject({
      label: 'Audiogenesis: place music',
      ok: true,
      actions: [{ kind: 'overwrite', item: 'item-1', time: 5, audioTrack: 2 }],
    });
    expect(s.placements[0]).toMatchObject({ audioTrack: 2, start: 5, newTrack: false, overwrote: false });
    expect(s.placements[0].end - s.placements[0].start).toBeCloseTo(30, 1);

    expect(await page.textContent('#summary')).toMatch(/placed on A3 at 0:05/);
    expect(await page.locator('#explanation li').count()).toBeGreaterThan(1);
    mkdirSync(dirname(SHOT), { recursive: true });
    await page.screenshot({ path: SHOT, fullPage: true });
    const placed = await page.evaluate(
      () => (window as unknown as { __placed: { timings: object } }).__placed,
    );
    console.log(`generate-to-placed ${ms} ms (stages ${JSON.stringify(placed.timings)}); screenshot ${SHOT}`);

    // Try another: same prompt, next variation, a fresh file name, and a new track (A3 is taken now).
    const again = await clickAndWait(page, 'another');
    console.log(`try-another-to-placed ${again} ms`);
    const t = await snapshot(page);
    expect(await page.locator('#seed input').inputValue()).toBe('2');
    expect(t.files.filter((f) => f.path.endsWith('.wav')).map((f) => f.path.replace(/.*\//, ''))).toEqual([
      wav.path.replace(/.*\//, ''),
      wav.path.replace(/.*\//, '').replace(/-s1\.wav$/, '-s2.wav'),
    ]);
    expect(t.transactions[1].actions[0]).toMatchObject({ kind: 'insert-new-track', time: 5, audioTrack: 3 });
    expect(t.placements.every((p) => !p.overwrote)).toBe(true);
    await page.close();
  });

  it('says plainly when no project is open', async () => {
    const page = await openPanel({ project: null });
    expect(await page.textContent('#length-note')).toMatch(/^No project is open\./);
    await page.locator('#script textarea').pressSequentially('calm piano');
    await clickAndWait(page, 'generate');
    expect(await page.textContent('#message')).toBe(
      'No project open. No project is open. Open or create a project in Premiere Pro, then try again.',
    );
    await page.close();
  });

  it('shows a full disk plainly and imports nothing', async () => {
    const page = await openPanel({ ...SCENE, fail: { diskFull: true } });
    await page.locator('#script textarea').fill('calm piano');
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
    await page.close();
  });
});
