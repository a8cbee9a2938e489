import { describe, expect, it, vi } from 'vitest';
import type * as RegistryModule from '../../src/domain/sync/registry';

type Registry = typeof RegistryModule;

/** A fresh copy of the registry module: nothing lazy loaded yet. */
async function freshRegistry(): Promise<Registry> {
  vi.resetModules();
  return import('../../src/domain/sync/registry');
}

describe('the mutation registry', () => {
  it('names every mutation once, and each lazy name loads the definition of that name', async () => {
    const r = await freshRegistry();
    expect(new Set(r.MUTATION_NAMES).size).toBe(r.MUTATION_NAMES.length);
    await r.loadAllMutations();
    expect([...r.mutations.keys()].sort()).toEqual([...r.MUTATION_NAMES].sort());
    for (const [name, def] of r.mutations) expect(def.name).toBe(name);
  });

  it('keeps back-office mutations out until they are asked for, and prepare() says so rather than guessing', async () => {
    const r = await freshRegistry();
    expect(r.mutations.has('sale.complete')).toBe(true);
    expect(r.missingMutations(['sale.complete', 'purchaseOrder.receive', 'no.such'])).toEqual(['purchaseOrder.receive']);
    expect(() => r.prepare('count.apply', {})).toThrow('used before loadMutations() loaded it');
    expect(() => r.prepare('no.such', {})).toThrow('No mutation named "no.such"');
    await r.loadMutations(['count.apply']);
    expect(r.mutations.has('count.record')).toBe(true); // its module's other mutations come with it
    expect(r.mutations.has('purchaseOrder.save')).toBe(false);
  });
});
