/**
 * Closing the terminal (SIGHUP) mid-play stops `play` and `bridge` with a note-off for every sounding
 * note, as Ctrl-C does: each command runs in a child process (the CLI from source) playing to a virtual
 * port registered by a preload, which prints what the port receives on stdout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { terminationSignals } from '../../bridge/signals';
import { sequenceToMidi } from '../../core/codec/midi';
import { TestClient, note, sequence, until } from './helpers';

const PRELOAD = fileURLToPath(new URL('./fixtures/virtual-ports.mjs', import.meta.url));
const CLI = fileURLToPath(new URL('./fixtures/cli.ts', import.meta.url));
const PORT = 'Hup Port';

interface Receipt {
  port: string;
  t: number;
  data: number[];
}

/** Starts the CLI with `args` in a child process whose MIDI goes to the virtual port in `thread`. */
function cli(args: string[], thread: 'main' | 'worker') {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PRELOAD, CLI, ...args], {
    env: {
      ...process.env,
      AG_VIRTUAL_PORTS: PORT,
      AG_VIRTUAL_PORTS_OUT: 'stdout',
      AG_VIRTUAL_PORTS_THREAD: thread,
    },
    stdio: 'pipe',
  }) as ChildProcessWithoutNullStreams;
  const receipts: Receipt[] = [];
  const text: string[] = [];
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{"port"')) receipts.push(JSON.parse(line) as Receipt);
      else if (line) text.push(line);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) =>
    text.push(...d.split('\n').filter((l) => l && !l.startsWith('ALSA'))),
  );
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, receipts, text, exit };
}

/** Pitches still sounding per channel after `receipts`, counting note-ons and note-offs only. */
function stillSounding(receipts: Receipt[]): string[] {
  const on = new Map<string, boolean>();
  for (const { data } of receipts) {
    const kind = data[0] & 0xf0;
    const key = `ch${(data[0] & 0x0f) + 1}:${data[1]}`;
    if (kind === 0x90 && data[2] > 0) on.set(key, true);
    else if (kind === 0x80 || (kind === 0x90 && data[2] === 0)) on.set(key, false);
  }
  return [...on].filter(([, v]) => v).map(([k]) => k);
}

const isNoteOn = (d: number[]) => (d[0] & 0xf0) === 0x90 && d[2] > 0;

/** Long notes on three channels, one pitch re-struck over itself, and drums. */
function sustained() {
  return sequence([
    note(60, 0, 16, 'melody'),
    note(60, 1, 12, 'melody'),
    note(64, 0, 16, 'harmony'),
    note(67, 0.5, 16, 'harmony'),
    note(40, 0, 16, 'bass'),
    note(36, 0, 0.25, 'drums'),
  ]);
}

describe('termination signals', () => {
  it('are SIGINT, SIGTERM and SIGHUP everywhere, and SIGBREAK on Windows (Ctrl-Break; a closed console is SIGHUP)', () => {
    expect(terminationSignals('linux')).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
    expect(terminationSignals('darwin')).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
    expect(terminationSignals('win32')).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']);
  });

  it('SIGHUP mid-play stops `play` with a note-off for every sounding note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ag-hup-'));
    const file = join(dir, 'long.mid');
    writeFileSync(file, sequenceToMidi(sustained()));
    const run = cli(['play', file, '--output', PORT], 'main');
    await until(() => run.receipts.filter((r) => isNoteOn(r.data)).length >= 5, 30_000, 'the notes to sound');
    expect(stillSounding(run.receipts).length).toBeGreaterThanOrEqual(4);
    run.child.kill('SIGHUP');
    expect(await run.exit).toBe(0);
    expect(stillSounding(run.receipts)).toEqual([]);
    expect(run.text.join('\n')).toMatch(/Stopped \(all notes off\)/);
    expect(run.receipts.map((r) => r.data)).toContainEqual([0xb0, 123, 0]);
  });

  it('SIGHUP mid-play stops `bridge` (MIDI on its own thread) with a note-off for every sounding note', async () => {
    const run = cli(['bridge', '--port', '0', '--output', PORT], 'worker');
    await until(() => run.text.some((l) => l.startsWith('Pairing token: ')), 30_000, 'the bridge to start');
    const url = /listening on (ws:\/\/\S+)/.exec(run.text.join('\n'))![1];
    const token = run.text.find((l) => l.startsWith('Pairing token: '))!.slice('Pairing token: '.length);
    const client = await TestClient.connect(url, { token });
    expect(await client.request({ type: 'play', loop: true, sequence: sustained() })).toMatchObject({
      type: 'playing',
      output: PORT,
    });
    await until(() => run.receipts.filter((r) => isNoteOn(r.data)).length >= 5, 30_000, 'the notes to sound');
    expect(stillSounding(run.receipts).length).toBeGreaterThanOrEqual(4);
    run.child.kill('SIGHUP');
    expect(await run.exit).toBe(0);
    expect(stillSounding(run.receipts)).toEqual([]);
    expect(run.text.join('\n')).toMatch(/Bridge stopped on SIGHUP \(all notes off\)/);
    client.close();
  });
});
