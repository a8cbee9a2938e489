import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeDuration, heldElsewhere, offlineWarning, offlineWarningText, type Reservation } from '../../src/domain/reservations';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { settingsPatchSchema } from '../../src/domain/settings-update';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 27, 12, 52);
const settings = { offlineWarnAbove: 50_000, offlineWarnAfterMinutes: 30 };

describe('the offline warning', () => {
  it('warns for a piece above the limit once offline for longer than the time allowed', () => {
    const lastOnline = NOW - (2 * 60 + 10) * MIN;
    expect(offlineWarning(false, lastOnline, NOW, 89_000, settings)).toEqual({ offlineMs: 130 * MIN });
    expect(offlineWarningText(130 * MIN, 'OR-1')).toBe(
      'This device has been offline for 2 h 10 min; another register may already have sold OR-1. Check before selling.',
    );
  });

  it('stays quiet online, below or at the limit, within the time, with the warning off, or never online', () => {
    const longAgo = NOW - 5 * 60 * MIN;
    expect(offlineWarning(true, NOW, NOW, 89_000, settings)).toBeNull();
    expect(offlineWarning(false, longAgo, NOW, 50_000, settings)).toBeNull();
    expect(offlineWarning(false, longAgo, NOW, 49_999, settings)).toBeNull();
    expect(offlineWarning(false, NOW - 30 * MIN, NOW, 89_000, settings)).toBeNull();
    expect(offlineWarning(false, NOW - 30 * MIN - 1, NOW, 89_000, settings)).toEqual({ offlineMs: 30 * MIN + 1 });
    expect(offlineWarning(false, longAgo, NOW, 89_000, { ...settings, offlineWarnAbove: 0 })).toBeNull();
    expect(offlineWarning(false, undefined, NOW, 89_000, settings)).toBeNull();
    // 0 minutes: any time offline at all.
    expect(offlineWarning(false, NOW - 1000, NOW, 89_000, { ...settings, offlineWarnAfterMinutes: 0 })).toEqual({ offlineMs: 1000 });
  });

  it('says how long in words a shop owner reads at a glance', () => {
    expect(describeDuration(45_000)).toBe('45 s');
    expect(describeDuration(12 * MIN + 59_000)).toBe('12 min');
    expect(describeDuration(60 * MIN)).toBe('1 h');
    expect(describeDuration(130 * MIN)).toBe('2 h 10 min');
    expect(describeDuration((3 * 24 + 4) * 60 * MIN)).toBe('3 d 4 h');
    expect(describeDuration(2 * 24 * 60 * MIN)).toBe('2 d');
  });

  it('has shop settings with defaults, and refuses nonsense', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ offlineWarnAbove: 50_000, offlineWarnAfterMinutes: 30 });
    expect(v.is(settingsPatchSchema, { offlineWarnAbove: 0, offlineWarnAfterMinutes: 0 })).toBe(true);
    for (const patch of [
      { offlineWarnAbove: -1 },
      { offlineWarnAbove: 1.5 },
      { offlineWarnAfterMinutes: -5 },
      { offlineWarnAfterMinutes: 20_000 },
    ])
      expect(v.is(settingsPatchSchema, patch), JSON.stringify(patch)).toBe(false);
  });
});

describe('reservations held elsewhere', () => {
  const held = (pieceId: string, deviceId: string, since: string, expiresInMs = 10 * MIN): Reservation => ({
    pieceId,
    deviceId,
    deviceName: deviceId === 'a' ? 'Counter tablet' : 'Stall phone',
    since,
    expiresAt: '2026-11-27T13:00:00.000Z',
    expiresInMs,
  });

  it('leaves out this device’s own, keeps the earliest holder of a piece, and lets them lapse by the server’s count', () => {
    const list = [
      held('p1', 'b', '2026-11-27T10:50:00.000Z'),
      held('p1', 'a', '2026-11-27T10:42:00.000Z'),
      held('p2', 'me', '2026-11-27T10:40:00.000Z'),
      held('p3', 'b', '2026-11-27T10:41:00.000Z', 2 * MIN),
    ];
    const got = heldElsewhere(list, 'me', NOW, NOW);
    expect([...got.keys()].sort()).toEqual(['p1', 'p3']);
    expect(got.get('p1')?.deviceName).toBe('Counter tablet');
    // Measured from when the list arrived, whatever this device's clock says about the server's dates.
    expect([...heldElsewhere(list, 'me', NOW, NOW + 2 * MIN).keys()]).toEqual(['p1']);
  });
});
