import { demoShop, type DemoMutation } from '../../src/domain/demo/shop';

/** The first `count` mutations of the demo shop (a prefix is always consistent: products before their receipts). */
export function demoMutations(count: number, seed = 1): DemoMutation[] {
  const out: DemoMutation[] = [];
  for (const chunk of demoShop({ skus: Math.max(10, count), seed, chunkProducts: 100 })) {
    for (const m of chunk.mutations) {
      out.push(m);
      if (out.length >= count) return out;
    }
  }
  return out;
}
