import type { CaseType } from '../../../domain/cases';

/** What each kind of case is called in the inbox. */
export const CASE_TITLES: Record<CaseType, string> = {
  'piece-oversold': 'Piece sold twice',
  'credit-overspent': 'Credit spent twice',
  'duplicate-code': 'Code used twice',
  'clock-wrong': 'Device clock wrong',
};

/** What happened and what to do, in plain words. */
export const CASE_HELP: Record<CaseType, string> = {
  'piece-oversold':
    'Two registers sold the same one-of-a-kind piece while they were offline. Both sales stand — the money and the customers are real — and the one the server received later is flagged. Decide what happened to the second customer.',
  'credit-overspent':
    'The same store credit or gift card balance was spent on two registers while offline, so the account is below zero. Both sales stand. Collect the difference from the customer, or write it off.',
  'duplicate-code':
    'Two registers gave the same SKU, barcode or gift card code to different things while offline. Both stand; give one of them a new code, then mark this case.',
  'clock-wrong':
    'A device’s date or time is off, so its changes were stamped with the server’s time instead. Set the device’s date and time to automatic, then mark this case.',
};

/** The button that resolves a case this way. */
export const ACTION_LABELS: Record<string, string> = {
  'clock-fixed': 'Clock fixed',
  'code-changed': 'Code changed',
  collected: 'Difference collected',
  'written-off': 'Write it off',
  refunded: 'Refund one sale',
  substituted: 'Customer took a substitute',
  'special-order': 'Special order',
  'found-stock': 'Found stock — there were two',
  dismissed: 'Dismiss',
};

/** How a resolved case reads. */
export const RESOLVED_LABELS: Record<string, string> = {
  'clock-fixed': 'Clock fixed',
  'code-changed': 'Code changed',
  collected: 'Difference collected',
  'written-off': 'Written off',
  refunded: 'One sale refunded',
  substituted: 'Customer took a substitute',
  'special-order': 'Special order',
  'found-stock': 'Found stock (there were two)',
  dismissed: 'Dismissed',
};
