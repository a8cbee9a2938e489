/** Width×height of a PNG from its IHDR chunk (bytes 16–23). */
export default function pngSize(bytes: Buffer): string {
  if (bytes.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}
