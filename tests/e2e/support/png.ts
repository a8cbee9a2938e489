import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A product shot made in the test (no fixture files): a gold ring with a blue stone on a warm
 * background, as an RGB PNG of `width`×`height`. `hue` shifts the stone so two photos differ.
 */
export function ringPng(width: number, height: number, hue = 0): Buffer {
  const rows: Buffer[] = [];
  const cx = width / 2;
  const cy = height / 2 + height * 0.05;
  const r = Math.min(width, height) * 0.3;
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x += 1) {
      const d = Math.hypot(x - cx, y - cy);
      const stone = Math.hypot(x - cx, y - (cy - r)) < r * 0.28;
      let rgb = [240 - (y / height) * 30, 232 - (y / height) * 30, 220 - (y / height) * 25];
      if (Math.abs(d - r) < r * 0.12) rgb = [216 - (x / width) * 40, 178 - (x / width) * 30, 106];
      if (stone) rgb = [60 + hue, 110, 200 - hue];
      rgb.forEach((v, i) => (row[1 + x * 3 + i] = Math.max(0, Math.min(255, Math.round(v)))));
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
