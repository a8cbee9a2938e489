import fc from 'fast-check';
import { SyncHttpError } from '../../../src/sync/http';
import { OPS, Picker, runOp, type OpName } from './ops';
import type { Fault } from './server';
import type { World } from './world';

/** One thing that happens in the shop or on the network; every step also lets some time pass. */
export type Step = { wait: number } & (
  | { kind: 'op'; device: number; op: OpName; seeds: number[] }
  | { kind: 'network'; device: number; online: boolean }
  /** `small`: pushes split into small chunks (about one mutation each), as a slow link would. */
  | { kind: 'sync'; device: number; push: Fault; pull: Fault; small: boolean }
  /** An old push of the device reaches the server again, late (a retried or duplicated request). */
  | { kind: 'replay'; device: number; nth: number }
);

const device = fc.integer({ min: 0, max: 2 });
const wait = fc.integer({ min: 1, max: 120_000 });
const fault = fc.constantFrom<Fault>('none', 'none', 'dropped', 'duplicate', 'lost-response');

/** Sales (and what follows them: returns, a piece sold twice, its case) come up more often than the rest. */
const OP_WEIGHTS: Partial<Record<OpName, number>> = {
  'sale.cash': 3,
  'sale.card': 2,
  'sale.piece': 4,
  'sale.withCredit': 2,
  'return.create': 2,
  'case.resolve': 4,
  'shift.close': 2,
};
const opArb: fc.Arbitrary<OpName> = fc.oneof(...OPS.map((op) => ({ weight: OP_WEIGHTS[op] ?? 1, arbitrary: fc.constant(op) })));

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('op' as const),
      wait,
      device,
      op: opArb,
      seeds: fc.array(fc.nat(1_000_000), { minLength: 8, maxLength: 8 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('network' as const), wait, device, online: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), wait, device, push: fault, pull: fault, small: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), wait, device, nth: fc.nat(50) }) },
);

export function describeStep(step: Step): string {
  const who = 'ABC'[step.device];
  switch (step.kind) {
    case 'op':
      return `${who} ${step.op}`;
    case 'network':
      return `${who} ${step.online ? 'online' : 'offline'}`;
    case 'sync':
      return `${who} sync (push ${step.push}, pull ${step.pull}${step.small ? ', small chunks' : ''})`;
    case 'replay':
      return `${who} replay push #${step.nth}`;
  }
}

/** Runs one step. Network failures are part of the game; anything else fails the run. */
export async function runStep(world: World, step: Step): Promise<void> {
  world.tick(step.wait);
  const d = world.devices[step.device]!;
  switch (step.kind) {
    case 'op':
      await runOp(world, d, step.op, new Picker(step.seeds));
      return;
    case 'network':
      d.transport.online = step.online;
      return;
    case 'sync':
      d.transport.faults.push = step.push;
      d.transport.faults.pull = step.pull;
      await d.sync(step.small ? 1500 : undefined);
      d.transport.faults.push = 'none';
      d.transport.faults.pull = 'none';
      return;
    case 'replay': {
      const bodies = d.transport.delivered;
      if (bodies.length === 0) return;
      const body = bodies[step.nth % bodies.length];
      const token = (await d.env.db.syncState.get('device'))!.token!;
      try {
        await world.server.handle('/v1/sync/push', body, token);
      } catch (error) {
        // A late copy of a push the server never applied may skip ahead (409 mutation-gap): the
        // server refuses it and nothing changes. A different payload under a seen id never happens.
        if (!(error instanceof SyncHttpError) || error.reason !== 'mutation-gap') throw error;
      }
      return;
    }
  }
}

async function quiet(world: World): Promise<boolean> {
  const shop = await world.server.store.db.selectFrom('shop').select('version').executeTakeFirstOrThrow();
  for (const d of world.devices) {
    if ((await d.env.db.outbox.count()) > 0) return false;
    if ((await d.env.db.syncState.get('device'))?.cursor !== shop.version) return false;
  }
  return true;
}

/** Everyone back online, syncing in turn until nothing moves (at most four rounds). */
export async function settle(world: World): Promise<void> {
  for (const d of world.devices) {
    d.transport.online = true;
    d.transport.faults.push = 'none';
    d.transport.faults.pull = 'none';
  }
  for (let round = 0; round < 4 && !(await quiet(world)); round += 1) {
    world.tick(1000);
    for (const d of world.devices) {
      if (!(await d.sync())) throw new Error(`${d.name} could not sync while online`);
    }
  }
}
