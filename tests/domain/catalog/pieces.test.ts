import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../../src/domain/sync/registry';
import { pieceJourney, type PieceRecord } from '../../../src/domain/inventory/pieces';
import { isDomainError } from '../../../src/domain/errors';
import { memoryStore, meta } from '../../factories/memory-store';

const P = '0190b6a2-3c4d-7e5f-8a6b-000000000001';
const I = '0190b6a2-3c4d-7e5f-8a6b-000000000101';
const L = '0190b6a2-3c4d-7e5f-8a6b-000000000201';
const PIECE = '0190b6a2-3c4d-7e5f-8a6b-000000000301';
const EV = '0190b6a2-3c4d-7e5f-8a6b-000000000401';

async function shop(tracking: 'piece' | 'quantity') {
  const store = memoryStore();
  await applyMutation(
    store,
    'catalog.createProduct',
    1,
    { product: { id: P, title: 'Vintage sapphire ring' }, items: [{ id: I, sku: 'VIN-1', price: 89_000, tracking }] },
    meta(1000),
  );
  await applyMutation(store, 'location.save', 2, { id: L, name: 'Shop floor', kind: 'floor' }, meta(1000));
  return store;
}

describe('pieces (one-of-a-kind and serialized)', () => {
  it('receiving a piece records it with its own cost and one unit in the ledger', async () => {
    const store = await shop('piece');
    await applyMutation(
      store,
      'piece.receive',
      1,
      {
        pieceId: PIECE,
        eventId: EV,
        itemId: I,
        locationId: L,
        serial: 'VIN-1-1',
        cost: 41_000,
        certificate: 'GIA 2141438171',
        source: 'manual',
      },
      meta(2000),
    );
    expect(await store.get('pieces', PIECE)).toMatchObject({
      itemId: I,
      serial: 'VIN-1-1',
      values: { cost: 41_000, certificate: 'GIA 2141438171' },
    });
    expect(await store.get('stockEvents', EV)).toMatchObject({ type: 'receive', pieceId: PIECE, quantity: 1, unitCost: 41_000 });
  });

  it('an item counted by quantity cannot receive pieces', async () => {
    const store = await shop('quantity');
    await expect(
      applyMutation(
        store,
        'piece.receive',
        1,
        { pieceId: PIECE, eventId: EV, itemId: I, locationId: L, serial: 'X-1', source: 'manual' },
        meta(2000),
      ),
    ).rejects.toSatisfy((e) => isDomainError(e, 'not-piece-tracked'));
  });

  it('piece edits merge per field', async () => {
    const store = await shop('piece');
    await applyMutation(
      store,
      'piece.receive',
      1,
      { pieceId: PIECE, eventId: EV, itemId: I, locationId: L, serial: 'VIN-1-1', source: 'manual' },
      meta(2000),
    );
    await applyMutation(store, 'piece.save', 1, { id: PIECE, patch: { certificate: 'AGS 1' } }, meta(4000, 'dev-b'));
    await applyMutation(store, 'piece.save', 1, { id: PIECE, patch: { cost: 40_000 } }, meta(3000, 'dev-a'));
    expect(((await store.get('pieces', PIECE)) as PieceRecord).values).toMatchObject({ certificate: 'AGS 1', cost: 40_000 });
  });

  it('the status journey follows the ledger: received, in stock, reserved, sold, returned', () => {
    const e = (type: 'receive' | 'reserve' | 'release' | 'sale' | 'return', at: number, quantity = 0) => ({
      type,
      quantity,
      occurredAt: new Date(at).toISOString(),
      hlc: String(at).padStart(15, '0'),
    });
    const journey = pieceJourney([
      e('sale', 4000, -1),
      e('receive', 1000, 1),
      e('reserve', 2000),
      e('release', 3000),
      e('return', 5000, 1),
    ]);
    expect(journey.map((s) => s.status)).toEqual(['received', 'in-stock', 'reserved', 'in-stock', 'sold', 'returned', 'in-stock']);
    expect(pieceJourney([])).toEqual([]);
  });

  it('a piece sold on two registers and refunded once is still sold: the register must not offer it again', () => {
    const e = (type: 'receive' | 'sale' | 'return' | 'adjust', at: number, quantity: number) => ({
      type,
      quantity,
      occurredAt: new Date(at).toISOString(),
      hlc: String(at).padStart(15, '0'),
    });
    const twice = [e('receive', 1000, 1), e('sale', 2000, -1), e('sale', 3000, -1)];
    expect(pieceJourney([...twice, e('return', 4000, 1)]).at(-1)?.status).toBe('sold');
    // Both refunded: back on the shelf. Written off, then found: on the shelf again.
    expect(pieceJourney([...twice, e('return', 4000, 1), e('return', 5000, 1)]).at(-1)?.status).toBe('in-stock');
    expect(pieceJourney([e('receive', 1000, 1), e('adjust', 2000, -1)]).at(-1)?.status).toBe('written-off');
    expect(pieceJourney([e('receive', 1000, 1), e('adjust', 2000, -1), e('adjust', 3000, 1)]).at(-1)?.status).toBe('in-stock');
  });
});
