/**
 * The panel's start inside UXP: the only code that requires `uxp` and `premierepro`. Gives the real host,
 * the plugin folder's assets, and registers the panel entry point named in manifest.json.
 */
import type { AssetReader } from '../engine';
import type { PremiereApi, UxpShell } from './premiere';
import { createPremiereHost } from './premiere';
import type { PremiereHost } from './types';
import type { UxpStorage } from './uxp-files';
import { uxpAssets, uxpFiles } from './uxp-files';

/** The panel's id in manifest.json's `entrypoints`. */
export const PANEL_ID = 'audiogenesis.panel';

/** A panel's lifecycle hooks (`entrypoints.setup`). */
export interface PanelHooks {
  show?(): void;
  hide?(): void;
}

interface UxpModule {
  storage: UxpStorage;
  shell?: UxpShell;
  entrypoints?: { setup(config: { panels: Record<string, PanelHooks> }): void };
}

/* eslint-disable @typescript-eslint/no-require-imports -- UXP loads host modules with require() */
const uxpModule = (): UxpModule => require('uxp') as UxpModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Registers the panel with UXP. Call it synchronously while the script first runs: UXP documents that a
 * delayed `entrypoints.setup` may fail with an uncatchable error (known issue PS-57605). Returns false
 * outside UXP.
 */
export function setupEntrypoints(hooks: PanelHooks = {}): boolean {
  let uxp: UxpModule;
  try {
    uxp = uxpModule();
  } catch {
    return false;
  }
  try {
    uxp.entrypoints?.setup({
      panels: { [PANEL_ID]: { show: hooks.show ?? (() => undefined), hide: hooks.hide } },
    });
  } catch {
    // set up already (a reload): the panel still works
  }
  return true;
}

/** The host and assets inside Premiere Pro. Throws outside UXP (no `require`, or no such modules). */
export function uxpEnvironment(): { host: PremiereHost; assets: AssetReader } {
  const uxp = uxpModule();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
  const ppro = require('premierepro') as PremiereApi;
  return {
    host: createPremiereHost(ppro, uxpFiles(uxp.storage), { shell: uxp.shell }),
    assets: uxpAssets(uxp.storage),
  };
}
