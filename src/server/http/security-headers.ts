import type { ServerResponse } from 'node:http';

// 'wasm-unsafe-eval' lets the barcode decoder compile its wasm; 'unsafe-inline' styles because
// Svelte writes inline style attributes (style: directives, transitions). All else same-origin.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // The camera scans barcodes; nothing needs the microphone or location.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};

export const HSTS_VALUE = 'max-age=31536000';

/** The headers for every response; HSTS only over HTTPS (browsers ignore it on plain HTTP). */
export function securityHeaders(https: boolean): Readonly<Record<string, string>> {
  return https ? { ...SECURITY_HEADERS, 'Strict-Transport-Security': HSTS_VALUE } : SECURITY_HEADERS;
}

/** Set first thing for each request, so API, static and error responses all carry them. */
export function applySecurityHeaders(res: ServerResponse, https: boolean): void {
  for (const [name, value] of Object.entries(securityHeaders(https))) res.setHeader(name, value);
}
