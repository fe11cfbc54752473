/**
 * The build and the package: dist/plugin as UXP Developer Tool loads it (manifest v5 for Premiere Pro
 * 25.6+, permissions, icons, assets), a tfjs-free bundle of at most 3 MB, and a .ccx that is a valid zip
 * with manifest.json at its root.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORCHESTRA_PROGRAMS } from '../../core/arrange/orchestrate';
import { isPackedSoundFont, unpackSoundFont } from '../../core/render/sfpack';
import { loadSoundBank } from '../../core/render/synth';
import { PANEL_ID } from '../../plugin/host/uxp';

const tmp = mkdtempSync(join(tmpdir(), 'ag-package-'));
const out = join(tmp, 'plugin');
const ccx = join(tmp, 'audiogenesis.ccx');

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/package-plugin.mjs', '--from', out, '--out', ccx], {
    stdio: 'ignore',
  });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Reads a zip's entries through its central directory, inflating and checking each one. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return files;
}

describe('the built plugin', () => {
  it('has a UXP v5 manifest for Premiere Pro 25.6+ with file and bridge permissions', () => {
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(m).toMatchObject({
      manifestVersion: 5,
      version: pkg.version,
      main: 'index.html',
      host: { app: 'premierepro', minVersion: '25.6.0' },
      requiredPermissions: { localFileSystem: 'fullAccess', network: { domains: ['ws://127.0.0.1:8765'] } },
    });
    expect(m.entrypoints).toEqual([expect.objectContaining({ type: 'panel', id: PANEL_ID })]);
    for (const icon of [...m.icons, ...m.entrypoints[0].icons])
      for (const scale of icon.scale) {
        const path = scale === 1 ? icon.path : icon.path.replace(/\.png$/, `@${scale}x.png`);
        expect(existsSync(join(out, path)), path).toBe(true);
      }
    for (const f of [
      'index.html',
      'main.js',
      'assets/model/weights.bin',
      'assets/soundfont/FluidR3Mono_License.md',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('ships a packed PCM SoundFont with every program the arranger can choose (UXP cannot decode SF3)', () => {
    const packed = new Uint8Array(readFileSync(join(out, 'assets/soundfont/FluidR3Mono_GM-panel.agsf')));
    expect(isPackedSoundFont(packed)).toBe(true);
    const bytes = unpackSoundFont(packed);
    // 4 bits a sample: about a quarter of the PCM it decodes to.
    expect(packed.length).toBeLessThan(bytes.length * 0.3);
    const bank = loadSoundBank(bytes);
    expect(bank.samples.every((s) => !s.isCompressed)).toBe(true);
    const programs = bank.presets.filter((p) => !p.isGMGSDrum).map((p) => p.program);
    expect([...new Set(programs)].sort((a, b) => a - b)).toEqual([...ORCHESTRA_PROGRAMS]);
    expect(bank.presets.some((p) => p.isGMGSDrum && p.program === 0)).toBe(true);
    expect(existsSync(join(out, 'assets/soundfont/FluidR3Mono_GM_trimmed.sf3'))).toBe(false);
  });

  it('bundles at most 3 MB without assets, with no tfjs, WebAssembly, Node or bridge server code', () => {
    expect(statSync(join(out, 'main.js')).size).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(readFileSync(join(out, 'main.js'), 'utf8')).not.toContain('WebAssembly');
    const inputs = Object.keys(JSON.parse(readFileSync(`${out}-meta.json`, 'utf8')).inputs);
    expect(
      inputs.filter((p) => /node_modules\/(@tensorflow|stb-vorbis|ws)\/|^bridge\/|^cli\//.test(p)),
    ).toEqual([]);
    expect(inputs).toContain('plugin/main.ts');
    expect(inputs.some((p) => p.startsWith('plugin/host/fake'))).toBe(false);
  });
});

describe('npm run package', () => {
  it('makes a .ccx: a zip of the plugin folder with manifest.json at its root', () => {
    const files = unzip(readFileSync(ccx));
    expect(files.get('manifest.json')?.toString()).toBe(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(files.get('main.js')?.equals(readFileSync(join(out, 'main.js')))).toBe(true);
    expect(files.get('assets/model/weights.bin')?.length).toBe(statSync('assets/model/weights.bin').size);
    expect([...files.keys()]).toContain('icons/panel@2x.png');
  });

  it('is at most 15 MB', () => {
    expect(statSync(ccx).size).toBeLessThanOrEqual(15 * 1024 * 1024);
  });
});
