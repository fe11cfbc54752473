/**
 * The panel's start inside UXP: the only code that requires `uxp` and `premierepro`. Gives the real host,
 * the plugin folder's assets, and registers the panel entry point named in manifest.json.
 */
import type { AssetReader } from '../engine';
import type { PremiereApi } from './premiere';
import { createPremiereHost } from './premiere';
import type { PremiereHost } from './types';
import type { UxpStorage } from './uxp-files';
import { uxpAssets, uxpFiles } from './uxp-files';

/** The panel's id in manifest.json's `entrypoints`. */
export const PANEL_ID = 'audiogenesis.panel';

interface UxpModule {
  storage: UxpStorage;
  entrypoints?: { setup(config: { panels: Record<string, { show?(): void }> }): void };
}

/** The host and assets inside Premiere Pro. Throws outside UXP (no `require`, or no such modules). */
export function uxpEnvironment(): { host: PremiereHost; assets: AssetReader } {
  /* eslint-disable @typescript-eslint/no-require-imports -- UXP loads host modules with require() */
  const uxp = require('uxp') as UxpModule;
  const ppro = require('premierepro') as PremiereApi;
  /* eslint-enable @typescript-eslint/no-require-imports */
  try {
    uxp.entrypoints?.setup({ panels: { [PANEL_ID]: { show() {} } } });
  } catch {
    // set up already (a reload): the panel still works
  }
  return { host: createPremiereHost(ppro, uxpFiles(uxp.storage)), assets: uxpAssets(uxp.storage) };
}
