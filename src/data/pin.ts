import { PIN_ALGORITHM, type StaffPin } from '../domain/staff';
import type { RandomSource } from '../domain/ids';

/**
 * PIN hashing with WebCrypto (PBKDF2-HMAC-SHA-256), the same API in every browser, the service
 * worker and Node 20. 210,000 iterations take ~50 ms in Node and a few hundred on an older
 * tablet: slow enough to make each guess cost something, quick enough for a PIN pad. It is not
 * what protects the shop (a 4–6 digit PIN falls to brute force either way; ARCHITECTURE §10) —
 * it keeps PINs unreadable, so a PIN reused elsewhere does not leak from a synced record.
 */
export const PIN_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so timing says nothing about the hash. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** A fresh random salt and the PIN's PBKDF2 hash: the only form a PIN is ever stored or sent in. */
export async function hashPin(pin: string, random: RandomSource, iterations: number = PIN_ITERATIONS): Promise<StaffPin> {
  const salt = random(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: PIN_ALGORITHM, iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Whether `pin` is the one `stored` was made from (false for a record in an unknown format). */
export async function verifyPin(pin: string, stored: StaffPin): Promise<boolean> {
  if (stored.algorithm !== PIN_ALGORITHM) return false;
  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = fromBase64(stored.salt);
    expected = fromBase64(stored.hash);
  } catch {
    return false;
  }
  return sameBytes(await derive(pin, salt, stored.iterations), expected);
}
