import { DomainError } from '../domain/errors';
import type { Size } from '../domain/photos';

/** A decoded image, ready to be encoded at one or more sizes. */
export interface DecodedImage extends Size {
  /** Encodes the image scaled to `size` (the caller decides it; see domain `fitWithin`). */
  encode(size: Size, type: string, quality: number): Promise<Blob>;
  /** Frees the decoded pixels (a 12 MP photo holds ~48 MB until closed). */
  close(): void;
}

/**
 * Decoding and encoding images sits behind this interface: browsers do it with
 * createImageBitmap + canvas; Node tests (no canvas there) pass a fake.
 */
export interface PhotoCodec {
  /** Rejects when `file` is not an image this platform can decode. */
  decode(file: Blob): Promise<DecodedImage>;
}

/** The 2D canvas surface both OffscreenCanvas and a page's <canvas> offer. */
interface Surface {
  getContext(kind: '2d'): {
    fillStyle: unknown;
    imageSmoothingEnabled: boolean;
    imageSmoothingQuality: 'low' | 'medium' | 'high';
    fillRect(x: number, y: number, w: number, h: number): void;
    drawImage(image: ImageBitmap, x: number, y: number, w: number, h: number): void;
  } | null;
}

/**
 * A canvas of `size` and how to turn it into a Blob: OffscreenCanvas where it exists (page and
 * service worker; Safari ≥ 16.4), else a page <canvas> (older Safari). Typed structurally because
 * the service worker's build has no DOM types.
 */
function surface(size: Size): { canvas: Surface; toBlob: (type: string, quality: number) => Promise<Blob> } {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(size.width, size.height);
    return { canvas: canvas as unknown as Surface, toBlob: (type, quality) => canvas.convertToBlob({ type, quality }) };
  }
  type PageCanvas = Surface & {
    width: number;
    height: number;
    toBlob(done: (blob: Blob | null) => void, type: string, quality: number): void;
  };
  const doc = (globalThis as { document?: { createElement(tag: 'canvas'): PageCanvas } }).document;
  if (!doc) throw new DomainError('photo-unsupported', 'This browser cannot prepare photos here');
  const canvas = doc.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  return {
    canvas,
    toBlob: (type, quality) =>
      new Promise((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The canvas produced no image'))), type, quality),
      ),
  };
}

/** The browser's codec: createImageBitmap (EXIF orientation applied) and a 2D canvas. */
export const canvasCodec: PhotoCodec = {
  async decode(file) {
    if (typeof createImageBitmap !== 'function') throw new DomainError('photo-unsupported', 'This browser cannot prepare photos');
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return {
      width: bitmap.width,
      height: bitmap.height,
      async encode(size, type, quality) {
        const { canvas, toBlob } = surface(size);
        const context = canvas.getContext('2d');
        if (!context) throw new DomainError('photo-unsupported', 'This browser cannot draw photos');
        // JPEG has no transparency: a cut-out product shot goes on white, not black.
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, size.width, size.height);
        context.imageSmoothingEnabled = true;
        context.imageSmoothingQuality = 'high';
        context.drawImage(bitmap, 0, 0, size.width, size.height);
        return toBlob(type, quality);
      },
      close: () => bitmap.close(),
    };
  },
};
