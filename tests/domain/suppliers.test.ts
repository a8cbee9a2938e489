import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/domain/sync/registry';
import { DomainError } from '../../src/domain/errors';

const id = '0190f3a0-0000-7000-8000-000000000001';
const item = '0190f3a0-0000-7000-8000-000000000002';

function problem(name: string, args: unknown): string {
  try {
    prepare(name, args);
  } catch (e) {
    if (e instanceof DomainError) return e.message;
    throw e;
  }
  return 'ok';
}

describe('supplier.save', () => {
  it('takes contact, terms, promised lead time, minimum order and notes, trimmed', () => {
    const { args } = prepare('supplier.save', {
      id,
      name: '  Aurum Findings ',
      contactName: 'Marta Rossi',
      email: ' orders@aurum.it ',
      phone: '+39 (055) 123-4567',
      terms: '30 days net',
      leadTimeDays: 14,
      minimumOrder: 50_000,
      notes: 'Closed in August',
    });
    expect(args).toMatchObject({ name: 'Aurum Findings', email: 'orders@aurum.it', leadTimeDays: 14, minimumOrder: 50_000 });
    expect(problem('supplier.save', { id, email: '', phone: '', leadTimeDays: null, minimumOrder: null })).toBe('ok');
  });

  it('explains what is wrong', () => {
    expect(problem('supplier.save', { id, name: '  ' })).toBe('Enter the supplier name');
    expect(problem('supplier.save', { id, email: 'orders at aurum' })).toBe('Enter an email like orders@supplier.com');
    expect(problem('supplier.save', { id, phone: 'call Marta' })).toBe('A phone number uses digits, spaces and + ( ) - .');
    expect(problem('supplier.save', { id, leadTimeDays: 2.5 })).toBe('Lead time is whole days');
    expect(problem('supplier.save', { id, leadTimeDays: -1 })).toBe('Lead time cannot be negative');
    expect(problem('supplier.save', { id, leadTimeDays: 366 })).toBe('Lead time is at most a year');
    expect(problem('supplier.save', { id, minimumOrder: -100 })).toBe('Minimum order cannot be negative');
    expect(problem('supplier.save', { id, minimumOrder: 10.5 })).toBe('Minimum order must be whole cents');
    expect(problem('supplier.save', { id, terms: 'x'.repeat(501) })).toBe('Terms is at most 500 characters');
    expect(problem('supplier.save', { id, rating: 5 })).not.toBe('ok');
  });
});

describe('item.save reorder fields', () => {
  it('takes a supplier SKU and whole, non-negative reorder point and quantity (null = not set)', () => {
    expect(problem('item.save', { id: item, patch: { supplierSku: ' AF-R1 ', reorderPoint: 0, reorderQty: 6 } })).toBe('ok');
    expect(problem('item.save', { id: item, patch: { supplierSku: null, reorderPoint: null, reorderQty: null } })).toBe('ok');
    expect(problem('item.save', { id: item, patch: { supplierSku: 'AF R1' } })).toBe(
      'Supplier SKU may use letters, digits and symbols, no spaces',
    );
    expect(problem('item.save', { id: item, patch: { reorderPoint: -1 } })).toBe('Reorder point cannot be negative');
    expect(problem('item.save', { id: item, patch: { reorderPoint: 1.5 } })).toBe('Reorder point must be a whole number');
    expect(problem('item.save', { id: item, patch: { reorderQty: 2_000_000 } })).toBe('Reorder quantity is at most 1,000,000');
  });
});
