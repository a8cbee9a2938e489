import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

// The decoder's wasm comes from node_modules, never from its default CDN (tests run offline).
const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
let prepared = false;

function prepare(): void {
  if (prepared) return;
  const bytes = readFileSync(wasmPath);
  prepareZXingModule({ overrides: { wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) } });
  prepared = true;
}

/** Every bar code zxing-wasm finds in a PNG, as `{ format, text }`, the way a scanner would read it. */
export async function decodePng(png: Uint8Array): Promise<{ format: string; text: string }[]> {
  prepare();
  const results: ReadResult[] = await readBarcodes(png, { formats: ['Code128', 'QRCode'], tryHarder: true });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}
