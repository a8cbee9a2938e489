import { describe, expect, it } from 'vitest';
import type { ShopSettingsRecord } from '../../src/domain/settings';
import { PULL_PAGE_SIZE } from '../../src/domain/sync/protocol';
import type { PullResponse } from '../../src/domain/sync/protocol';
import { ZERO_HLC } from '../../src/server/sync/pull';
import { STORE_VARIANTS } from './helpers/databases';
import { saveLocation, hlcAt, settingsUpdate, useSyncServer } from './helpers/sync';

for (const variant of STORE_VARIANTS) {
  describe.skipIf(variant.skip)(`pull ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('starts empty: cursor 0, no rows, a zero HLC', async () => {
      const device = await sync.pair('staff');
      const page = await sync.pull(device);
      expect(page).toEqual({
        cursor: 0,
        hasMore: false,
        events: [],
        records: [],
        lastMutationIds: { [device.deviceId]: 0 },
        hlc: ZERO_HLC,
        serverTime: expect.any(Number),
      });
      // The server's clock, so a device can tell its own is wrong (§10).
      expect(Math.abs(page.serverTime! - Date.now())).toBeLessThan(60_000);
    });

    it(`pages a large push by ${PULL_PAGE_SIZE} rows in version order`, async () => {
      const device = await sync.pair('owner');
      const count = PULL_PAGE_SIZE * 2 + 7;
      await sync.pushOk(
        device,
        Array.from({ length: count }, (_, i) => saveLocation(i + 1)),
      );
      const pages = await sync.pullAll(device);
      expect(pages.map((p) => [p.records.length, p.hasMore])).toEqual([
        [PULL_PAGE_SIZE, true],
        [PULL_PAGE_SIZE, true],
        [7, false],
      ]);
      const versions = pages.flatMap((p) => p.records.map((r) => r.version));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(versions).size).toBe(count);
      expect(pages.map((p) => p.cursor)).toEqual([
        versions[PULL_PAGE_SIZE - 1],
        versions[PULL_PAGE_SIZE * 2 - 1],
        await sync.shopVersion(),
      ]);
    });
  });

  describe.skipIf(variant.skip)(`pull paging across versions ${variant.tag}`, () => {
    const sync = useSyncServer(variant);

    it('never splits a version across pages, sends an oversized version whole, and puts ledger rows in events', async () => {
      const device = await sync.pair('staff');
      // Rows written straight into the store: no current mutation writes several rows at once yet.
      const layout: [number, string, number][] = [
        [1, 'locations', 1],
        [2, 'stockEvents', 3],
        [3, 'locations', 1],
        [4, 'stockEvents', 7],
        [5, 'items', 1],
      ];
      const rows = layout.flatMap(([version, tbl, n]) =>
        Array.from({ length: n }, (_, i) => ({ tbl, id: `v${version}-${i}`, data: JSON.stringify({ id: `v${version}-${i}` }), version })),
      );
      await sync.server.store.db.insertInto('records').values(rows).execute();
      await sync.server.store.db.updateTable('shop').set({ version: 6 }).execute(); // version 6 wrote nothing

      const pages: PullResponse[] = [];
      for (let cursor = 0, more = true; more;) {
        const page = await sync.pull(device, cursor, 3);
        pages.push(page);
        ({ cursor, hasMore: more } = page);
      }
      const versionsOf = (page: PullResponse): number[] => [...page.events, ...page.records].map((r) => r.version);
      expect(pages.map((p) => [versionsOf(p), p.cursor, p.hasMore])).toEqual([
        [[1], 1, true],
        [[2, 2, 2], 2, true],
        [[3], 3, true],
        [[4, 4, 4, 4, 4, 4, 4], 4, true],
        [[5], 6, false],
      ]);
      expect(pages[1]?.events.map((e) => e.table)).toEqual(['stockEvents', 'stockEvents', 'stockEvents']);
      expect(pages[1]?.records).toEqual([]);
      expect(pages[0]?.records[0]).toEqual({ table: 'locations', id: 'v1-0', version: 1, data: { id: 'v1-0' } });
      expect(await sync.pull(device, 6, 3)).toMatchObject({ cursor: 6, hasMore: false, events: [], records: [] });
    });
  });

  describe.skipIf(variant.skip)(`last writer wins per field at the server ${variant.tag}`, () => {
    const sync = useSyncServer(variant);
    const settings = async (device: Awaited<ReturnType<typeof sync.pair>>): Promise<ShopSettingsRecord> => {
      const record = (await sync.pullAll(device))
        .flatMap((p) => p.records)
        .filter((r) => r.table === 'settings')
        .at(-1);
      return record?.data as ShopSettingsRecord;
    };

    it('keeps edits to different fields from two devices', async () => {
      const a = await sync.pair('owner', 'A');
      const b = await sync.pair('owner', 'B');
      const t = Date.now() - 60_000;
      await sync.pushOk(a, [settingsUpdate(1, { shopName: 'Opal' }, hlcAt('a', t))]);
      await sync.pushOk(b, [settingsUpdate(1, { currency: 'EUR' }, hlcAt('b', t - 1000))]);
      expect((await settings(a)).values).toMatchObject({ shopName: 'Opal', currency: 'EUR' });
    });

    it.each([
      ['higher first', 'receiptHeader'],
      ['lower first', 'locale'],
    ] as const)('lets the higher HLC win an edit of the same field, whatever the push order (%s)', async (order, field) => {
      const a = await sync.pair('owner', 'A');
      const b = await sync.pair('owner', 'B');
      const t = Date.now() - 30_000;
      const [higherValue, lowerValue] = field === 'locale' ? ['fr-FR', 'de-DE'] : ['Higher', 'Lower'];
      const higher = (): Promise<unknown> => sync.pushOk(a, [settingsUpdate(1, { [field]: higherValue }, hlcAt('a', t + 5))]);
      const lower = (): Promise<unknown> => sync.pushOk(b, [settingsUpdate(1, { [field]: lowerValue }, hlcAt('b', t))]);
      if (order === 'higher first') {
        await higher();
        await lower();
      } else {
        await lower();
        await higher();
      }
      const record = await settings(a);
      expect(record.values[field]).toBe(higherValue);
      expect(record.clocks[field]).toBe(hlcAt('a', t + 5));
    });
  });
}
