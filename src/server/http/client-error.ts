import type { Duplex } from 'node:stream';
import { errorCode } from '../startup-error';
import { securityHeaders } from './security-headers';

const STATUS: Readonly<Record<string, readonly [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers-too-large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request-timeout'],
};

/**
 * Answers requests Node's HTTP parser rejected before any handler ran (malformed request line,
 * oversized headers, timeouts). Node's own reply would be a bare "400 Bad Request" without our
 * JSON error shape or security headers; this keeps both promises for every response.
 */
export function createClientErrorHandler(https: boolean): (error: Error, socket: Duplex) => void {
  return (error, socket) => {
    const code = errorCode(error);
    if (code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, text, reason] = (code !== undefined ? STATUS[code] : undefined) ?? [400, 'Bad Request', 'bad-request'];
    const body = JSON.stringify({ error: reason, message: `The request could not be read (${text.toLowerCase()})` });
    const headers = {
      ...securityHeaders(https),
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      Connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${text}\r\n${head}\r\n${body}`);
  };
}
