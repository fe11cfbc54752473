/**
 * Rewrites core/bridge-messages.ts (the JSON Schemas the panel checks the bridge's frames against) from
 * bridge/protocol/schema.ts. `node --import tsx scripts/bridge-messages.ts` writes it; with `--check` it only
 * exits 1 when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { serverMessagesModule } from '../bridge/protocol/json-schema';

const path = fileURLToPath(new URL('../core/bridge-messages.ts', import.meta.url));
const current = readFileSync(path, 'utf8');
const next = await format(serverMessagesModule(), { ...(await resolveConfig(path)), filepath: path });
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('core/bridge-messages.ts is stale; run `node --import tsx scripts/bridge-messages.ts`.');
    process.exit(1);
  }
  console.log('core/bridge-messages.ts is up to date.');
} else if (next !== current) {
  writeFileSync(path, next);
  console.log('core/bridge-messages.ts rewritten.');
} else console.log('core/bridge-messages.ts is up to date.');
