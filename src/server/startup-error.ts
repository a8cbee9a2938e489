/**
 * An error that stops the server from starting. Its message is written to stderr as ONE line,
 * without a stack trace, so it must say what is wrong and what to do about it.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** Node system errors carry a `code` such as ENOENT; anything else has none. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file with that name is in the way',
  EISDIR: 'it is a folder, not a file',
  ENOSPC: 'the disk is full',
};

/** A short human reason for a file-system error, for one-line start-up messages. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code !== undefined && FS_REASONS[code] !== undefined) return FS_REASONS[code];
  return firstLine(error);
}

/** The first line of an error's message: start-up output must stay on one line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() || 'unknown error';
}
