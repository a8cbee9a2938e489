import * as v from 'valibot';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { defineMutation } from '../sync/mutation';
import { money, uuid } from '../catalog/fields';
import type { ShiftRecord } from './types';

/** The business day (yyyy-MM-dd) an instant falls on in the shop's time zone (§10). */
export function businessDayOf(instant: string | number, timeZone: string): string {
  return format(new TZDate(typeof instant === 'string' ? Date.parse(instant) : instant, timeZone), 'yyyy-MM-dd');
}

export const businessDay = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'A business day is written yyyy-MM-dd'));
export const registerCode = v.pipe(v.string(), v.regex(/^[A-Z0-9]{1,8}$/, 'A register code is up to 8 letters or digits'));

/**
 * A shift opens with a cash float before the register's first sale; every sale belongs to one,
 * and its business day is the day it opened (closing and reports come with "After the sale").
 */
export const openShift = defineMutation({
  name: 'shift.open',
  version: 1,
  tables: ['shifts', 'locations'],
  schema: v.strictObject({
    shiftId: uuid('Shift id'),
    registerCode,
    locationId: uuid('Location id'),
    openingFloat: money('Opening float'),
    staffId: v.nullable(uuid('Staff id')),
    businessDay,
  }),
  async apply(store, args, meta) {
    if (await store.get('shifts', args.shiftId)) return;
    const shift: ShiftRecord = {
      id: args.shiftId,
      registerCode: args.registerCode,
      locationId: args.locationId,
      openedBy: args.staffId,
      openedAt: meta.occurredAt,
      businessDay: args.businessDay,
      openingFloat: args.openingFloat,
      status: 'open',
    };
    await store.put('shifts', shift);
  },
});
