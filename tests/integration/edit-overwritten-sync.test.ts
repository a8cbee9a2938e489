import { describe, expect, it } from 'vitest';
import { STORE_VARIANTS } from '../server/helpers/databases';
import { pairedDevice, useLiveServer, type Device, type LiveServer } from './support';
import { perform } from '../../src/data/commands/perform';
import { newId } from '../../src/data/commands/ids';
import type { PullResponse, SyncedRecord } from '../../src/domain/sync/protocol';
import type { CaseRecord } from '../../src/domain/cases';
import type { ItemRecord } from '../../src/domain/catalog/item';

async function issueCode(owner: Device): Promise<string> {
  const { code } = await owner.transport.request<{ code: string }>(
    'POST',
    '/v1/devices/pairing-codes',
    { role: 'owner' },
    await owner.token(),
  );
  return code;
}

/** Every record the server holds now (latest version of each), read through a pull from 0. */
async function serverRecords(device: Device): Promise<Map<string, SyncedRecord>> {
  const out = new Map<string, SyncedRecord>();
  let cursor = 0;
  for (;;) {
    const page = await device.transport.request<PullResponse>('POST', '/v1/sync/pull', { cursor, limit: 5000 }, await device.token());
    for (const r of page.records) out.set(`${r.table}/${r.id}`, r);
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

const overwrittenCases = async (device: Device) =>
  ((await device.env.db.cases.toArray()) as unknown as CaseRecord[]).filter((c) => c.type === 'edit-overwritten');

/**
 * The stall phone edits a ring's price first, the counter later, each without seeing the other;
 * `first` syncs first. Whichever it is, the later price wins everywhere and the earlier one is
 * kept in ONE edit-overwritten case, the same on the server and on both devices.
 */
async function editedOnTwoDevices(server: LiveServer, first: 'counter' | 'stall'): Promise<void> {
  const counter = await pairedDevice(server, await server.ownerCode(), 'Counter tablet');
  const stall = await pairedDevice(server, await issueCode(counter), 'Stall phone');
  const ring = newId(counter.env);
  await perform(counter.env, 'catalog.createProduct', {
    product: { id: newId(counter.env), title: 'Ring' },
    items: [{ id: ring, sku: 'OR-1', price: 5000, cost: 900, tracking: 'quantity' }],
  });
  expect((await counter.sync()).rejected).toEqual([]);
  await stall.sync();

  await perform(stall.env, 'item.save', { id: ring, patch: { price: 4800 } });
  counter.env.clock.advance(60_000);
  await perform(counter.env, 'item.save', { id: ring, patch: { price: 5200 } });
  const order = first === 'counter' ? [counter, stall, counter] : [stall, counter, stall];
  for (const device of order) expect((await device.sync()).rejected).toEqual([]);

  const caseId = `edit-overwritten:items/${ring}/price`;
  const onServer = await serverRecords(counter);
  expect((onServer.get(`items/${ring}`)!.data as unknown as ItemRecord).values.price).toBe(5200);
  const serverCases = [...onServer.values()].filter((r) => r.table === 'cases' && r.id.startsWith('edit-overwritten:'));
  expect(serverCases.map((r) => r.id)).toEqual([caseId]);
  const serverCase = serverCases[0]!.data as unknown as CaseRecord;
  expect(serverCase).toMatchObject({ status: 'open', overwritten: { field: 'price', label: 'OR-1', kept: { value: 5200 } } });
  expect(serverCase.overwritten!.lost.map((l) => l.value)).toEqual([4800]);

  for (const device of [counter, stall]) {
    expect(((await device.env.db.items.get(ring)) as unknown as ItemRecord).values.price).toBe(5200);
    expect(await overwrittenCases(device)).toEqual([serverCase]);
    expect(await device.env.db.outbox.count()).toBe(0);
  }
}

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`a field edited on two devices ${variant.tag}`, () => {
    // One server each: a server's first pairing code is the owner's, once.
    describe('the later edit arrives first', () => {
      const server = useLiveServer(variant.kind);
      it('the earlier price arriving second loses and is kept in ONE edit-overwritten case', () =>
        editedOnTwoDevices(server.current, 'counter'));
    });
    describe('the earlier edit arrives first', () => {
      const server = useLiveServer(variant.kind);
      it('the later price, made without seeing it, overwrites it — and the same ONE case keeps it', () =>
        editedOnTwoDevices(server.current, 'stall'));
    });
  });
}
