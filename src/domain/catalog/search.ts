/**
 * Search tokens (ARCHITECTURE.md §10 "Search"): every item carries normalised tokens of its SKU,
 * barcodes, title words, option values, attributes and tags in a multi-entry index; a query
 * matches items whose tokens start with every query word.
 */

/** Lower case, accents removed, split on anything that is not a letter or digit. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Distinct tokens of all the given texts, plus each whole code (SKU/barcode) as one token. */
export function tokensOf(texts: readonly (string | undefined | null)[], codes: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const text of texts) if (text) tokenize(text).forEach((t) => out.add(t));
  for (const code of codes) if (code) out.add(code.toLowerCase().replace(/\s+/g, ''));
  return [...out];
}

/**
 * Which query word to scan the index with: the longest one is usually the rarest (a prefix of
 * one letter matches most of the catalogue), so the fewest candidates are read.
 */
export function planQuery(query: string): { scan: string; rest: string[] } | undefined {
  const words = [...new Set(tokenize(query))];
  if (words.length === 0) return undefined;
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return { scan: sorted[0]!, rest: sorted.slice(1) };
}

/** True when every word is a prefix of one of the tokens. */
export function matchesAll(tokens: readonly string[], words: readonly string[]): boolean {
  return words.every((w) => tokens.some((t) => t.startsWith(w)));
}
