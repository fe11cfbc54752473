import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_BEGIN, DOC_END, protocolMarkdown, withProtocolSection } from '../../../bridge/protocol/doc';
import { REQUEST_TYPES, SERVER_MESSAGES } from '../../../bridge/protocol/schema';
import { BRIDGE_EVENTS, ERROR_REASONS, LIMITS } from '../../../core/bridge-protocol';

const doc = readFileSync(new URL('../../../docs/daw.md', import.meta.url), 'utf8');

describe("docs/daw.md's protocol section", () => {
  it('is the one generated from the schemas (run `node --import tsx scripts/daw-protocol-doc.ts` if not)', () => {
    expect(doc).toContain(DOC_BEGIN);
    expect(doc).toContain(DOC_END);
    expect(withProtocolSection(doc)).toBe(doc);
  });

  it('documents every request, reply, event, error reason and limit', () => {
    const md = protocolMarkdown();
    for (const t of [...REQUEST_TYPES, ...Object.keys(SERVER_MESSAGES)])
      expect(md).toContain(`#### \`${t}\``);
    for (const k of [...Object.keys(BRIDGE_EVENTS), ...Object.keys(ERROR_REASONS), ...Object.keys(LIMITS)])
      expect(md).toContain(`\`${k}\``);
    expect(md).toContain('| `pitch` | integer 0..127 | yes | MIDI pitch |');
  });

  it('changes when a schema changes (it is generated, not copied)', () => {
    expect(withProtocolSection(doc.replace('| `pitch` | integer 0..127', '| `pitch` | integer 0..99'))).toBe(
      doc,
    );
  });
});
