/**
 * The `ports`, `play` and `bridge` commands, in-process, against JZZ virtual ports (registered before
 * WebMIDI is enabled). Each command disables WebMIDI when it finishes; the next enables it again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { command as bridgeCommand } from '../../cli/commands/bridge';
import { command as playCommand } from '../../cli/commands/play';
import { command as portsCommand } from '../../cli/commands/ports';
import { COMMANDS } from '../../cli/commands/index';
import { sequenceToMidi } from '../../core/codec/midi';
import { TestClient, note, sequence, until, virtualOutput } from '../bridge/helpers';

const port = virtualOutput('CLI Test Port');
const isNoteOn = (d: number[]) => (d[0] & 0xf0) === 0x90 && d[2] > 0;

function captureLog() {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return { lines, restore: () => (log.mockRestore(), err.mockRestore()) };
}

afterEach(() => vi.restoreAllMocks());

describe('bridge commands', () => {
  it('are registered', () => {
    expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(['bridge', 'ports', 'play']));
  });

  it('ports lists the outputs', async () => {
    const out = captureLog();
    expect(await portsCommand.run([])).toBe(0);
    expect(out.lines.join('\n')).toContain('CLI Test Port');
    out.lines.length = 0;
    expect(await portsCommand.run(['--json'])).toBe(0);
    expect(JSON.parse(out.lines.join('\n'))).toEqual([
      expect.objectContaining({ name: 'CLI Test Port', connected: true }),
    ]);
    out.restore();
  });

  it('play FILE.mid --output NAME plays a .mid through the codec, drums on channel 10', async () => {
    const seq = sequence(
      [
        note(72, 0, 0.5, 'melody', { program: 73 }),
        note(36, 0, 0.25, 'drums'),
        note(74, 0.5, 1, 'melody', { program: 73 }),
      ],
      240,
    );
    seq.tracks = [
      { name: 'melody', program: 73, isDrum: false, role: 'melody' },
      { name: 'drums', program: 0, isDrum: true, role: 'drums' },
    ];
    seq.notes[0].track = 0;
    seq.notes[1].track = 1;
    seq.notes[2].track = 0;
    const dir = mkdtempSync(join(tmpdir(), 'ag-play-'));
    const file = join(dir, 'clip.mid');
    writeFileSync(file, sequenceToMidi(seq));
    port.received.length = 0;
    const out = captureLog();
    expect(await playCommand.run([file, '--output', 'cli test'])).toBe(0);
    out.restore();
    expect(out.lines.join('\n')).toMatch(
      /Playing .*clip\.mid \(3 notes, 0:00\) on "CLI Test Port"[\s\S]*Done\./,
    );
    const ons = port.received.filter((r) => isNoteOn(r.data)).map((r) => r.data.slice(0, 2));
    expect(ons).toHaveLength(3);
    expect(ons).toContainEqual([0x99, 36]);
    expect(ons.filter((d) => d[0] !== 0x99).map((d) => d[1])).toEqual([72, 74]);
    expect(port.received[0].data[0] & 0xf0).toBe(0xc0); // program change first
  });

  it('play refuses a missing --output', async () => {
    await expect(playCommand.run(['x.mid'])).rejects.toThrow(/--output NAME is required/);
  });

  it('bridge serves on 127.0.0.1, prints a pairing token, plays, and stops on SIGINT', async () => {
    const out = captureLog();
    const exit = bridgeCommand.run(['--port', '0', '--output', 'CLI Test Port']);
    await until(() => out.lines.some((l) => l.startsWith('Pairing token: ')), 10_000, 'the pairing token');
    const url = /listening on (ws:\/\/\S+)/.exec(out.lines.join('\n'))![1];
    const token = out.lines.find((l) => l.startsWith('Pairing token: '))!.slice('Pairing token: '.length);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const client = await TestClient.connect(url);
    port.received.length = 0;
    const reply = await client.request({
      token,
      type: 'play',
      id: 1,
      loop: true,
      sequence: sequence([note(60, 0, 4)]),
    });
    expect(reply).toMatchObject({ type: 'playing', output: 'CLI Test Port', loop: true });
    await until(() => port.received.some((r) => isNoteOn(r.data)), 2000, 'the note');
    expect(await client.request({ token: 'bad', type: 'stop' })).toMatchObject({
      type: 'error',
      reason: 'unauthorized',
    });
    process.emit('SIGINT');
    expect(await exit).toBe(0);
    out.restore();
    // Shutting down is a panic: all notes off on the channel it used.
    expect(port.received.map((r) => r.data)).toContainEqual([0xb0, 123, 0]);
    client.close();
  });

  it('bridge refuses an unknown output', async () => {
    await expect(bridgeCommand.run(['--port', '0', '--output', 'nope'])).rejects.toThrow(
      /No MIDI output matches "nope"/,
    );
  });
});
