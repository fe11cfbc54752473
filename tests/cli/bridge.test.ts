/**
 * The `ports`, `play` and `bridge` commands. `ports` and `play` run in-process against a JZZ virtual port
 * (registered before WebMIDI is enabled); `bridge` plays on a thread of its own, so it runs in a child
 * process whose MIDI thread registers the virtual port (tests/bridge/fixtures/virtual-ports.mjs).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { command as bridgeCommand, countInOption } from '../../cli/commands/bridge';
import { command as playCommand } from '../../cli/commands/play';
import { command as portsCommand } from '../../cli/commands/ports';
import { COMMANDS } from '../../cli/commands/index';
import { main } from '../../cli/main';
import { sequenceToMidi } from '../../core/codec/midi';
import { AudiogenesisError, InvalidSequenceError, MidiParseError, UsageError } from '../../core/errors';
import { TestClient, note, sequence, until, virtualOutput } from '../bridge/helpers';

const port = virtualOutput('CLI Test Port');
const isNoteOn = (d: number[]) => (d[0] & 0xf0) === 0x90 && d[2] > 0;
const dir = mkdtempSync(join(tmpdir(), 'ag-play-'));

function captureLog() {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return { lines, restore: () => (log.mockRestore(), err.mockRestore()) };
}

afterEach(() => vi.restoreAllMocks());

describe('ports and play', () => {
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

  it('play --count-in sends bars of clock before the music', async () => {
    const file = join(dir, 'beat.mid');
    writeFileSync(file, sequenceToMidi(sequence([note(60, 0, 0.5)], 600)));
    port.received.length = 0;
    const out = captureLog();
    expect(await playCommand.run([file, '--output', 'cli test', '--count-in', '1'])).toBe(0);
    out.restore();
    const data = port.received.map((r) => r.data[0]);
    const start = data.indexOf(0xfa);
    expect(data.slice(0, start).filter((b) => b === 0xf8)).toHaveLength(4 * 24);
    expect(data.indexOf(0x90)).toBeGreaterThan(start);
  });

  it('play refuses bad usage and files it cannot use with typed errors', async () => {
    await expect(playCommand.run(['x.mid'])).rejects.toThrow(UsageError);
    await expect(playCommand.run(['x.mid', '--output', 'p', '--count-in', 'two'])).rejects.toThrow(
      UsageError,
    );
    const missing = join(dir, 'nope.mid');
    await expect(playCommand.run([missing, '--output', 'cli'])).rejects.toThrow(`${missing}: no such file`);
    await expect(playCommand.run([dir, '--output', 'cli'])).rejects.toThrow(
      `${dir} is a folder, not a .mid file`,
    );
    const junk = join(dir, 'junk.mid');
    writeFileSync(junk, 'not midi at all, just words');
    await expect(playCommand.run([junk, '--output', 'cli'])).rejects.toBeInstanceOf(MidiParseError);
    const empty = join(dir, 'empty.mid');
    writeFileSync(empty, '');
    await expect(playCommand.run([empty, '--output', 'cli'])).rejects.toThrow(/too short/);
    const tiny = join(dir, 'tiny.mid');
    writeFileSync(tiny, sequenceToMidi(sequence([note(60, 0, 0.01)], 120)));
    await expect(playCommand.run([tiny, '--output', 'cli', '--loop'])).rejects.toThrow(InvalidSequenceError);
  });

  it('play reports an unreadable file plainly', async () => {
    if (process.getuid?.() === 0) return; // root reads anything: nothing to test
    const locked = join(dir, 'locked.mid');
    writeFileSync(locked, sequenceToMidi(sequence([note(60, 0, 1)])));
    chmodSync(locked, 0o000);
    await expect(playCommand.run([locked, '--output', 'cli'])).rejects.toThrow(
      `${locked}: permission denied`,
    );
  });

  it('every file error is one line on stderr and exit code 1, with no stack trace', async () => {
    const folder = join(dir, 'a-folder.mid');
    mkdirSync(folder);
    for (const path of [join(dir, 'missing.mid'), folder]) {
      const out = captureLog();
      expect(await main(['play', path, '--output', 'cli'])).toBe(1);
      out.restore();
      expect(out.lines).toHaveLength(1);
      expect(out.lines[0]).toMatch(/^audiogenesis play: AudiogenesisError: /);
      expect(out.lines[0]).not.toMatch(/\n\s+at /);
    }
    const err = await playCommand.run([join(dir, 'missing.mid'), '--output', 'cli']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AudiogenesisError);
    expect((err as AudiogenesisError).code).toBe('FILE_READ');
  });
});

describe('bridge', () => {
  it('parses --count-in', () => {
    expect(countInOption(undefined)).toBe(0);
    expect(countInOption('2')).toBe(2);
    for (const bad of ['-1', '1.5', 'x', '17']) expect(() => countInOption(bad)).toThrow(UsageError);
  });

  it('refuses a short or unsafe --token and a bad --allow-origin before starting', async () => {
    await expect(bridgeCommand.run(['--token', 'short'])).rejects.toThrow(/--token must be 16 to 128/);
    await expect(bridgeCommand.run(['--token', 'has spaces in it, many'])).rejects.toThrow(UsageError);
    await expect(bridgeCommand.run(['--allow-origin', '*'])).rejects.toThrow(
      /--allow-origin takes an origin/,
    );
  });

  it('refuses an unknown output', async () => {
    await expect(bridgeCommand.run(['--port', '0', '--output', 'nope'])).rejects.toThrow(
      /No MIDI output matches "nope"/,
    );
  });

  it('serves on 127.0.0.1, prints a pairing token, plays, and stops on SIGINT with all notes off', async () => {
    const preload = fileURLToPath(new URL('../bridge/fixtures/virtual-ports.mjs', import.meta.url));
    const cli = fileURLToPath(new URL('../bridge/fixtures/cli.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', preload, cli, 'bridge', '--port', '0', '--output', 'CLI Child Port'],
      {
        env: { ...process.env, AG_VIRTUAL_PORTS: 'CLI Child Port', AG_VIRTUAL_PORTS_OUT: 'stdout' },
      },
    );
    const lines: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
    const exit = new Promise<number | null>((r) => child.on('exit', r));
    await until(() => lines.some((l) => l.startsWith('Pairing token: ')), 30_000, 'the pairing token');
    const url = /listening on (ws:\/\/\S+)/.exec(lines.join('\n'))![1];
    const token = lines.find((l) => l.startsWith('Pairing token: '))!.slice('Pairing token: '.length);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(lines).toContain('MIDI output: CLI Child Port');

    const client = await TestClient.connect(url, { token });
    expect(
      await client.request({ type: 'play', id: 1, loop: true, sequence: sequence([note(60, 0, 4)]) }),
    ).toMatchObject({
      type: 'playing',
      output: 'CLI Child Port',
      loop: true,
    });
    const midi = () =>
      lines.filter((l) => l.startsWith('{"port"')).map((l) => (JSON.parse(l) as { data: number[] }).data);
    await until(() => midi().some(isNoteOn), 5000, 'the note');
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(lines.join('\n')).toMatch(/Bridge stopped on SIGINT \(all notes off\)/);
    expect(midi()).toContainEqual([0x80, 60, 0]);
    expect(midi()).toContainEqual([0xb0, 123, 0]);
    client.close();
  });
});
