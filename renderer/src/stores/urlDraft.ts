import type { AuthSpec, RequestBodySpec, UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import type { UrlSendRequest } from '../../../shared/ipc/url';

/**
 * The request editor's state and its two translations: editor → `UrlSendRequest` (what url.send,
 * url.curl.export take) and `UrlFetchRequest` → editor (curl import, history). Kept apart from the
 * store so both directions are plain functions with their own tests.
 *
 * The editor keeps more than a request carries — disabled header rows, the text of every body kind
 * and every auth kind — so switching a tab back and forth never loses what the user typed.
 */

/** One editable row (headers, form fields): disabled rows stay in the table but are not sent. */
export interface KvRow {
  id: string;
  enabled: boolean;
  name: string;
  value: string;
}

export interface FileRow {
  id: string;
  /** the form field name */
  name: string;
  filename: string;
  contentType: string;
  size: number;
  dataBase64: string;
}

export type BodyKind = RequestBodySpec['kind'];
export type AuthKind = AuthSpec['kind'];

export interface Draft {
  method: string;
  url: string;
  headers: KvRow[];
  bodyKind: BodyKind;
  rawText: string;
  rawContentType: string;
  jsonText: string;
  formFields: KvRow[];
  multipartFields: KvRow[];
  files: FileRow[];
  authKind: AuthKind;
  basicUser: string;
  basicPassword: string;
  bearerToken: string;
  /** seconds as typed; '' = the service's default */
  timeoutS: string;
  /** 0 = do not follow redirects */
  maxRedirects: number;
  /** PEM text of an extra CA for this request, and where it came from (file name) */
  caPem: string | null;
  caName: string | null;
  /** '' = Settings decide (env / manual / none) */
  proxyUrl: string;
  noProxy: string;
}

let rowSeq = 0;
/** Row ids only need to be unique within this page (React keys, edit targets). */
export const newRowId = (): string => `r${++rowSeq}`;
export const kvRow = (name = '', value = '', enabled = true): KvRow => ({ id: newRowId(), enabled, name, value });

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** RFC 9110 token: what the contract's HttpMethod accepts. */
export const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const DEFAULT_MAX_REDIRECTS = 20;

export function emptyDraft(): Draft {
  return {
    method: 'GET',
    url: '',
    headers: [],
    bodyKind: 'none',
    rawText: '',
    rawContentType: 'text/plain',
    jsonText: '',
    formFields: [],
    multipartFields: [],
    files: [],
    authKind: 'none',
    basicUser: '',
    basicPassword: '',
    bearerToken: '',
    timeoutS: '',
    maxRedirects: DEFAULT_MAX_REDIRECTS,
    caPem: null,
    caName: null,
    proxyUrl: '',
    noProxy: '',
  };
}

const sendable = (rows: KvRow[]): [string, string][] => rows.filter((r) => r.enabled && r.name.trim() !== '').map((r) => [r.name.trim(), r.value]);

function bodySpec(d: Draft): RequestBodySpec {
  switch (d.bodyKind) {
    case 'raw':
      return d.rawContentType.trim() ? { kind: 'raw', text: d.rawText, contentType: d.rawContentType.trim() } : { kind: 'raw', text: d.rawText };
    case 'json':
      return { kind: 'json', text: d.jsonText };
    case 'form':
      return { kind: 'form', fields: sendable(d.formFields) };
    case 'multipart':
      return {
        kind: 'multipart',
        fields: sendable(d.multipartFields),
        files: d.files.map((f) => ({ name: f.name || 'file', filename: f.filename, contentType: f.contentType || undefined, dataBase64: f.dataBase64 })),
      };
    default:
      return { kind: 'none' };
  }
}

function authSpec(d: Draft): AuthSpec {
  if (d.authKind === 'basic') return { kind: 'basic', user: d.basicUser, password: d.basicPassword };
  if (d.authKind === 'bearer') return { kind: 'bearer', token: d.bearerToken };
  return { kind: 'none' };
}

/** The timeout field in ms, or undefined when empty/invalid (the service's default applies). */
export function timeoutMs(d: Draft): number | undefined {
  const s = Number(d.timeoutS.trim());
  if (!d.timeoutS.trim() || !Number.isFinite(s) || s <= 0) return undefined;
  return Math.min(3_600_000, Math.max(100, Math.round(s * 1000)));
}

/** What the editor would send right now; `robotsAgent` asks main to return the verdict too. */
export function draftToRequest(d: Draft, robotsAgent?: string): UrlSendRequest {
  const req: UrlSendRequest = {
    url: d.url.trim(),
    method: d.method.trim() || 'GET',
    headers: sendable(d.headers),
    body: bodySpec(d),
    auth: authSpec(d),
    maxRedirects: d.maxRedirects,
  };
  const t = timeoutMs(d);
  if (t !== undefined) req.timeoutMs = t;
  if (d.caPem) req.ca = d.caPem;
  if (d.proxyUrl.trim()) req.proxy = d.noProxy.trim() ? { url: d.proxyUrl.trim(), noProxy: d.noProxy.trim() } : { url: d.proxyUrl.trim() };
  if (robotsAgent !== undefined) req.robotsAgent = robotsAgent;
  return req;
}

/**
 * A request from curl import or history, as editor state. Text of body/auth kinds the request does
 * not use is kept from `prev`, so loading a GET does not wipe a JSON body typed earlier; the CA is
 * kept unless the request brings one (an imported curl names a file it cannot read).
 */
export function requestToDraft(r: Partial<UrlFetchRequest> & { url: string }, prev: Draft = emptyDraft()): Draft {
  const d: Draft = {
    ...prev,
    url: r.url,
    method: r.method ?? 'GET',
    headers: (r.headers ?? []).map(([n, v]) => kvRow(n, v)),
    bodyKind: r.body?.kind ?? 'none',
    authKind: r.auth?.kind ?? 'none',
    maxRedirects: r.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    timeoutS: r.timeoutMs ? String(r.timeoutMs / 1000) : '',
    proxyUrl: r.proxy?.url ?? '',
    noProxy: r.proxy?.noProxy ?? '',
  };
  if (r.ca) {
    d.caPem = r.ca;
    d.caName = 'from request';
  }
  const b = r.body;
  if (b?.kind === 'raw') {
    d.rawText = b.text;
    d.rawContentType = b.contentType ?? '';
  } else if (b?.kind === 'json') d.jsonText = b.text;
  else if (b?.kind === 'form') d.formFields = b.fields.map(([n, v]) => kvRow(n, v));
  else if (b?.kind === 'multipart') {
    d.multipartFields = b.fields.map(([n, v]) => kvRow(n, v));
    d.files = b.files.map((f) => ({
      id: newRowId(),
      name: f.name,
      filename: f.filename,
      contentType: f.contentType ?? '',
      dataBase64: f.dataBase64,
      size: base64Size(f.dataBase64),
    }));
  }
  const a = r.auth;
  if (a?.kind === 'basic') {
    d.basicUser = a.user;
    d.basicPassword = a.password;
  } else if (a?.kind === 'bearer') d.bearerToken = a.token;
  return d;
}

/** Decoded size of a base64 string without decoding it. */
export function base64Size(b64: string): number {
  const s = b64.replace(/[^A-Za-z0-9+/=]/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}
