/**
 * The panel's responsiveness: the built panel at 300 px in headless Chromium with the fake host, a 30 s
 * Generate (compose, render, save, import) with the Long Tasks record (PerformanceObserver 'longtask') on,
 * on both composing paths: in a worker (a browser) and inline on the panel's thread (`Worker` hidden, as in
 * UXP, which has no workers). Prints every task over 50 ms and the longest of each path; exits non-zero
 * when one is over 100 ms. Long tasks are wall time, so run it on a quiet machine: another job's load
 * stretches every slice.
 * Run: `npm run bench panel` (needs Debian's chromium); `node --import tsx bench/panel.ts [rounds] [worker|inline]`
 * for one path.
 */
import { hasChromium } from '../tests/helpers/chromium';
import type { PanelHarness } from '../tests/plugin/page';
import { clickAndWait, panelHarness, watchLongTasks } from '../tests/plugin/page';

const LIMIT_MS = 100;
const ROUNDS = Number(process.argv[2] ?? 2);
const PATHS = process.argv[3] ? [process.argv[3]] : ['worker', 'inline'];

/** The longest task over `ROUNDS` Generates on one composing path. */
async function measure(harness: PanelHarness, path: string): Promise<number> {
  const page = await harness.open(
    {
      sequence: { name: 'Spot', end: 30, inPoint: null, outPoint: null, zeroPoint: 0 },
      tracks: [
        { name: 'Dialogue', items: [{ start: 0, end: 30 }] },
        { name: 'Music', items: [] },
      ],
    },
    300,
    520,
    { workers: path === 'worker' },
  );
  await page.locator('#script textarea').fill('Upbeat tech launch for a smart watch, confident and bright');
  let worst = 0;
  for (let r = 0; r < ROUNDS; r++) {
    await watchLongTasks(page, true);
    await clickAndWait(page, r === 0 ? 'generate' : 'another');
    const tasks = await watchLongTasks(page, false);
    const longest = Math.max(0, ...tasks.map((t) => t.ms));
    worst = Math.max(worst, longest);
    console.log(
      `${path} Generate ${r + 1}: ${tasks.length} tasks over 50 ms, longest ${longest} ms; ${JSON.stringify(tasks)}`,
    );
  }
  await page.close();
  return worst;
}

if (!hasChromium) {
  console.log('chromium is not installed (apt-get install chromium): nothing measured');
  process.exit(0);
}
const harness = await panelHarness();
const worst: Record<string, number> = {};
try {
  for (const path of PATHS) worst[path] = await measure(harness, path);
} finally {
  await harness.close();
}
for (const [path, ms] of Object.entries(worst))
  console.log(`longest task during Generate, composing ${path}: ${ms} ms (target <= ${LIMIT_MS} ms)`);
const over = Object.entries(worst).filter(([, ms]) => ms > LIMIT_MS);
for (const [path, ms] of over)
  console.error(`FAIL: a task of ${ms} ms froze the panel composing ${path} (target <= ${LIMIT_MS} ms)`);
if (over.length > 0) process.exit(1);
