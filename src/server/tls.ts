import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { ServerConfig } from './config';
import { StartupError, describeFsError, firstLine } from './startup-error';

export interface TlsCredentials {
  readonly cert: Buffer;
  readonly key: Buffer;
}

function readPem(path: string, what: string, variable: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new StartupError(`Cannot read the TLS ${what} ${path} (${variable}): ${describeFsError(error)}`, {
      cause: error,
    });
  }
}

/**
 * Reads the certificate and key and checks they form a usable pair now, so a typo or a
 * mismatched key stops start-up with a clear line instead of failing every handshake later.
 */
export function loadTlsCredentials(tls: NonNullable<ServerConfig['tls']>): TlsCredentials {
  const cert = readPem(tls.certPath, 'certificate', 'TROVE_TLS_CERT');
  const key = readPem(tls.keyPath, 'key', 'TROVE_TLS_KEY');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new StartupError(
      `The TLS certificate ${tls.certPath} and key ${tls.keyPath} are not usable (TROVE_TLS_CERT / TROVE_TLS_KEY): ${firstLine(error)}`,
      { cause: error },
    );
  }
  return { cert, key };
}
