import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../../core/render/wav';
import { FakePremiereHost, wavSeconds } from '../../../plugin/host/fake';

describe('the fake host', () => {
  it('reads a WAV length from its header and refuses to import anything else', async () => {
    const wav = encodeWav([new Float32Array(12000), new Float32Array(12000)], 8000);
    expect(wavSeconds(wav)).toBe(1.5);
    expect(wavSeconds(new Uint8Array(40))).toBeNull();
    const host = new FakePremiereHost();
    const bin = await host.ensureBin('Audiogenesis');
    await host.files.writeNew('/a.wav', wav);
    await host.files.writeNew('/b.txt', new Uint8Array([1, 2]));
    expect(await host.importFile('/a.wav', bin)).toBe(true);
    expect(await host.importFile('/b.txt', bin)).toBe(false);
    expect(host.items).toEqual([{ id: 'item-1', path: '/a.wav', bin, seconds: 1.5 }]);
  });
  it('records an edit that lands on a clip as an overwrite (which the panel must never cause)', async () => {
    const host = new FakePremiereHost({ tracks: [{ items: [{ start: 0, end: 10 }] }] });
    const bin = await host.ensureBin('B');
    await host.files.writeNew('/a.wav', encodeWav([new Float32Array(8000)], 8000));
    await host.importFile('/a.wav', bin);
    await host.transact({
      label: 'x',
      actions: [{ kind: 'overwrite', item: 'item-1', time: 5, audioTrack: 0 }],
    });
    expect(host.placements[0]).toMatchObject({ overwrote: true, start: 5, end: 6 });
    expect(host.snapshot().files).toEqual([{ path: '/a.wav', size: 16044, head: 'RIFF' }]);
  });
});
