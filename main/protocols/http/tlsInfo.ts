import { createHash } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import type { CertInfo, TlsInfo } from './types';

/** Node's subject/issuer objects as an RFC 4514-ish one-liner (`CN=localhost, O=Proto`). */
function dn(o: PeerCertificate['subject'] | undefined): string {
  if (!o) return '';
  return Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ');
}

/** `DNS:localhost, IP Address:127.0.0.1` → ['DNS:localhost', 'IP:127.0.0.1']. */
export function parseSans(altNames: string | undefined): string[] {
  if (!altNames) return [];
  return altNames.split(/,\s*/).filter(Boolean).map((s) => {
    if (!s.startsWith('IP Address:')) return s;
    const ip = s.slice(11);
    // OpenSSL prints IPv6 uncompressed (0:0:0:0:0:0:0:1); show the canonical ::1
    return `IP:${ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip}`;
  });
}

const iso = (d: string) => {
  const t = Date.parse(d);
  return Number.isNaN(t) ? d : new Date(t).toISOString();
};

/** Lowercase hex SHA-256 of a certificate's DER: the fingerprint the trust store pins. */
export function fingerprint(cert: PeerCertificate): string {
  return cert.raw ? createHash('sha256').update(cert.raw).digest('hex') : (cert.fingerprint256 ?? '').replace(/:/g, '').toLowerCase();
}

export function certInfo(c: PeerCertificate): CertInfo {
  return { subject: dn(c.subject), issuer: dn(c.issuer), sans: parseSans(c.subjectaltname), validFrom: iso(c.valid_from), validTo: iso(c.valid_to), sha256: fingerprint(c) };
}

/** The peer chain, leaf first, walking issuerCertificate until the self-issued one (or a repeat). */
export function peerChain(socket: TLSSocket): CertInfo[] {
  const chain: CertInfo[] = [];
  let c: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true) as DetailedPeerCertificate;
  const seen = new Set<string>();
  while (c && c.raw && chain.length < 16) {
    const info = certInfo(c);
    if (seen.has(info.sha256)) break;
    seen.add(info.sha256);
    chain.push(info);
    if (!c.issuerCertificate || c.issuerCertificate === c) break;
    c = c.issuerCertificate;
  }
  return chain;
}

export function tlsInfo(socket: TLSSocket): TlsInfo {
  return {
    protocol: socket.getProtocol() ?? null,
    alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    cipher: socket.getCipher()?.name ?? null,
    chain: peerChain(socket),
  };
}
