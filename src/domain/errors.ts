/**
 * The one error type the domain and data layers throw. `reason` is a stable kebab-case code that
 * the UI, the server and tests match on; `meta` carries the facts needed to explain it.
 */
export class DomainError extends Error {
  readonly reason: string;
  readonly meta: Readonly<Record<string, unknown>>;

  constructor(reason: string, message?: string, meta: Record<string, unknown> = {}) {
    super(message ?? reason);
    this.name = 'DomainError';
    this.reason = reason;
    this.meta = meta;
  }
}

export function isDomainError(error: unknown, reason?: string): error is DomainError {
  return error instanceof DomainError && (reason === undefined || error.reason === reason);
}

/** Throws `DomainError(reason)` unless `condition` holds; narrows like an assertion. */
export function invariant(condition: unknown, reason: string, message?: string, meta?: Record<string, unknown>): asserts condition {
  if (!condition) throw new DomainError(reason, message, meta);
}
