/**
 * Rewrites the generated protocol section of docs/daw.md from bridge/protocol (the schemas and limits).
 * `node --import tsx scripts/daw-protocol-doc.ts` writes it; with `--check` it only exits 1 when it is stale.
 */
import { readFileSync } from 'node:fs';
import { withProtocolSection } from '../bridge/protocol/doc';
import { regenerate } from './generated-file';

const path = new URL('../docs/daw.md', import.meta.url);
const current = readFileSync(path, 'utf8');
regenerate(
  path,
  current,
  withProtocolSection(current),
  "docs/daw.md's protocol section",
  'node --import tsx scripts/daw-protocol-doc.ts',
);
