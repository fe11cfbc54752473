/**
 * Rewrites core/bridge-messages.ts (the JSON Schemas the panel checks the bridge's frames against) from
 * bridge/protocol/schema.ts. `node --import tsx scripts/bridge-messages.ts` writes it; with `--check` it only
 * exits 1 when it is stale.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { serverMessagesModule } from '../bridge/protocol/json-schema';
import { regenerate } from './generated-file';

const path = fileURLToPath(new URL('../core/bridge-messages.ts', import.meta.url));
const next = await format(serverMessagesModule(), { ...(await resolveConfig(path)), filepath: path });
regenerate(
  path,
  readFileSync(path, 'utf8'),
  next,
  'core/bridge-messages.ts',
  'node --import tsx scripts/bridge-messages.ts',
);
