import { backfillKeys } from './backfill-keys';

// Lookup key added with the conflicts inbox (domain LOOKUP_FIELDS): a piece's ledger events by
// piece, so a sale finds a piece another sale already took (piece-oversold case).
export const { up, down } = backfillKeys([['stockEvents', 'pieceId']]);
