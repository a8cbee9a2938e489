import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { refundOversold } from '../../src/data/commands/cases';
import { createCustomer } from '../../src/data/commands/customers';
import { perform } from '../../src/data/commands/perform';
import { returnSale } from '../../src/data/commands/returns';
import type { SaleRecord } from '../../src/domain/sale/types';
import type { CaseRecord } from '../../src/domain/cases';
import { readCase } from '../../src/data/queries/cases';
import { loadAllMutations } from '../../src/domain/sync/registry';
import { assertConverged } from './convergence/checks';
import { Picker, runOp, type OpName } from './convergence/ops';
import { describeStep, runStep, settle, stepArb, type Step } from './convergence/program';
import { pushedMutations } from './convergence/server';
import { World, type SimDevice } from './convergence/world';

/**
 * Issue 8's proof that no sale is lost or doubled: three registers of one shop (two owner devices
 * and a staff one) make random changes of every kind while going offline, losing answers and
 * having pushes delivered twice; once everyone is back online and synced, every device holds
 * exactly the server's records, nothing is left queued, every sale is on the server once and
 * stock is the sum of the ledger everywhere. Runs against the real push/pull code and a real
 * SQLite store, in process (see convergence/server.ts).
 */
/**
 * Every mutation the random programs make. Not among them: staff.save (PINs would make every
 * restricted change need a signed-in manager), bundle.save, and catalog.createProduct /
 * piece.receive, which only the starting shop uses.
 */
const EVERY_MUTATION = [
  'sale.complete',
  'return.create',
  'stock.adjust',
  'stock.transfer',
  'stock.transferReceive',
  'stock.receive',
  'stock.costCorrection',
  'purchaseOrder.save',
  'purchaseOrder.send',
  'purchaseOrder.receive',
  'purchaseOrder.cancel',
  'count.open',
  'count.record',
  'count.apply',
  'count.cancel',
  'item.save',
  'items.bulkEdit',
  'product.save',
  'category.save',
  'collection.save',
  'piece.save',
  'receipt.email',
  'customer.save',
  'location.save',
  'settings.update',
  'supplier.save',
  'shift.open',
  'cash.move',
  'shift.close',
  'case.resolve',
];

const RUNS = Number(process.env.TROVE_PROPERTY_RUNS ?? 1000);

async function play(seed: number, steps: readonly Step[]): Promise<World> {
  const world = await World.create(seed);
  try {
    for (const step of steps) await runStep(world, step);
    await settle(world);
    await assertConverged(world);
    return world;
  } catch (error) {
    // fast-check prints the steps as data; this is the same program in words.
    if (error instanceof Error) error.message += `\n  program: ${steps.map(describeStep).join(' → ')}`;
    throw error;
  } finally {
    await world.close();
  }
}

