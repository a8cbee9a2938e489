import { DomainError } from '../errors';

/**
 * SKUs from a pattern such as `{CAT}-{REG}{SEQ:4}`: the category code, this device's register code
 * (so two offline devices never make the same SKU) and a per-device sequence.
 */
export const DEFAULT_SKU_PATTERN = '{CAT}-{REG}{SEQ:4}';

export interface SkuParts {
  category: string;
  register: string;
  sequence: number;
}

export function generateSku(pattern: string, parts: SkuParts): string {
  const category =
    parts.category
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 6) || 'GEN';
  const out = pattern.replace(/\{(CAT|REG|SEQ)(?::(\d+))?\}/g, (_, token: string, width?: string) => {
    if (token === 'CAT') return category;
    if (token === 'REG') return parts.register.toUpperCase();
    return String(parts.sequence).padStart(Number(width ?? 1), '0');
  });
  if (!pattern.includes('{SEQ'))
    throw new DomainError('sku-pattern-no-sequence', 'The SKU pattern needs {SEQ} or every SKU would be the same');
  if (!pattern.includes('{REG}'))
    throw new DomainError('sku-pattern-no-register', 'The SKU pattern needs {REG} so two devices never make the same SKU offline');
  return out;
}

/** Trimmed, upper-cased, inner spaces removed: how SKUs are compared for uniqueness. */
export function normaliseCode(code: string): string {
  return code.trim().replace(/\s+/g, '').toUpperCase();
}

/**
 * EAN-8, UPC-A (12) and EAN-13 carry a check digit; a code of that shape with a wrong one is a
 * typo or a mis-scan. Other codes (Code 128 tags, supplier codes) are accepted as they are.
 */
export function checkBarcode(code: string): { ok: true } | { ok: false; message: string } {
  if (!/^\d+$/.test(code) || ![8, 12, 13].includes(code.length)) return { ok: true };
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  // From the right, weights alternate 3, 1 (the digit next to the check digit has weight 3).
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  const expected = (10 - (sum % 10)) % 10;
  return check === expected
    ? { ok: true }
    : { ok: false, message: `${code} is not a valid ${code.length === 12 ? 'UPC' : 'EAN'} code (check digit should be ${expected})` };
}
