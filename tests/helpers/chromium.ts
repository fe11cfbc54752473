/**
 * Headless Chromium for browser tests: Debian's `chromium` (installed by `.ci/run`) driven by
 * `playwright-core`, with the flags that keep it off the network.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser is installed (`.ci/run` installs it; a developer may not have it). */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** True under CI (`CI=true`, as CI services set it), where the browser tests must run. */
export const inCi = /^(true|1)$/i.test(process.env.CI ?? '');

/**
 * True when the browser tests may be skipped: no Chromium on a developer's machine. Under CI they are
 * never skipped; {@link requireChromium} then fails them.
 */
export const skipBrowserTests = !hasChromium && !inCi;

/**
 * Fails (throws) when Chromium is missing; call it where the browser tests start, so that under CI a
 * missing browser is a failure, not a silent skip.
 */
export function requireChromium(): void {
  if (!hasChromium)
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or apt-get install chromium): ` +
        'the browser tests cannot run, and under CI=true they must',
    );
}

/** Starts headless Chromium (playwright gives it a fresh temporary profile) with no background networking. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