describe('convergence of three registers under random interleavings', () => {
  beforeAll(async () => {
    await loadAllMutations();
  });

  it('a fixed day: two registers sell the same piece offline, a lost answer, a double delivery, a staff edit refused', async () => {
    const op = (device: number, name: OpName, seeds = [0, 1, 2, 3, 4, 5, 6, 7]): Step => ({
      kind: 'op',
      device,
      op: name,
      seeds,
      wait: 60_000,
    });
    const steps: Step[] = [
      { kind: 'network', device: 1, online: false, wait: 1000 },
      op(0, 'sale.piece'),
      op(1, 'sale.piece'),
      op(0, 'sale.cash', [2, 1, 0, 0, 0, 0, 0, 0]),
      op(2, 'sale.card'),
      op(2, 'settings.update'),
      op(0, 'stock.transfer', [0, 0, 1, 1, 0, 0, 0, 0]),
      { kind: 'sync', device: 0, push: 'lost-response', pull: 'none', small: false, wait: 1000 },
      { kind: 'sync', device: 2, push: 'duplicate', pull: 'none', small: false, wait: 1000 },
      op(2, 'customer.save'),
      { kind: 'sync', device: 2, push: 'lost-response', pull: 'none', small: false, wait: 1000 },
      { kind: 'network', device: 1, online: true, wait: 1000 },
      op(1, 'return.create'),
      { kind: 'sync', device: 1, push: 'duplicate', pull: 'none', small: true, wait: 1000 },
      { kind: 'replay', device: 0, nth: 0, wait: 1000 },
      { kind: 'sync', device: 0, push: 'none', pull: 'none', small: false, wait: 1000 },
      op(0, 'case.resolve', [0, 0, 0, 0, 0, 0, 0, 0]),
      op(1, 'stock.transferReceive'),
      op(2, 'count.open', [0, 0, 0, 0, 0, 0, 0, 0]),
      op(2, 'count.record', [0, 0, 0, 2, 3, 0, 0, 0]),
      op(0, 'count.apply', [0, 0, 0, 0, 0, 0, 0, 0]),
    ];
    const world = await World.create(1);
    try {
      for (const step of steps) await runStep(world, step);
      // B was offline for its sale of the piece: both sales stand, one case is open for it.
      await settle(world);
      await assertConverged(world);
      const cases = (await world.devices[0]!.env.db.cases.toArray()) as unknown as { type: string; status: string }[];
      // The case from the start (OOAK-2) and today's (OOAK-1); A refunded one of them.
      expect(cases.filter((c) => c.type === 'piece-oversold')).toHaveLength(2);
      expect(cases.filter((c) => c.status === 'resolved')).toHaveLength(1);
      expect(world.devices.flatMap((d) => d.salesMade)).toHaveLength(6);
      // The staff register's settings edit was refused and undone.
      expect(world.devices[2]!.rejected.map((r) => r.name)).toContain('settings.update');
    } finally {
      await world.close();
    }
  });

  // Found by the property test (fixed): an applied row stays queued until a pull acknowledges it,
  // but a refused row is dropped at once (dropRejected). When the pull after such a push was lost,
  // the outbox held [k (applied), k+2 …] with k+1 gone, the next push sent ids k, k+2 and the
  // server answered 400 "ids in one push must be consecutive" on every later sync: the register
  // never synced again. readOutboxBatch now ends a batch at a hole in the ids.
  it('a refused change followed by a lost pull answer no longer blocks the register’s outbox', async () => {
    const world = await World.create(7);
    try {
      const staff = world.devices[2]!;
      staff.transport.spareKnownBug = false;
      expect(await runOp(world, staff, 'sale.card', new Picker([0, 0, 0, 0]))).toBe(true); // id k: applied
      await perform(staff.env, 'settings.update', { patch: { receiptHeader: 'Hello' } }); // k+1: owner-only, refused
      staff.transport.faults.pull = 'lost-response';
      expect(await staff.sync()).toBe(false); // the push was answered, the pull's answer lost
      // The refused edit is dropped at once; the applied sale waits for a pull to acknowledge it.
      expect((await staff.env.db.outbox.toArray()).map((r) => r.name)).toEqual(['shift.open', 'sale.complete']);
      await createCustomer(staff.env, { name: 'Ada' }); // k+2
      expect(await staff.sync()).toBe(true); // was: SyncHttpError 400 invalid-push, on every sync
      await settle(world);
      await assertConverged(world);
    } finally {
      await world.close();
    }
  });

  // Found by this test: two registers refund the same sale line while offline — B by a plain
  // return, A by the case's "refund". The server used to refuse the later (`return-too-many`)
  // though the money had left B's drawer. Each return now carries the earlier returns its register
  // knew of (`knownReturns`); one made without knowing of the other stands, and ONE return-overlap
  // case opens everywhere.
  it('a sale line refunded on two offline registers keeps both refunds and opens one return-overlap case', async () => {
    const world = await World.create(11);
    try {
      const [a, b] = world.devices as [SimDevice, SimDevice];
      // OOAK-2 was sold by A and by B at the start; both know B's sale.
      const saleOfB = b.salesMade[0]!;
      await b.sync();
      await a.sync();
      const caseId = ((await a.env.db.cases.toArray()) as unknown as { id: string; type: string }[]).find(
        (c) => c.type === 'piece-oversold',
      )!.id;
      b.transport.online = false;
      const sale = (await b.env.db.sales.get(saleOfB)) as unknown as SaleRecord;
      await returnSale(b.env, {
        sale,
        lines: [{ saleLineId: sale.lines[0]!.lineId, quantity: 1, damaged: false }],
        refundTo: 'original',
        reason: 'Sold twice',
        staffId: null,
        approvedBy: null,
      });
      await refundOversold(a.env, caseId, { saleId: saleOfB, refundTo: 'original', note: '', staffId: null });
      expect(await a.sync()).toBe(true);
      b.transport.online = true;
      expect(await b.sync()).toBe(true);
      expect(b.rejected).toEqual([]); // was: [{ name: 'return.create', reason: 'return-too-many' }]
      await settle(world);
      await assertConverged(world);
      const returns = await b.env.db.returns.where('saleId').equals(saleOfB).toArray();
      expect(returns).toHaveLength(2);
      for (const device of world.devices) {
        const overlap = ((await device.env.db.cases.toArray()) as unknown as CaseRecord[]).filter((c) => c.type === 'return-overlap');
        expect(overlap.map((c) => [c.id, c.status, c.concerns])).toEqual([
          [`return-overlap:${saleOfB}`, 'open', [`sales/${saleOfB}`, ...returns.map((r) => `returns/${r.id}`).sort()]],
        ]);
      }
      // The case page lists both refunds, each with its register and amount.
      const view = await readCase(a.env.db, `return-overlap:${saleOfB}`);
      expect(view!.returns.map((r) => [r.kind, r.total, r.lines.length]).sort()).toEqual(returns.map((r) => ['return', r.total, 1]).sort());
      expect(new Set(view!.returns.map((r) => r.deviceId)).size).toBe(2);
    } finally {
      await world.close();
    }
  });

  it(`converges with every sale counted once (${RUNS} random runs)`, { timeout: 20 * 60_000 }, async () => {
    await fc.assert(
      // The seed drives the registers' random bytes (ids, codes), so a failure replays the same.
      fc.asyncProperty(fc.nat(1_000_000), fc.array(stepArb, { minLength: 8, maxLength: 20 }), async (seed, steps) => {
        await play(seed, steps);
      }),
      {
        numRuns: RUNS,
        endOnFailure: true,
        // Replay a failure: TROVE_PROPERTY_SEED and TROVE_PROPERTY_PATH from its report.
        ...(process.env.TROVE_PROPERTY_SEED
          ? { seed: Number(process.env.TROVE_PROPERTY_SEED), path: process.env.TROVE_PROPERTY_PATH }
          : {}),
      },
    );
    if (process.env.TROVE_CONVERGENCE_STATS)
      console.log([...pushedMutations].map(([name, byStatus]) => `${name}: ${JSON.stringify(Object.fromEntries(byStatus))}`).join('\n'));
    // Enough runs must have reached the server with every kind of change (and some refusals).
    if (RUNS >= 500) {
      const missing = EVERY_MUTATION.filter((name) => !(pushedMutations.get(name)?.get('applied') ?? 0));
      expect(missing, 'mutation types never applied in any run').toEqual([]);
      expect([...pushedMutations.values()].some((byStatus) => (byStatus.get('rejected') ?? 0) > 0)).toBe(true);
    }
  });
});
