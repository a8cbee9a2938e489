import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

// A fake camera for Chromium (--use-file-for-fake-video-capture): a YUV4MPEG2 file showing a bar
// code held still on a counter, made in pure Node (bwip-js draws the code; no ffmpeg). Chromium
// plays the file in a loop, so the code never leaves the frame. One feed per browser launch, so
// the `camera` Playwright project points its launch flags at this file (playwright.config.ts).

/** What the feed shows: a Code 128 tag the camera specs create an item for. */
export const CAMERA_FEED_CODE = 'TROVE-SCAN-0001';
/** Written by the global setup before any browser starts (test-results/ is never committed). */
export const CAMERA_FEED = path.resolve(import.meta.dirname, '../../../test-results/camera/code128-trove-scan-0001.y4m');

const WIDTH = 640;
const HEIGHT = 480;
const FPS = 15;

interface Pixels {
  width: number;
  height: number;
  /** One luma byte (0–255, full range) per pixel, row by row. */
  gray: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced PNG (what bwip-js writes) to gray levels. */
export function pngToGray(png: Buffer): Pixels {
  let offset = 8; // signature
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour!] ?? 0;
      if (depth !== 8 || channels === 0 || interlace !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? out[x - channels]! : 0;
      const b = up[x]!;
      const c = x >= channels ? up[x - channels]! : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, 0][filter] ?? 0;
      out[x] = (line[x]! + (filter === 4 ? paeth() : predictor)) & 0xff;
    }
  }
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i += 1) {
    const p = i * channels;
    const [r, g, b] = channels >= 3 ? [pixels[p]!, pixels[p + 1]!, pixels[p + 2]!] : [pixels[p]!, pixels[p]!, pixels[p]!];
    const alpha = channels === 4 ? pixels[p + 3]! / 255 : channels === 2 ? pixels[p + 1]! / 255 : 1;
    // Transparent parts show the white of the label.
    gray[i] = Math.round((0.299 * r + 0.587 * g + 0.114 * b) * alpha + 255 * (1 - alpha));
  }
  return { width, height, gray };
}

/** A 640×480 frame: a grey counter top with the code on a white label in the middle. */
function frame(code: Pixels, dx: number): Uint8Array {
  const gray = new Uint8Array(WIDTH * HEIGHT).fill(200);
  const left = Math.round((WIDTH - code.width) / 2) + dx;
  const top = Math.round((HEIGHT - code.height) / 2);
  for (let y = 0; y < code.height; y += 1)
    for (let x = 0; x < code.width; x += 1) {
      const fx = left + x;
      const fy = top + y;
      if (fx >= 0 && fx < WIDTH && fy >= 0 && fy < HEIGHT) gray[fy * WIDTH + fx] = code.gray[y * code.width + x]!;
    }
  return gray;
}

/** YUV4MPEG2, 4:2:0: per frame a luma plane (studio range 16–235) and neutral chroma planes. */
export function y4m(frames: Uint8Array[], width = WIDTH, height = HEIGHT, fps = FPS): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'latin1');
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const parts: Buffer[] = [header];
  for (const gray of frames) {
    const luma = Buffer.alloc(width * height);
    for (let i = 0; i < luma.length; i += 1) luma[i] = 16 + Math.round((gray[i]! * 219) / 255);
    parts.push(Buffer.from('FRAME\n', 'latin1'), luma, chroma);
  }
  return Buffer.concat(parts);
}

/** The code as gray pixels (bwip-js draws it). */
async function codePixels(text: string): Promise<Pixels> {
  const { default: bwipjs } = await import('bwip-js/node');
  const png = await bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 2,
    height: 18,
    includetext: true,
    backgroundcolor: 'FFFFFF',
    paddingwidth: 16,
    paddingheight: 12,
  });
  return pngToGray(png);
}

/**
 * Writes the feed: a few frames of the code, nudged a pixel or two between frames the way a hand
 * holds a tag (still "in the frame" the whole time). Returns the file's path.
 */
export async function writeCameraFeed(file = CAMERA_FEED, text = CAMERA_FEED_CODE): Promise<string> {
  const code = await codePixels(text);
  const frames = [0, 1, 2, 1, 0, -1, -2, -1].map((dx) => frame(code, dx));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, y4m(frames));
  return file;
}

/** A stretch of a scripted feed: the code in view (held by a slightly moving hand) or an empty counter. */
export interface FeedSegment {
  code: boolean;
  seconds: number;
}

/** The count's camera feed (the `camera-count` project): TROVE-COUNT-0001 shown K = 3 times. */
export const COUNT_FEED_CODE = 'TROVE-COUNT-0001';
export const COUNT_FEED_APPEARANCES = 3;
/** 5 frames a second keeps the file small (≈ 60 MB at 640×480) and is plenty for a 1-D code. */
export const COUNT_FEED_FPS = 5;
/**
 * A 3 s blank lead-in (the camera takes a moment to start), then each appearance ≥ 1 s, separated
 * by ≥ 1 s of blank frames, then a 20 s blank tail (the feed loops after it).
 */
export const COUNT_FEED_SEGMENTS: FeedSegment[] = [
  { code: false, seconds: 3 },
  { code: true, seconds: 1.4 },
  { code: false, seconds: 1.4 },
  { code: true, seconds: 1.4 },
  { code: false, seconds: 1.4 },
  { code: true, seconds: 1.4 },
  { code: false, seconds: 20 },
];
export const COUNT_FEED = path.resolve(import.meta.dirname, '../../../test-results/camera/count-k3-trove-count-0001.y4m');

/** Writes a scripted feed from segments (code frames / blank frames) at `fps`. Returns the file's path. */
export async function writeSegmentFeed(file: string, text: string, segments: readonly FeedSegment[], fps: number): Promise<string> {
  const code = await codePixels(text);
  const blank = new Uint8Array(WIDTH * HEIGHT).fill(200);
  const nudges = [0, 1, 2, 1, 0, -1, -2, -1];
  const frames: Uint8Array[] = [];
  for (const segment of segments) {
    const n = Math.round(segment.seconds * fps);
    for (let i = 0; i < n; i += 1) frames.push(segment.code ? frame(code, nudges[i % nudges.length]!) : blank);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, y4m(frames, WIDTH, HEIGHT, fps));
  return file;
}
