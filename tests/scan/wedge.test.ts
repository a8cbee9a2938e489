import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey, type WedgeStep } from '../../src/scan/wedge';

/**
 * Plays keys into a detector the way a browser would: a passed printable key lands in a text field,
 * a swallowed one does not; flush, mark and scan are applied like attachWedge applies them.
 */
function play(keys: (string | Partial<WedgeKey>)[], gapMs: number, options: { start?: number; field?: string } = {}) {
  const detector = new WedgeDetector();
  let field = options.field ?? '';
  let mark = field;
  const scans: string[] = [];
  const passed: string[] = [];
  const steps: WedgeStep[] = [];
  let t = options.start ?? 1000;
  const apply = (step: WedgeStep, key?: WedgeKey) => {
    steps.push(step);
    if (step.flush) field += step.flush;
    if (step.mark) mark = field;
    if (key && step.key === 'pass') {
      passed.push(key.key);
      if ([...key.key].length === 1 && !key.ctrlKey && !key.metaKey && !key.altKey) field += key.key;
    }
    if (step.scan !== undefined) {
      field = mark;
      scans.push(step.scan);
    }
  };
  for (const k of keys) {
    const key: WedgeKey = typeof k === 'string' ? { key: k, timeStamp: t } : { key: '?', ...k, timeStamp: t };
    apply(detector.key(key), key);
    t += gapMs;
  }
  const pending = detector.holding;
  if (pending) apply(detector.timeout());
  return { scans, passed, field, steps, pending };
}

const chars = (code: string) => [...code];

describe('WedgeDetector', () => {
  it('a fast burst ending in Enter is one scan, and nothing of it stays in the field', () => {
    const r = play([...chars('TROVE-SCAN-0001'), 'Enter'], 8);
    expect(r.scans).toEqual(['TROVE-SCAN-0001']);
    expect(r.field).toBe('');
    // Only the first key (which cannot be known yet) got through; Enter did not.
    expect(r.passed).toEqual(['T']);
  });

  it('keys ~35 ms apart still make a burst; the default limit is 50 ms', () => {
    expect(play([...chars('TROVE-SCAN-0001'), 'Enter'], 35).scans).toEqual(['TROVE-SCAN-0001']);
    expect(play([...chars('TROVE-SCAN-0001'), 'Enter'], 50).scans).toEqual(['TROVE-SCAN-0001']);
    expect(play([...chars('TROVE-SCAN-0001'), 'Enter'], 51).scans).toEqual([]);
  });

  it('Tab ends a scan too', () => {
    expect(play([...chars('123456'), 'Tab'], 5).scans).toEqual(['123456']);
  });

  it('restores what was in the field before the burst', () => {
    const r = play([...chars('4006381333931'), 'Enter'], 10, { field: 'ring ' });
    expect(r.scans).toEqual(['4006381333931']);
    expect(r.field).toBe('ring ');
  });

  it('the same characters typed at 150 ms gaps are typing: no scan, every key passes', () => {
    const keys = [...chars('TROVE-SCAN-0001'), 'Enter'];
    const r = play(keys, 150);
    expect(r.scans).toEqual([]);
    expect(r.passed).toEqual(keys);
    expect(r.field).toBe('TROVE-SCAN-0001');
    expect(r.steps.every((s) => s.key === 'pass' && !s.flush)).toBe(true);
  });

  it('a burst without Enter that goes quiet was typing: every held key is given back, in order', () => {
    const r = play(chars('TROVE'), 10);
    expect(r.pending).toBe(true);
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('TROVE');
  });

  it('two fast keys then a slow one (a typist’s rollover) type exactly what was pressed', () => {
    const detector = new WedgeDetector();
    const s1 = detector.key({ key: 't', timeStamp: 0 });
    const s2 = detector.key({ key: 'h', timeStamp: 20 });
    const s3 = detector.key({ key: 'e', timeStamp: 200 });
    expect([s1.key, s2.key, s3.key]).toEqual(['pass', 'swallow', 'pass']);
    expect(s3.flush).toBe('h'); // typed before 'e' acts
    expect(detector.holding).toBe(false);
  });

  it('a short fast burst with Enter is not a scan: held keys are typed, then Enter acts', () => {
    const detector = new WedgeDetector();
    detector.key({ key: 'a', timeStamp: 0 });
    detector.key({ key: 'b', timeStamp: 5 });
    detector.key({ key: 'c', timeStamp: 10 });
    const enter = detector.key({ key: 'Enter', timeStamp: 15 });
    expect(enter).toEqual({ flush: 'bc', key: 'pass' });
  });

  it('Enter after a slow gap is the person’s own Enter', () => {
    const detector = new WedgeDetector();
    ['A', 'B', 'C', 'D'].forEach((key, i) => detector.key({ key, timeStamp: i * 5 }));
    expect(detector.key({ key: 'Enter', timeStamp: 15 + 200 })).toEqual({ flush: 'BCD', key: 'pass' });
  });

  it('keys with Ctrl, Alt or Meta are never part of a scan', () => {
    const withCtrl = play([...chars('ABCDEF').map((key) => ({ key, ctrlKey: true })), 'Enter'], 5);
    expect(withCtrl.scans).toEqual([]);
    expect(withCtrl.steps.every((s) => s.key === 'pass')).toBe(true);
    const withMeta = play([...chars('ABCDEF').map((key) => ({ key, metaKey: true })), { key: 'Enter', altKey: true }], 5);
    expect(withMeta.scans).toEqual([]);
    // A shortcut in the middle of a burst ends it as typing.
    const broken = play(['1', '2', '3', { key: 'v', ctrlKey: true }, '4', '5', 'Enter'], 5);
    expect(broken.scans).toEqual([]);
    expect(broken.field).toBe('12345');
  });

  it('Shift (pressed by scanners for capitals) neither breaks nor joins a burst', () => {
    const r = play(['Shift', 'T', 'Shift', 'R', '-', '0', '1', 'Enter'], 4);
    expect(r.scans).toEqual(['TR-01']);
  });

  it('held-down key repeats are not a scanner', () => {
    const r = play([{ key: 'a' }, ...Array.from({ length: 8 }, () => ({ key: 'a', repeat: true })), 'Enter'], 30);
    expect(r.scans).toEqual([]);
    expect(r.field).toBe('aaaaaaaaa');
  });

  it('two scans in a row are two scans, each emitted exactly once', () => {
    const keys = [...chars('RING-0001'), 'Enter', ...chars('RING-0002'), 'Enter'];
    const r = play(keys, 6);
    expect(r.scans).toEqual(['RING-0001', 'RING-0002']);
    expect(r.field).toBe('');
  });

  it('typing, then a scan, then typing: the typed text stays and the code is not in it', () => {
    const detector = new WedgeDetector();
    let field = '';
    let mark = '';
    const scans: string[] = [];
    const feed = (key: string, t: number) => {
      const s = detector.key({ key, timeStamp: t });
      if (s.flush) field += s.flush;
      if (s.mark) mark = field;
      if (s.key === 'pass' && key.length === 1) field += key;
      if (s.scan) {
        field = mark;
        scans.push(s.scan);
      }
    };
    [...'op'].forEach((k, i) => feed(k, i * 180));
    [...'RNG-000123', 'Enter'].forEach((k, i) => feed(k, 1000 + i * 7));
    [...'al'].forEach((k, i) => feed(k, 2000 + i * 180));
    expect(scans).toEqual(['RNG-000123']);
    expect(field).toBe('opal');
  });
});
