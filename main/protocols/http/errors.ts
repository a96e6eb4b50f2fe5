import { AppError, type ErrorCode } from '../../../shared/errors';

/** OpenSSL verification codes that mean "not trusted" (ECERT) rather than a broken handshake (ETLS). */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'INVALID_CA', 'CERT_SIGNATURE_FAILURE',
]);
export const isCertCode = (code: string | undefined) => !!code && CERT_CODES.has(code);

/**
 * Maps whatever Node throws during an HTTP exchange to one of our codes (the one place that does;
 * CONVENTIONS §3). `detail` (hops so far, …) is attached by the caller.
 */
export function toAppError(e: unknown, detail?: unknown): AppError {
  if (e instanceof AppError) return detail === undefined || e.detail !== undefined ? e : new AppError(e.code, e.message, detail);
  const err = e as NodeJS.ErrnoException & { hostname?: string };
  const code = err?.code ?? '';
  const msg = err?.message ?? String(e);
  let c: ErrorCode = 'EINTERNAL';
  let text = msg;
  if (code === 'ECONNREFUSED') [c, text] = ['ECONNECTION', `connection refused (${msg.replace(/^connect ECONNREFUSED /, '')})`];
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_NODATA') [c, text] = ['ENOTFOUND', `host not found: ${err.hostname ?? msg}`];
  else if (code === 'ETIMEDOUT') c = 'ETIMEDOUT';
  else if (code === 'HPE_HEADER_OVERFLOW') [c, text] = ['ELIMIT', 'response headers too large (over the header size limit)'];
  else if (code.startsWith('HPE_')) [c, text] = ['EPROTOCOL', `malformed HTTP response: ${msg}`];
  else if (code.startsWith('ERR_HTTP2')) [c, text] = ['EPROTOCOL', `HTTP/2 error: ${msg}`];
  else if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || code.startsWith('ERR__ERROR_FORMAT')) [c, text] = ['EPROTOCOL', `could not decode the body: ${msg}`];
  else if (code === 'ERR_ZLIB_INITIALIZATION_FAILED' || (err?.errno !== undefined && /^(Z_|ERR_BROTLI)/.test(code))) [c, text] = ['EPROTOCOL', `could not decode the body: ${msg}`];
  else if (isCertCode(code)) c = 'ECERT';
  else if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL routines|alert/i.test(msg)) c = 'ETLS';
  else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    c = 'ECONNECTION';
    if (msg === 'aborted' || code === 'ERR_STREAM_PREMATURE_CLOSE') text = 'the server closed the connection before the response was complete';
    else if (msg === 'socket hang up') text = 'the server closed the connection without a response';
  } else if (err?.name === 'AbortError' || code === 'ABORT_ERR') c = 'ECANCELLED';
  return new AppError(c, text, detail);
}
