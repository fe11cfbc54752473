/**
 * Rewrites the generated protocol section of docs/daw.md from bridge/protocol (the schemas and limits).
 * `node --import tsx scripts/daw-protocol-doc.ts` writes it; with `--check` it only exits 1 when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withProtocolSection } from '../bridge/protocol/doc';

const path = new URL('../docs/daw.md', import.meta.url);
const current = readFileSync(path, 'utf8');
const next = withProtocolSection(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error(
      'docs/daw.md: the protocol section is stale; run `node --import tsx scripts/daw-protocol-doc.ts`.',
    );
    process.exit(1);
  }
  console.log('docs/daw.md: the protocol section is up to date.');
} else if (next !== current) {
  writeFileSync(path, next);
  console.log('docs/daw.md: protocol section rewritten.');
} else console.log('docs/daw.md: the protocol section is up to date.');
