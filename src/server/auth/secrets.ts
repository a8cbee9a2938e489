import { createHash, randomBytes, randomFillSync, randomInt } from 'node:crypto';
import { createIdGenerator } from '../../domain/ids';
import type { Id } from '../../domain/ids';

/** Pairing-code letters: no 0/O, 1/I/L, so a code read off a screen is typed right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** Hex sha256. Tokens and codes are stored only this way: a copied database pairs nothing. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A fresh one-time pairing code, shown as `XXXX-XXXX`. randomInt avoids modulo bias. */
export function generatePairingCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What people type: any case, with or without the dash or spaces. */
export function normalisePairingCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function hashPairingCode(input: string): string {
  return sha256Hex(normalisePairingCode(input));
}

/** A device's bearer token: 32 random bytes, base64url. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Device ids are UUIDv7 made by the shared domain generator, as everywhere else in Trove. */
export const newId: () => Id = createIdGenerator({ now: () => Date.now() }, (bytes) => randomFillSync(bytes));
