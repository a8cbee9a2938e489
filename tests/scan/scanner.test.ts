import { describe, expect, it } from 'vitest';
import { FrameDeduper, ScanError, scanErrorFrom } from '../../src/scan/scanner';

/** Feeds `code` to the deduper once per frame at `fps` for `ms`, starting at `from`; returns the emits. */
function hold(deduper: FrameDeduper, code: string, from: number, ms: number, fps = 10): number {
  let emitted = 0;
  for (let t = from; t < from + ms; t += 1000 / fps) if (deduper.seen(code, t)) emitted += 1;
  return emitted;
}

describe('FrameDeduper (one read per appearance)', () => {
  it('emits a code reported on many consecutive frames once', () => {
    const deduper = new FrameDeduper({ goneAfterMs: 600 });
    expect(hold(deduper, 'TROVE-1', 0, 3000)).toBe(1);
  });

  it('tolerates a few missed frames while the code stays in view', () => {
    const deduper = new FrameDeduper({ goneAfterMs: 600 });
    expect(deduper.seen('TROVE-1', 0)).toBe(true);
    expect(deduper.seen('TROVE-1', 500)).toBe(false); // five frames without a decode: still there
    expect(deduper.seen('TROVE-1', 1000)).toBe(false);
  });

  it('emits again once the code has left the frame and come back', () => {
    const deduper = new FrameDeduper({ goneAfterMs: 600 });
    expect(hold(deduper, 'TROVE-1', 0, 1000)).toBe(1);
    // last read at 900; gone after 1500
    expect(deduper.isPresent('TROVE-1', 1400)).toBe(true);
    expect(deduper.isPresent('TROVE-1', 1600)).toBe(false);
    expect(hold(deduper, 'TROVE-1', 1600, 1000)).toBe(1);
  });

  it('keeps two codes in view apart when the decoder alternates between them', () => {
    const deduper = new FrameDeduper({ goneAfterMs: 600 });
    const emitted: string[] = [];
    for (let frame = 0; frame < 40; frame += 1) {
      const code = frame % 2 === 0 ? 'RING-A' : 'RING-B';
      if (deduper.seen(code, frame * 100)) emitted.push(code);
    }
    expect(emitted).toEqual(['RING-A', 'RING-B']);
  });

  it('with frames: a code absent for N frames has left, and several codes in one frame each emit once', () => {
    const deduper = new FrameDeduper({ goneAfterMs: 10_000, goneAfterFrames: 3 });
    expect(deduper.frame(['A', 'B'], 0)).toEqual(['A', 'B']);
    expect(deduper.frame(['A', 'B'], 100)).toEqual([]);
    expect(deduper.frame(['A'], 200)).toEqual([]); // B missed 1
    expect(deduper.frame([], 300)).toEqual([]); // A missed 1, B missed 2
    expect(deduper.frame(['A', 'B'], 400)).toEqual([]); // B was back before its third miss
    expect(deduper.frame([], 500)).toEqual([]);
    expect(deduper.frame([], 600)).toEqual([]);
    expect(deduper.frame([], 700)).toEqual([]); // both gone now
    expect(deduper.frame(['B', 'A'], 800)).toEqual(['B', 'A']);
  });

  it('again() names the last emitted code for an explicit +1, and reset() forgets', () => {
    const deduper = new FrameDeduper();
    expect(deduper.again()).toBeUndefined();
    deduper.seen('A', 0);
    deduper.seen('B', 10);
    deduper.seen('A', 20); // A still in view: not emitted, so not "last"
    expect(deduper.again()).toBe('B');
    deduper.reset();
    expect(deduper.again()).toBeUndefined();
    expect(deduper.seen('B', 30)).toBe(true);
  });
});

describe('scanErrorFrom', () => {
  it('names camera failures from DOMExceptions and from html5-qrcode strings', () => {
    expect(scanErrorFrom(new DOMException('Permission denied', 'NotAllowedError')).reason).toBe('denied');
    expect(scanErrorFrom('Error getting userMedia, error = NotAllowedError: Permission denied').reason).toBe('denied');
    expect(scanErrorFrom('Error getting userMedia, error = NotFoundError: Requested device not found').reason).toBe('no-camera');
    expect(scanErrorFrom(new DOMException('Could not start video source', 'NotReadableError')).reason).toBe('in-use');
    expect(scanErrorFrom('Camera streaming not supported by the browser.').reason).toBe('unsupported');
    expect(scanErrorFrom(new Error('boom')).reason).toBe('failed');
    const own = new ScanError('denied', 'x');
    expect(scanErrorFrom(own)).toBe(own);
  });
});
