import type { DecodedImage, PhotoCodec } from '../../src/data/photo-codec';

/**
 * Node has no createImageBitmap or canvas: this codec reads a tiny text "image" format,
 * `FAKEIMG <width>x<height> <label>`, and "encodes" to a Blob naming the size it was asked for,
 * so tests see exactly which sizes were produced and hashes stay deterministic.
 */
export function fakeImage(width: number, height: number, label = 'photo', type = 'image/png'): Blob {
  return new Blob([`FAKEIMG ${width}x${height} ${label}`], { type });
}

export interface FakeCodec extends PhotoCodec {
  /** Every encode call: the size asked for and the type. */
  encoded: { width: number; height: number; type: string; quality: number }[];
  closed: number;
}

export function fakeCodec(): FakeCodec {
  const codec: FakeCodec = {
    encoded: [],
    closed: 0,
    async decode(file: Blob): Promise<DecodedImage> {
      const match = /^FAKEIMG (\d+)x(\d+) (.*)$/s.exec(await file.text());
      if (!match) throw new Error('not an image');
      const [, w, h, label] = match;
      return {
        width: Number(w),
        height: Number(h),
        async encode(size, type, quality) {
          codec.encoded.push({ ...size, type, quality });
          return new Blob([`FAKEIMG ${size.width}x${size.height} ${label} q${quality}`], { type });
        },
        close() {
          codec.closed += 1;
        },
      };
    },
  };
  return codec;
}
