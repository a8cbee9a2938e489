import { describe, expect, it } from 'vitest';
import { readEvents } from '../../src/sync/events';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      chunks.forEach((c) => controller.enqueue(encoder.encode(c)));
      controller.close();
    },
  });
}

describe('server-sent events over fetch', () => {
  it('parses events split across chunks, skips comments, handles CRLF', async () => {
    const seen: [string, string][] = [];
    await readEvents(
      streamOf([
        'event: hello\ndata: {"version":1}\n\n: ping\n\nev',
        'ent: pull\r\ndata: {"version":2}\r\n\r\n',
        'event: pull\ndata: {"version":3}\n\n',
      ]),
      (name, data) => seen.push([name, data]),
    );
    expect(seen).toEqual([
      ['hello', '{"version":1}'],
      ['pull', '{"version":2}'],
      ['pull', '{"version":3}'],
    ]);
  });
});
