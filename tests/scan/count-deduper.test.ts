import { describe, expect, it } from 'vitest';
import { FrameDeduper } from '../../src/scan/scanner';
import { COUNT_GONE_AFTER_MS } from '../../src/state/count.svelte';

/**
 * The counting rule for the camera (§10): a code counts again only after it has LEFT the frame.
 * A decoder (html5-qrcode) reports a code on each frame it decodes and nothing on blank frames,
 * so the deduper sees reads while the tag is in view and silence while it is away.
 */
function play(deduper: FrameDeduper, segments: { code: string | null; ms: number }[], fps = 10, dropEvery = 0): string[] {
  const emitted: string[] = [];
  let t = 0;
  let frame = 0;
  for (const s of segments) {
    for (const end = t + s.ms; t < end; t += 1000 / fps) {
      frame += 1;
      if (s.code === null) continue; // a blank frame: the decoder reports nothing
      if (dropEvery > 0 && frame % dropEvery === 0) continue; // a frame it failed to decode
      if (deduper.seen(s.code, t)) emitted.push(s.code);
    }
  }
  return emitted;
}

describe('FrameDeduper for a count: K appearances count exactly K', () => {
  it('a tag shown 3 times for 1 s, 1 s of blank frames between, then a 20 s blank tail: 3 reads', () => {
    const code = 'TROVE-COUNT-0001';
    const segments = [
      { code, ms: 1000 },
      { code: null, ms: 1000 },
      { code, ms: 1000 },
      { code: null, ms: 1000 },
      { code, ms: 1000 },
      { code: null, ms: 20_000 },
    ];
    expect(play(new FrameDeduper({ goneAfterMs: COUNT_GONE_AFTER_MS }), segments)).toEqual([code, code, code]);
  });

  it('missed decodes while the tag stays in view (every third frame) never count it twice', () => {
    const code = 'TROVE-COUNT-0001';
    expect(play(new FrameDeduper({ goneAfterMs: COUNT_GONE_AFTER_MS }), [{ code, ms: 5000 }], 10, 3)).toEqual([code]);
    // A slow phone decoding at 3 frames a second, every other decode missed (a read every 0.67 s):
    // still one appearance with the count's setting — the register's 600 ms would count it 8 times.
    expect(play(new FrameDeduper({ goneAfterMs: COUNT_GONE_AFTER_MS }), [{ code, ms: 5000 }], 3, 2)).toEqual([code]);
    expect(play(new FrameDeduper({ goneAfterMs: 600 }), [{ code, ms: 5000 }], 3, 2).length).toBeGreaterThan(1);
  });

  it('a gap shorter than the “gone” time is not leaving; a longer one is', () => {
    const code = 'A';
    expect(
      play(new FrameDeduper({ goneAfterMs: 600 }), [
        { code, ms: 1000 },
        { code: null, ms: 400 },
        { code, ms: 1000 },
      ]),
    ).toEqual([code]);
    expect(
      play(new FrameDeduper({ goneAfterMs: 600 }), [
        { code, ms: 1000 },
        { code: null, ms: 800 },
        { code, ms: 1000 },
      ]),
    ).toEqual([code, code]);
  });

  it('two different tags passing one after the other each count once per appearance', () => {
    expect(
      play(new FrameDeduper({ goneAfterMs: COUNT_GONE_AFTER_MS }), [
        { code: 'A', ms: 1000 },
        { code: 'B', ms: 1000 },
        { code: 'A', ms: 1000 },
        { code: null, ms: 2000 },
      ]),
    ).toEqual(['A', 'B', 'A']);
  });
});
