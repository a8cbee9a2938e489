import * as v from 'valibot';
import { MAX_MONEY } from '../money';

/** Shared argument shapes for catalogue mutations (validated on the device and the server). */
export const uuid = (what: string) => v.pipe(v.string(), v.uuid(`${what} must be a UUID`));
export const text = (label: string, max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max, `${label} is at most ${max} characters`));
export const requiredText = (label: string, max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, `Enter the ${label.toLowerCase()}`),
    v.maxLength(max, `${label} is at most ${max} characters`),
  );
export const money = (label: string) =>
  v.pipe(
    v.number(`${label} must be a number`),
    v.safeInteger(`${label} must be whole cents`),
    v.minValue(0, `${label} cannot be negative`),
    v.maxValue(MAX_MONEY, `${label} is not a realistic amount`),
  );
export const wholeQty = (label: string) =>
  v.pipe(
    v.number(`${label} must be a number`),
    v.safeInteger(`${label} must be a whole number`),
    v.minValue(0, `${label} cannot be negative`),
    v.maxValue(1_000_000, `${label} is at most 1,000,000`),
  );
export const tags = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40, 'A tag is at most 40 characters'))),
  v.maxLength(50, 'At most 50 tags'),
);
export const code = (label: string) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, `Enter the ${label}`),
    v.maxLength(64, `${label} is at most 64 characters`),
    v.regex(/^[\x21-\x7e]+$/, `${label} may use letters, digits and symbols, no spaces`),
  );
export const photoIds = v.pipe(
  v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'Photo ids are SHA-256 hashes'))),
  v.maxLength(20, 'At most 20 photos'),
);
const decimal = (label: string, max: number) =>
  v.pipe(v.number(`${label} must be a number`), v.minValue(0, `${label} cannot be negative`), v.maxValue(max, `${label} is not realistic`));

export const attributesSchema = v.strictObject({
  metal: v.optional(text('Metal', 40)),
  purity: v.optional(text('Purity', 20)),
  stone: v.optional(text('Stone', 60)),
  caratWeight: v.optional(v.nullable(decimal('Carat weight', 10_000))),
  grams: v.optional(v.nullable(decimal('Weight', 100_000))),
  size: v.optional(text('Size', 20)),
  certificate: v.optional(text('Certificate number', 60)),
  notes: v.optional(text('Notes', 1000)),
});
export type JewelryAttributes = v.InferOutput<typeof attributesSchema>;
