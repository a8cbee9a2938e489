import { ManualClock } from '../../../src/domain/clock';
import type { Env } from '../../../src/data/commands/perform';
import { perform } from '../../../src/data/commands/perform';
import { newId } from '../../../src/data/commands/ids';
import { TroveDb } from '../../../src/data/db';
import { syncOnce, type SyncRunOutcome } from '../../../src/sync/client';
import { SyncHttpError } from '../../../src/sync/http';
import { pairDevice } from '../../../src/sync/pairing';
import { seededRandom } from '../../factories/env';
import { FaultyTransport, InProcessServer } from './server';
import { sellPiece } from './ops';

/** 2026-11-27 09:00 UTC: the world starts the morning the shop opens. */
export const START = Date.UTC(2026, 10, 27, 9, 0);

let dbCounter = 0;
/**
 * Databases of finished runs, emptied for the next: opening a TroveDb (every schema version) costs
 * more than the rest of a run, and an emptied database is what a fresh device starts from.
 */
const spareDbs: TroveDb[] = [];

async function emptyDb(): Promise<TroveDb> {
  const db = spareDbs.pop();
  if (!db) {
    dbCounter += 1;
    return new TroveDb(`trove-convergence-${dbCounter}`);
  }
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
  return db;
}

/** One register: its own IndexedDB (fake-indexeddb), clock, seeded randomness and network link. */
export class SimDevice {
  readonly env: Env & { clock: ManualClock };
  readonly transport: FaultyTransport;
  /** Sales this device completed (ids), to check each is on the server exactly once. */
  readonly salesMade: string[] = [];
  /** Mutations the server refused (reason per outbox row), from every sync that finished. */
  readonly rejected: { name: string; reason: string }[] = [];
  /** Commands the device itself refused (what a screen would not have offered). */
  readonly refusedLocally: string[] = [];

  private constructor(
    readonly name: string,
    db: TroveDb,
    server: InProcessServer,
    seed: number,
  ) {
    this.env = { db, clock: new ManualClock(START), random: seededRandom(seed) };
    this.transport = new FaultyTransport(server);
  }

  static async create(name: string, server: InProcessServer, seed: number): Promise<SimDevice> {
    return new SimDevice(name, await emptyDb(), server, seed);
  }

  /** One sync run (push everything, pull everything); false when the network failed it. */
  async sync(pushChunkBytes?: number): Promise<boolean> {
    let outcome: SyncRunOutcome;
    this.transport.sawRefusal = false;
    try {
      outcome = await syncOnce({ ...this.env, transport: this.transport, pushChunkBytes });
    } catch (error) {
      if (process.env.TROVE_CONVERGENCE_DEBUG)
        console.log(this.name, String(error), JSON.stringify((await this.env.db.outbox.toArray()).map((r) => [r.origin, r.id, r.name])));
      // Status 0: the network failed it (offline, dropped, answer lost). Anything else is a failure.
      if (error instanceof SyncHttpError && error.status === 0) return false;
      throw error;
    }
    for (const r of outcome.rejected) this.rejected.push({ name: r.row.name, reason: r.reason });
    return true;
  }

  /** Hands the database back for another run (emptied when it is taken again). */
  close(): void {
    spareDbs.push(this.env.db);
  }
}

/** The shop every run starts from (made on device A, synced to all): ids to pick from. */
export interface Catalogue {
  floor: string;
  stockroom: string;
  supplier: string;
  productId: string;
  /** Ids for categories and collections that do not exist yet (made by the first save). */
  groupIds: string[];
  /** Quantity-tracked items. */
  items: { id: string; sku: string; price: number }[];
  ooak: { itemId: string; pieceId: string; price: number };
  /** Another one-of-a-kind piece, sold by A and by B before either synced: its case is open at the start. */
  soldTwice: { itemId: string; pieceId: string; price: number };
}

/** A server and three paired registers: A and B on owner devices, C on a staff device. */
export class World {
  catalogue!: Catalogue;

  private constructor(
    readonly server: InProcessServer,
    readonly devices: SimDevice[],
    /** The world's time: the server's clock, and every device's (no skew here). */
    readonly clock: ManualClock,
  ) {}

