import { describe, expect, it } from 'vitest';
import { FULL_SIDE, THUMB_SIDE, fitWithin, isPhotoId, photoIdsIn, toHex } from '../../src/domain/photos';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('photo sizes', () => {
  it('scales the longest side down to the target, keeping the shape', () => {
    expect(fitWithin({ width: 4032, height: 3024 }, FULL_SIDE)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin({ width: 3024, height: 4032 }, THUMB_SIDE)).toEqual({ width: 180, height: 240 });
    expect(fitWithin({ width: 5000, height: 5000 }, THUMB_SIDE)).toEqual({ width: 240, height: 240 });
  });

  it('never upscales a small picture and never rounds a side to nothing', () => {
    expect(fitWithin({ width: 300, height: 200 }, FULL_SIDE)).toEqual({ width: 300, height: 200 });
    expect(fitWithin({ width: 10_000, height: 3 }, THUMB_SIDE)).toEqual({ width: 240, height: 1 });
  });
});

describe('photo ids', () => {
  it('are lowercase hex SHA-256 digests', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 255]))).toBe('00010f10ff');
    expect(isPhotoId(A)).toBe(true);
    expect(isPhotoId(A.toUpperCase())).toBe(false);
    expect(isPhotoId('abc')).toBe(false);
  });

  it('are found in pulled products and items, once each, ignoring other tables and junk', () => {
    const ids = photoIdsIn([
      { table: 'products', data: { id: 'p', values: { photoIds: [A] } } },
      { table: 'items', data: { id: 'i', values: { photoIds: [B, A, 'not-a-hash', 7] } } },
      { table: 'settings', data: { id: 'shop', values: { photoIds: ['c'.repeat(64)] } } },
      { table: 'items', data: { id: 'j', values: {} } },
      { table: 'items', data: null },
    ]);
    expect(ids).toEqual([A, B]);
  });
});
