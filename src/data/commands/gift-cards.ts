import { GIFT_CARD_CODE } from '../../domain/sale/sale';
import type { CreditRecord } from '../../domain/sale/types';
import { registerCodeOf } from '../queries/register';
import { newId } from './ids';
import type { Env } from './perform';

/**
 * A code for a gift card with none printed on it: `GC-<register>-<8 random hex>`. The register
 * code keeps two registers apart offline and the random part keeps one register's cards apart.
 */
export async function makeGiftCardCode(env: Pick<Env, 'db' | 'random'>): Promise<string> {
  const hex = Array.from(env.random(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `GC-${await registerCodeOf(env.db)}-${hex.toUpperCase()}`;
}

/** A card code as typed or scanned, in the form it is stored (upper case, no spaces around it). */
export const normaliseCardCode = (code: string): string => code.trim().toUpperCase();

/**
 * The account a gift card about to be sold will credit: a new one for a code not used here yet,
 * or the card's own account when it is already a gift card (selling more onto it: a top-up).
 * A code that is store credit's is refused. Another register may have used the code while
 * offline: the server then keeps both sales and opens a duplicate-code case.
 */
export async function giftCardToSell(env: Env, code: string): Promise<{ creditId: string; code: string; topUp: boolean }> {
  const normal = normaliseCardCode(code);
  if (!GIFT_CARD_CODE.test(normal)) throw new Error('A gift card code is 4–32 letters, digits or dashes');
  const existing = (await env.db.credits.where('code').equals(normal).first()) as unknown as CreditRecord | undefined;
  if (existing && existing.kind !== 'gift-card') throw new Error(`${normal} is a store credit voucher, not a gift card`);
  return existing ? { creditId: existing.id, code: normal, topUp: true } : { creditId: newId(env), code: normal, topUp: false };
}