  static async create(seed: number): Promise<World> {
    const clock = new ManualClock(START);
    const server = await InProcessServer.open(() => clock.now());
    const devices: SimDevice[] = [];
    for (const [i, name] of ['A', 'B', 'C'].entries()) devices.push(await SimDevice.create(name, server, seed * 3 + i + 1));
    const world = new World(server, devices, clock);
    const roles = ['owner', 'owner', 'staff'] as const;
    for (const [i, device] of devices.entries()) {
      await pairDevice({ ...device.env, transport: device.transport }, await server.pairingCode(roles[i]!), `Register ${device.name}`);
    }
    world.catalogue = await seedShop(devices[0]!.env);
    // Everyone starts from the same confirmed shop; a register opens its shift at its first sale.
    for (const device of devices) await device.sync();
    // A and B both sell the same piece before either syncs: the server keeps both and opens a case.
    const [a, b] = devices as [SimDevice, SimDevice];
    await sellPiece(world, a, world.catalogue.soldTwice, 'card');
    await sellPiece(world, b, world.catalogue.soldTwice, 'cash');
    await a.sync();
    await b.sync();
    return world;
  }

  /** Moves time on for everyone (the server and every device clock). */
  tick(ms: number): void {
    this.clock.advance(ms);
    for (const d of this.devices) d.env.clock.set(this.clock.now());
  }

  async close(): Promise<void> {
    for (const d of this.devices) d.close();
    await this.server.close();
  }
}

/** A floor and a stockroom, a supplier, three quantity items in FIFO layers at both, one one-of-a-kind piece. */
async function seedShop(env: Env): Promise<Catalogue> {
  const id = () => newId(env);
  const [floor, stockroom, supplier] = [id(), id(), id()];
  await perform(env, 'location.save', { id: floor, name: 'Shop floor', kind: 'floor' });
  await perform(env, 'location.save', { id: stockroom, name: 'Stockroom', kind: 'stockroom' });
  await perform(env, 'supplier.save', { id: supplier, name: 'Silver & Co', leadTimeDays: 7 });
  const items = [
    { id: id(), sku: 'RING-1', price: 3000, cost: 900 },
    { id: id(), sku: 'CHAIN-1', price: 2500, cost: 700 },
    { id: id(), sku: 'HOOP-1', price: 1800, cost: null },
  ];
  const ooak = { itemId: id(), pieceId: id(), price: 89_000 };
  const soldTwice = { itemId: id(), pieceId: id(), price: 120_000 };
  const productId = id();
  await perform(env, 'catalog.createProduct', {
    product: { id: productId, title: 'Stacking ring' },
    items: [
      ...items.map((i) => ({ id: i.id, sku: i.sku, price: i.price, cost: i.cost, tracking: 'quantity' })),
      { id: ooak.itemId, sku: 'OOAK-1', price: ooak.price, tracking: 'piece' },
      { id: soldTwice.itemId, sku: 'OOAK-2', price: soldTwice.price, tracking: 'piece' },
    ],
  });
  const receive = (itemId: string, locationId: string, quantity: number, unitCost: number | null) =>
    perform(env, 'stock.receive', {
      eventId: id(),
      lotId: id(),
      itemId,
      locationId,
      quantity,
      unitCost,
      supplierId: supplier,
      source: 'manual',
    });
  for (const item of items) {
    await receive(item.id, floor, 3, item.cost);
    await receive(item.id, stockroom, 4, item.cost === null ? null : item.cost + 100);
  }
  await perform(env, 'piece.receive', {
    pieceId: ooak.pieceId,
    eventId: id(),
    itemId: ooak.itemId,
    locationId: floor,
    serial: 'OOAK-1-1',
    cost: 41_000,
    source: 'manual',
  });
  await perform(env, 'piece.receive', {
    pieceId: soldTwice.pieceId,
    eventId: id(),
    itemId: soldTwice.itemId,
    locationId: floor,
    serial: 'OOAK-2-1',
    cost: 60_000,
    source: 'manual',
  });
  // Work already under way, so one step can finish it (and two offline registers can both try):
  // a purchase order sent to the supplier, a transfer in transit, a count open on the floor.
  const orderId = id();
  await perform(env, 'purchaseOrder.save', {
    id: orderId,
    supplierId: supplier,
    lines: items.slice(0, 2).map((i) => ({ id: id(), itemId: i.id, supplierSku: null, quantity: 5, unitCost: 650 })),
    note: 'Autumn restock',
    shippingCost: 1200,
  });
  await perform(env, 'purchaseOrder.send', { id: orderId });
  await perform(env, 'stock.transfer', {
    transferId: id(),
    itemId: items[0]!.id,
    pieceId: null,
    fromLocationId: stockroom,
    toLocationId: floor,
    quantity: 2,
    outEventId: id(),
    inEventId: null,
  });
  await perform(env, 'count.open', { countId: id(), name: 'Floor count', scope: 'location', refId: null, locationId: floor, blind: false });
  return {
    floor,
    stockroom,
    supplier,
    productId,
    groupIds: [id(), id()],
    items: items.map(({ id: itemId, sku, price }) => ({ id: itemId, sku, price })),
    ooak,
    soldTwice,
  };
}
