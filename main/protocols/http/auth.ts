/** Authorization header values for the request editor's Basic and Bearer modes. */

/**
 * RFC 7617 Basic credentials, user-id and password as UTF-8 (the `charset="UTF-8"` behaviour every
 * current server expects). A colon in the user name cannot be represented, so it is refused.
 * @example basicAuth('user', 'pass') // 'Basic dXNlcjpwYXNz'
 */
export function basicAuth(user: string, password: string): string {
  if (user.includes(':')) throw new RangeError('a Basic auth user name cannot contain ":"');
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** RFC 6750 bearer token; the token is sent as given (b64token syntax is the issuer's business). */
export function bearerAuth(token: string): string {
  if (/[\r\n]/.test(token)) throw new RangeError('a bearer token cannot contain line breaks');
  return `Bearer ${token}`;
}

/** Splits `Basic xxx` back into user and password (curl import of -u is the reverse path). */
export function parseBasic(value: string): { user: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? null : { user: text.slice(0, i), password: text.slice(i + 1) };
}
